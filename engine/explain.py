"""Turning evaluation results into the report's references and plain sentences."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .model.base import Cite
from .model.case import Case
from .model.report import AuthorityRef, Dispute, FactRef, SideValue
from .model.rubric import Attribute
from .record import Version, fact_order

_AUTHORITY_REFS: dict[tuple[str, str], AuthorityRef] = {}


def authority_refs(cites: Iterable[Cite]) -> list[AuthorityRef]:
    """Each cite once, in order; references are immutable, so equal ones are shared."""
    seen: dict[tuple[str, str], AuthorityRef] = {}
    for cite in cites:
        key = (cite.authority, cite.pin)
        if key not in seen:
            ref = _AUTHORITY_REFS.get(key)
            if ref is None:
                ref = _AUTHORITY_REFS[key] = AuthorityRef.model_construct(id=key[0], pin=key[1])
            seen[key] = ref
    return list(seen.values())


def fact_refs(case: Case, fact_ids: Iterable[str]) -> list[FactRef]:
    unique = sorted(set(fact_ids), key=lambda f: fact_order(case, f))
    return [
        FactRef.model_construct(
            id=fid,
            text=case.facts[fid].text,
            cite=case.facts[fid].cite,
            evidence=case.facts[fid].evidence.value,
            offered_by=case.facts[fid].offered_by.value,
        )
        for fid in unique
    ]


def shown_value(value: Any) -> Any:
    """A value as JSON shows it: party sets become sorted lists."""
    if isinstance(value, frozenset):
        return sorted(value)
    return value


def dispute(
    case: Case,
    attribute_id: str,
    attribute: Attribute,
    non_movant: Version | None,
    movant: Version | None,
) -> Dispute:
    return Dispute.model_construct(
        attribute=attribute_id,
        question=attribute.question,
        non_movant=_side(case, non_movant),
        movant=_side(case, movant),
    )


def _side(case: Case, version: Version | None) -> SideValue:
    if version is None:
        return SideValue.model_construct(value=None, facts=[])
    return SideValue.model_construct(
        value=shown_value(version.value), facts=fact_refs(case, version.facts)
    )


def cite_list(facts: list[FactRef]) -> str:
    return "; ".join(f.cite for f in facts)


def party_label(case: Case, side: str) -> str:
    return case.plaintiff.name if side == "plaintiff" else "the defendants"


def join_labels(labels: list[str]) -> str:
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1]


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text
