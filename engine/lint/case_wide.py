"""Checks over a whole case: what is left to write, and what the engine could not weigh."""

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from ..model.case import Case, OneOf
from ..vocab import AttributeType
from .context import CaseContext, present_entries
from .registry import Issue, Subject, YamlPath, rule

#: The most versions of one party attribute the engine weighs. It must equal the engine's
#: own bound of the same name (``engine/record.py``), so that validate refuses exactly the
#: cases the engine would.
MAX_PARTY_VERSIONS = 4096

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
    choice, and the engine weighs every combination of choices. Past its bound of
    ``MAX_PARTY_VERSIONS`` the case cannot be weighed; name the defendants where the record
    does, or merge facts that leave the same choice open.

    Fails: 13 facts each with ``force_applied_by: {one_of: [ramos, knowles]}`` (2^13).
    Passes: the same choice left open in one fact.
    """
    product: dict[str, int] = {}
    for fact_id, attribute_id, value in _open_party_values(ctx.case, ctx):
        before = product.get(attribute_id, 1)
        product[attribute_id] = after = before * len(value.one_of)
        if before <= MAX_PARTY_VERSIONS < after:
            yield Issue(
                f"the facts leave '{attribute_id}' open so many ways (one_of up to fact "
                f"'{fact_id}': {after} combinations) that the engine cannot weigh them "
                f"(at most {MAX_PARTY_VERSIONS}); name the defendants where the record does",
                ("facts", fact_id, "establishes", attribute_id),
                key=True,
            )


def _open_party_values(case: Case, ctx: CaseContext) -> Iterator[tuple[str, str, OneOf]]:
    attributes = ctx.library.attributes
    for fact_id, fact in present_entries(case.facts):
        for attribute_id, value in fact.establishes.items():
            attribute = attributes.get(attribute_id)
            party = attribute is not None and attribute.type is AttributeType.PARTY
            if party and isinstance(value, OneOf):
                yield fact_id, attribute_id, value
