"""Declarative conditions: how rubrics ask questions of the facts, never code."""

from typing import Annotated, Any, Literal

from pydantic import (
    Discriminator,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    Tag,
    model_validator,
)
from typing_extensions import TypeAliasType

from .base import Frozen

Scalar = StrictBool | StrictInt | StrictFloat | str

#: ``the_defendant`` is the defendant a claim is being evaluated against.
PartyRef = Literal["the_defendant"]


class AttributeTest(Frozen):
    """One attribute compared with a value or level; exactly one comparison."""

    attr: str = Field(description="A declared attribute id.")
    is_: Scalar | None = Field(None, alias="is")
    is_not: Scalar | None = None
    at_least: StrictInt | StrictFloat | str | None = None
    at_most: StrictInt | StrictFloat | str | None = None
    includes: PartyRef | None = None
    excludes: PartyRef | None = None

    def comparison(self) -> tuple[str, Any]:
        # Asked for every attribute a condition reads, so spelt out rather than looped.
        if self.is_ is not None:
            return "is", self.is_
        if self.is_not is not None:
            return "is_not", self.is_not
        if self.at_least is not None:
            return "at_least", self.at_least
        if self.at_most is not None:
            return "at_most", self.at_most
        if self.includes is not None:
            return "includes", self.includes
        if self.excludes is not None:
            return "excludes", self.excludes
        raise AssertionError("validated to have a comparison")

    @model_validator(mode="after")
    def _one_comparison(self) -> "AttributeTest":
        given = [
            n
            for n in ("is_", "is_not", "at_least", "at_most", "includes", "excludes")
            if getattr(self, n) is not None
        ]
        if len(given) != 1:
            raise ValueError(
                f"condition on '{self.attr}' needs exactly one of is, is_not, at_least, "
                f"at_most, includes, excludes (found {len(given)})"
            )
        return self


class AllOf(Frozen):
    all: "list[Condition]" = Field(min_length=1)


class AnyOf(Frozen):
    any: "list[Condition]" = Field(min_length=1)


class NotOf(Frozen):
    not_: "Condition" = Field(alias="not")


class ClaimHolds(Frozen):
    """Another claim holds in the same world: against this defendant, another named
    defendant, or anyone else who acted (a defendant, a non-party who acted for the state,
    or an officer nobody has identified)."""

    claim: str
    against: Literal["the_defendant", "another_defendant", "another_actor"] = Field(
        "the_defendant",
        description="the_defendant; another_defendant (a named defendant); another_actor "
        "(anyone else who acted: a defendant, a non-party state actor, an unidentified officer)",
    )


class ClearlyEstablished(Frozen):
    """Some precedent of the defense, decided before the incident, covers these facts."""

    clearly_established: Literal[True]


CONDITION_KEYS = {
    "all": "all",
    "any": "any",
    "not": "not",
    "attr": "attr",
    "claim": "claim",
    "clearly_established": "clearly_established",
}


def _condition_tag(value: Any) -> str | None:
    if isinstance(value, dict):
        for key, tag in CONDITION_KEYS.items():
            if key in value:
                return tag
        return None
    if isinstance(value, Frozen):
        return {
            AllOf: "all",
            AnyOf: "any",
            NotOf: "not",
            AttributeTest: "attr",
            ClaimHolds: "claim",
            ClearlyEstablished: "clearly_established",
        }.get(type(value))
    return None


#: A named alias, so that a schema describes a condition once however many fields hold one.
Condition = TypeAliasType(
    "Condition",
    Annotated[
        Annotated[AllOf, Tag("all")]
        | Annotated[AnyOf, Tag("any")]
        | Annotated[NotOf, Tag("not")]
        | Annotated[AttributeTest, Tag("attr")]
        | Annotated[ClaimHolds, Tag("claim")]
        | Annotated[ClearlyEstablished, Tag("clearly_established")],
        Discriminator(
            _condition_tag,
            custom_error_type="condition",
            custom_error_message=(
                "a condition is a mapping with one of: all, any, not, attr, claim, "
                "clearly_established"
            ),
        ),
    ],
)
