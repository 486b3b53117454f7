"""Turning evaluation results into the report's references and plain sentences."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .model.base import Cite
from .model.case import AtLeast, ByParty, Case
from .model.report import AuthorityRef, Dispute, FactRef, SideValue
from .model.rubric import SLOT, Attribute
from .record import Version, fact_ranks
from .vocab import DismissalReason

_DISMISSED_WORDS = {
    DismissalReason.CONCEDED: "dismissed as conceded",
    DismissalReason.WITHDRAWN: "dismissed as withdrawn",
    DismissalReason.ABANDONED: "dismissed as abandoned",
    DismissalReason.DISMISSED_BY_COURT: "dismissed by the court",
}


def dismissed_words(reason: DismissalReason) -> str:
    """How a dismissal reads in a sentence: "the claim is dismissed as conceded"."""
    return _DISMISSED_WORDS[reason]


def authority_refs(cites: Iterable[Cite]) -> list[AuthorityRef]:
    """Each cite once, in order."""
    seen: dict[tuple[str, str], AuthorityRef] = {}
    for cite in cites:
        key = (cite.authority, cite.pin)
        if key not in seen:
            seen[key] = AuthorityRef(id=cite.authority, pin=cite.pin)
    return list(seen.values())


class FactRefs:
    """References to a case's facts, each built once, listed in the case's fixed order."""

    def __init__(self, case: Case, rank: dict[str, int] | None = None) -> None:
        self.case = case
        self._facts = case.facts
        self._refs: dict[str, FactRef] = {}
        #: Each fact's place in the facts' order (the record's, where there is one).
        self._rank = rank
        #: The same few groups of facts (a version's witnesses) are listed again and again.
        self._lists: dict[tuple[str, ...], list[FactRef]] = {}

    def __call__(self, fact_ids: tuple[str, ...], in_order: bool = False) -> list[FactRef]:
        """``in_order``: the ids are one version's facts, which the record lists once each
        in the facts' order already, so there is nothing to sort."""
        found = self._lists.get(fact_ids)
        if found is None:
            ordered: Iterable[str] = fact_ids
            if len(fact_ids) > 1 and not in_order:  # most versions rest on one fact
                rank = self._rank
                if rank is None:
                    rank = self._rank = fact_ranks(self.case)
                ordered = sorted(set(fact_ids), key=rank.__getitem__)
            refs = self._refs
            found = []
            for fid in ordered:  # a loop: a comprehension would be a call of its own
                ref = refs.get(fid)
                if ref is None:
                    fact = self._facts[fid]
                    ref = refs[fid] = FactRef(
                        id=fid,
                        text=fact.text,
                        cite=fact.cite,
                        evidence=fact.evidence,  # a str: StrEnum members are their values
                        offered_by=fact.offered_by,
                    )
                found.append(ref)
            self._lists[fact_ids] = found
        return found


def shown_value(value: Any) -> Any:
    """A value as JSON shows it: party sets become sorted lists."""
    if isinstance(value, frozenset):
        return sorted(value)
    if isinstance(value, AtLeast):
        return {"at_least": value.at_least}
    if isinstance(value, ByParty):
        return {"by_party": dict(sorted(value.by_party.items()))}
    return value


def dispute(
    facts: FactRefs,
    attribute_id: str,
    attribute: Attribute,
    non_movant: Version | None,
    movant: Version | None,
    together_with: list[str] | None = None,
) -> Dispute:
    return Dispute(
        attribute=attribute_id,
        question=attribute.question,
        non_movant=SideValue(value=None, facts=[])
        if non_movant is None
        else SideValue(value=shown_value(non_movant.value), facts=facts(non_movant.facts, True)),
        movant=SideValue(value=None, facts=[])
        if movant is None
        else SideValue(value=shown_value(movant.value), facts=facts(movant.facts, True)),
        together_with=together_with or [],
    )


def cite_list(facts: list[FactRef]) -> str:
    return "; ".join(f.cite for f in facts)


def party_label(case: Case, side: str) -> str:
    return case.plaintiff.name if side == "plaintiff" else "the defendants"


def join_labels(labels: list[str]) -> str:
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1]


def join_clauses(clauses: list[str]) -> str:
    """Clauses that may hold commas and semicolons of their own, in one sentence, numbered
    where there are several: "(1) a; (2) b; and (3) c"."""
    if len(clauses) <= 1:
        return "".join(clauses)
    numbered = [f"({n}) {clause}" for n, clause in enumerate(clauses, 1)]
    return "; ".join(numbered[:-1]) + "; and " + numbered[-1]


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def fill(template: str, slots: dict[str, str]) -> str:
    """A rubric's sentence with its named slots replaced by ``slots``' values.

    One pass over the template, so a value that itself contains ``{slot}`` (a party's name
    from a case file, say) is printed as written, never filled in turn; nothing in either
    is formatted or evaluated."""
    parts = SLOT.split(template)
    # split() leaves the text between slots at even places and the slot names at odd ones.
    for index in range(1, len(parts), 2):
        name = parts[index]
        parts[index] = slots[name] if name in slots else "{" + name + "}"
    return "".join(parts)
