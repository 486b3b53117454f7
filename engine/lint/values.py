"""Whether a value fits an attribute, shared by case facts and rubric conditions."""

from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from pydantic import BaseModel

from ..library import Library
from ..model.case import UNIDENTIFIED_OFFICER, AtLeast, AtLeastOneOf, ByParty, OneOf
from ..vocab import AttributeType
from .registry import YamlPath

#: Plain words YAML 1.1 read as booleans; in a boolean's place they are almost always meant
#: as one.
_YAML11_WORDS = {"yes": True, "no": False, "on": True, "off": False, "y": True, "n": False}


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    # Imported when a finding needs it: a clean case never does.
    from ..spelling import did_you_mean as suggest

    return suggest(word, choices)


def check_value(
    library: Library,
    attribute_id: str,
    value: Any,
    defendants: set[str] | None,
    others: set[str] = frozenset(),  # type: ignore[assignment]
) -> str | None:
    """Why ``value`` cannot be a value of the attribute, or None when it can. A party value
    may name ``defendants`` and ``others`` (the case's non-parties)."""
    attribute = library.attributes[attribute_id]
    kind = attribute.type
    if form_misfit(library, attribute_id, value):
        return None  # R024 says what the form needs
    if isinstance(value, ByParty):
        return _by_party_problem(library, attribute_id, value, defendants, others)
    if isinstance(value, AtLeast):
        value = value.at_least
    if kind is AttributeType.BOOLEAN and not isinstance(value, bool):
        return f"'{attribute_id}' is a boolean attribute: write true or false"
    if kind is AttributeType.NUMBER and (
        isinstance(value, bool) or not isinstance(value, int | float)
    ):
        return f"'{attribute_id}' is a number ({attribute.unit}): write a number"
    if kind is AttributeType.ORDINAL and value not in (attribute.levels or []):
        hint = did_you_mean(value, attribute.levels or []) if isinstance(value, str) else ""
        return (
            f"'{value}' is not a level of '{attribute_id}' (levels: "
            + ", ".join(attribute.levels or [])
            + f"){hint}"
        )
    if kind is AttributeType.PARTY:
        return _party_problem(attribute_id, value, defendants, others)
    if isinstance(value, OneOf | list):
        return f"'{attribute_id}' is a {kind} attribute, not a list of defendants"
    return None


def form_misfit(library: Library, attribute_id: str, value: Any) -> str | None:
    """Why an open or partial form of value cannot be given to the attribute, or None."""
    attribute = library.attributes[attribute_id]
    if isinstance(value, AtLeast) and attribute.type is not AttributeType.ORDINAL:
        hint = (
            "; for one or more of several defendants write {at_least_one_of: [...]}"
            if attribute.type is AttributeType.PARTY
            else ""
        )
        return (
            f"'{attribute_id}' is a {attribute.type} attribute: only an ordinal attribute's "
            f"value can be a floor ({{at_least: LEVEL}}){hint}"
        )
    if isinstance(value, AtLeastOneOf) and attribute.type is not AttributeType.PARTY:
        return (
            f"'{attribute_id}' is a {attribute.type} attribute: only an attribute that names "
            "defendants can be {at_least_one_of: [...]}"
        )
    if isinstance(value, ByParty) and attribute.type is AttributeType.PARTY:
        return (
            f"'{attribute_id}' names parties itself: write a list like [ramos], not a value "
            "for each party ({by_party: ...})"
        )
    return None


def _by_party_problem(
    library: Library,
    attribute_id: str,
    value: ByParty,
    defendants: set[str] | None,
    others: set[str],
) -> str | None:
    """A value for each party: every key a party of the case, every value one the attribute
    takes."""
    for party, each in value.by_party.items():
        if defendants is not None:
            known = defendants | others | {UNIDENTIFIED_OFFICER}
            if party not in known:
                return (
                    f"unknown party '{party}' in '{attribute_id}'{did_you_mean(party, known)}; "
                    "by_party takes the case's defendants and non_parties"
                )
        problem = check_value(library, attribute_id, each, None)
        if problem:
            return f"{problem} (the value for '{party}')"
    return None


def _party_problem(
    attribute_id: str, value: Any, defendants: set[str] | None, others: set[str]
) -> str | None:
    if isinstance(value, OneOf):
        names = value.one_of
    elif isinstance(value, AtLeastOneOf):
        names = value.at_least_one_of
    else:
        names = value
    if not isinstance(names, list):
        return (
            f"'{attribute_id}' names defendants: write a list like [ramos], or "
            "{one_of: [ramos, knowles]} or {at_least_one_of: [ramos, knowles]} when the "
            f"record does not say which, or [{UNIDENTIFIED_OFFICER}]"
        )
    if defendants is not None:
        known = defendants | others
        unknown = [n for n in names if n not in known and n != UNIDENTIFIED_OFFICER]
        if unknown:
            where = "defendants or non_parties" if others else "defendants"
            return (
                f"unknown party '{unknown[0]}' in '{attribute_id}'"
                f"{did_you_mean(unknown[0], known)}; list them under the case's {where}"
            )
    return None


def yaml11_word(library: Library, attribute_id: str, value: Any) -> str | None:
    """The S005 message when a YAML 1.1 word stands where a boolean attribute's value goes."""
    attribute = library.attributes[attribute_id]
    if attribute.type is not AttributeType.BOOLEAN or not isinstance(value, str):
        return None
    meant = _YAML11_WORDS.get(value.lower())
    if meant is None:
        return None
    return (
        f"'{value}' is text, not a boolean (YAML 1.1 would have read it as one); "
        f"write {str(meant).lower()}"
    )


@cache
def _written_fields(model: type[BaseModel]) -> tuple[tuple[str, str], ...]:
    """A model's fields, each with the key a file writes it under."""
    return tuple((name, field.alias or name) for name, field in model.model_fields.items())


def walk(node: Any, at: YamlPath = ()) -> Iterator[tuple[Any, YamlPath]]:
    """Every model, list item and mapping value under ``node``, with its path in the file."""
    yield node, at
    if isinstance(node, BaseModel):
        for name, written in _written_fields(type(node)):
            value = getattr(node, name)
            if value is not None and not isinstance(value, str | int | float):
                yield from walk(value, (*at, written))
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from walk(value, (*at, str(key)))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from walk(value, (*at, i))
