"""Checks over a whole case: what is left to write, and what the engine could not weigh."""

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from ..model.case import AtLeastOneOf, Case, OneOf
from ..record import MAX_PARTY_VERSIONS, party_versions_exceeded
from ..vocab import AttributeType
from .context import CaseContext, present_entries
from .registry import Issue, Subject, YamlPath, rule

PLACEHOLDERS = ("TO BE COMPLETED", "TO BE CITED")


@rule("R022", Subject.CASE)
def placeholder_left(ctx: CaseContext) -> Iterator[Issue]:
    """Text that ``triable new`` wrote for the author to replace is still there.

    Fails: ``cite: 'TO BE CITED: the record cite'``; passes: ``cite: Pl. Tr. 40:19-41:19``.
    """
    if not _mentions_placeholder(ctx.case):
        return
    for text, at in _strings(ctx.case, ()):
        placeholder = next((p for p in PLACEHOLDERS if p in text), None)
        if placeholder is not None:
            yield Issue(f"'{placeholder}' is still here; replace it with the record's words", at)


def _mentions_placeholder(case: Case) -> bool:
    """A quick look, without paths: nearly every case has no placeholder."""
    stack: list[Any] = [case]
    while stack:
        node = stack.pop()
        kind = type(node)
        if kind is str:
            if "TO BE " in node:
                return True
        elif kind is dict:
            stack.extend(node.values())
        elif kind is list:
            stack.extend(node)
        elif isinstance(node, BaseModel):
            stack.extend(node.__dict__.values())
    return False


def _strings(node: Any, at: YamlPath) -> Iterator[tuple[str, YamlPath]]:
    if isinstance(node, str):
        yield node, at
    elif isinstance(node, BaseModel):
        for name, field in type(node).model_fields.items():
            yield from _strings(getattr(node, name, None), (*at, field.alias or name))
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, (*at, str(key)))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _strings(value, (*at, i))


@rule("R023", Subject.CASE)
def party_alternatives_beyond_bound(ctx: CaseContext) -> Iterator[Issue]:
    """Facts that leave a party attribute open (``one_of``) multiply: each open set is a
    choice, and the sets of parties they can add up to are the versions the engine weighs
    for the non-movant. Past ``MAX_PARTY_VERSIONS`` distinct sets on one side it weighs only
    the first of them (in the order of the defendants' names), so a favourable inference
    may be missed: name the defendants where the record does, or merge facts that leave the
    same choice open.

    Warns: 40 facts each with ``force_applied_by: {one_of: [a1, b1]}``, ``{one_of: [a2,
    b2]}``, ... Passes: the same choice left open in one fact, or in forty.
    """
    # A case read in part (some facts failed their schema) is weighed on the facts it has.
    present = ctx.case.model_copy(update={"facts": dict(present_entries(ctx.case.facts))})
    for attribute_id in party_versions_exceeded(present):
        first = next(
            fact_id
            for fact_id, name, _ in _open_party_values(ctx.case, ctx)
            if name == attribute_id
        )
        yield Issue(
            f"the facts leave '{attribute_id}' open so many ways that only the first "
            f"{MAX_PARTY_VERSIONS} sets of defendants are weighed; name the defendants where "
            "the record does",
            ("facts", first, "establishes", attribute_id),
            key=True,
        )


def _open_party_values(
    case: Case, ctx: CaseContext
) -> Iterator[tuple[str, str, OneOf | AtLeastOneOf]]:
    attributes = ctx.library.attributes
    for fact_id, fact in present_entries(case.facts):
        for attribute_id, value in fact.establishes.items():
            attribute = attributes.get(attribute_id)
            party = attribute is not None and attribute.type is AttributeType.PARTY
            if party and isinstance(value, OneOf | AtLeastOneOf):
                yield fact_id, attribute_id, value
