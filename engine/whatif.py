"""What-if: a case changed in one respect, and what the change does to the report.

Pure. Each edit is a function from a case to a new case (models are frozen, so every
edit copies); ``diff_reports`` (``report_diff``) compares the reports before and after.
``pivots`` builds on the same edits, so there is one way to make each change.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .errors import UsageError
from .library import Library
from .lint import check_value
from .model.case import (
    UNIDENTIFIED_OFFICER,
    ByParty,
    Case,
    Fact,
    FactValue,
    Plaintiff,
    Rule561Posture,
)
from .report_diff import Change, diff_reports
from .spelling import did_you_mean as suggest
from .vocab import (
    AttributeType,
    Party,
    PlaintiffStatus,
    Rule561Treatment,
    Side,
)

#: Where an edit stands in for the record, this is its cite: plainly not a record cite.
WHATIF_CITE = "what-if (hypothetical, not in the record)"

__all__ = ["Change", "diff_reports"]


# --- edits ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SetValue:
    """The attribute takes this value, undisputed; every other version of it is gone. With
    an episode, in that episode alone."""

    attribute: str
    value: FactValue
    episode: str | None = None


@dataclass(frozen=True)
class DropFact:
    fact: str


@dataclass(frozen=True)
class CreditFact:
    """The fact is believed: undisputed, and the other side's versions of it set aside."""

    side: Party
    fact: str


@dataclass(frozen=True)
class DeemAdmitted:
    """Local Rule 56.1: the non-movant did not comply and the movant's facts are deemed."""


@dataclass(frozen=True)
class WinDispute:
    """One side wins the dispute over an attribute: the other side's versions of it go."""

    attribute: str
    winner: Party


Edit = SetValue | DropFact | CreditFact | DeemAdmitted | WinDispute


def parse_value(
    library: Library, attribute_id: str, text: str, defendants: Sequence[str] | None = None
) -> FactValue:
    """``text`` read as a value of the attribute: true/false, a number, a level, defendants."""
    attribute = library.attributes.get(attribute_id)
    if attribute is None:
        raise UsageError(
            "U001",
            f"unknown attribute '{attribute_id}'{suggest(attribute_id, library.attributes)}; "
            "`triable rubric list` shows the tests and `triable rubric show TEST` the "
            "attributes each reads",
        )
    text = text.strip()
    kind = attribute.type
    value: Any
    if kind is not AttributeType.PARTY and ":" in text and not attribute.from_case:
        return _by_party(library, attribute_id, text, defendants)
    if attribute.from_case == "plaintiff_status":
        if text not in set(PlaintiffStatus):
            raise _bad_value(attribute_id, text, [s.value for s in PlaintiffStatus])
        return text
    if kind is AttributeType.BOOLEAN:
        words = {"true": True, "yes": True, "false": False, "no": False}
        if text.lower() not in words:
            raise _bad_value(attribute_id, text, ["true", "false"])
        value = words[text.lower()]
    elif kind is AttributeType.NUMBER:
        try:
            number = float(text)
        except ValueError:
            raise UsageError(
                "U002",
                f"'{text}' is not a number; '{attribute_id}' is a number of {attribute.unit}",
            ) from None
        value = int(number) if number.is_integer() else number
    elif kind is AttributeType.ORDINAL:
        if text not in (attribute.levels or []):
            raise _bad_value(attribute_id, text, attribute.levels or [])
        value = text
    else:
        names = [] if text.lower() in ("", "none") else [n.strip() for n in text.split(",")]
        for name in names:
            if defendants is not None and name not in (*defendants, UNIDENTIFIED_OFFICER):
                raise UsageError(
                    "U002",
                    f"unknown defendant '{name}' in '{attribute_id}'{suggest(name, defendants)}; "
                    f"'{attribute_id}' takes a comma list of defendant ids "
                    f"({', '.join(defendants)}), or none",
                )
        value = sorted(set(names))
    problem = check_value(
        library, attribute_id, value, set(defendants) if defendants is not None else None
    )
    if problem:
        raise UsageError("U002", problem)
    return value  # type: ignore[no-any-return]


def _by_party(
    library: Library, attribute_id: str, text: str, defendants: Sequence[str] | None
) -> ByParty:
    """``PARTY:VALUE,PARTY:VALUE``: a value for each person."""
    values: dict[str, Any] = {}
    for part in text.split(","):
        party, sep, each = (p.strip() for p in part.partition(":"))
        if not sep or not party:
            raise UsageError(
                "U002",
                f"'{text}' is not PARTY:VALUE,PARTY:VALUE, e.g. knowles:ample,ramos:none",
            )
        if defendants is not None and party not in (*defendants, UNIDENTIFIED_OFFICER):
            raise UsageError(
                "U002",
                f"unknown party '{party}' in '{attribute_id}'{suggest(party, defendants)}; "
                f"give a value for any of: {', '.join(defendants)}",
            )
        values[party] = parse_value(library, attribute_id, each, defendants)
    return ByParty(by_party=values)


def _bad_value(attribute_id: str, text: str, allowed: Sequence[str]) -> UsageError:
    return UsageError(
        "U002",
        f"'{text}' is not a value of '{attribute_id}'{suggest(text, allowed)}; "
        f"write one of: {', '.join(allowed)}",
    )


def parse_assignment(
    library: Library,
    text: str,
    defendants: Sequence[str] | None = None,
    case: Case | None = None,
) -> SetValue:
    """``ATTR=VALUE``, or ``EPISODE.ATTR=VALUE`` for one of ``case``'s episodes, as an
    edit; party values must name ``defendants``."""
    target, sep, raw = text.partition("=")
    episode, dot, attribute = target.strip().rpartition(".")
    if not sep or not attribute.strip():
        raise UsageError(
            "U003",
            f"'{text}' is not ATTR=VALUE or EPISODE.ATTR=VALUE, e.g. complained_of_tightness=false",
        )
    attribute = attribute.strip()
    value = parse_value(library, attribute, raw, defendants)
    if not dot:
        return SetValue(attribute, value)
    if case is None:
        raise UsageError("U003", f"'{text}': an episode is named, but no case lists episodes")
    _known_episode(case, episode.strip(), text)
    declared = library.attributes[attribute]
    if declared.from_case or declared.case_wide:
        raise UsageError(
            "U006",
            f"'{attribute}' is the same for every episode of the case; set it without an "
            f"episode: --set {attribute}={raw.strip()}",
        )
    return SetValue(attribute, value, episode.strip())


def _known_episode(case: Case, episode: str, text: str) -> None:
    if episode in case.episodes:
        return
    if not case.episodes:
        raise UsageError(
            "U006",
            f"'{case.caption}' lists no episodes, so '{text}' names none of them; set the "
            "attribute for the whole case without an episode",
        )
    raise UsageError(
        "U006",
        f"unknown episode '{episode}' in '{text}'{suggest(episode, case.episodes)}; the "
        f"episodes of '{case.caption}' are: {', '.join(case.episodes)}",
    )


def parse_credit(case: Case, text: str) -> CreditFact:
    """``SIDE:FACT`` as an edit; the fact must be that side's."""
    side_text, sep, fact_id = text.partition(":")
    sides = [p.value for p in Party]
    if not sep or side_text.strip() not in sides:
        raise UsageError(
            "U003",
            f"'{text}' is not SIDE:FACT with SIDE one of {', '.join(sides)}, "
            "e.g. plaintiff:told_officers_immediately",
        )
    edit = CreditFact(Party(side_text.strip()), fact_id.strip())
    fact = _known_fact(case, edit.fact)
    if fact.offered_by.value != edit.side.value:
        raise UsageError(
            "U005",
            f"fact '{edit.fact}' is offered by {fact.offered_by.value}, not {edit.side.value}; "
            "credit a fact on the side that offers it",
        )
    return edit


def _known_fact(case: Case, fact_id: str) -> Fact:
    fact = case.facts.get(fact_id)
    if fact is None:
        raise UsageError(
            "U004", f"unknown fact '{fact_id}'{suggest(fact_id, case.facts)} in '{case.caption}'"
        )
    return fact


def apply_edits(case: Case, library: Library, edits: Iterable[Edit]) -> Case:
    for edit in edits:
        case = apply_edit(case, library, edit)
    return case


def apply_edit(case: Case, library: Library, edit: Edit) -> Case:
    if isinstance(edit, SetValue):
        return set_value(case, library, edit.attribute, edit.value, edit.episode)
    if isinstance(edit, DropFact):
        return drop_fact(case, edit.fact)
    if isinstance(edit, CreditFact):
        return credit_fact(case, edit.side, edit.fact)
    if isinstance(edit, WinDispute):
        return win_dispute(case, edit.attribute, edit.winner)
    return deem_admitted(case)


def set_value(
    case: Case,
    library: Library,
    attribute_id: str,
    value: FactValue,
    episode: str | None = None,
) -> Case:
    attribute = library.attributes[attribute_id]
    if attribute.from_case == "plaintiff_status":
        status = PlaintiffStatus(str(value))
        return case.model_copy(
            update={"plaintiff": Plaintiff(name=case.plaintiff.name, status=status)}
        )
    if episode is not None:
        case = _kept_elsewhere(case, attribute_id, episode)
    facts = {
        fid: _without(fact, {attribute_id}) if fact.episode in (None, episode) else fact
        for fid, fact in case.facts.items()
    }
    new_id = _fresh_id(case, f"whatif_{episode + '_' if episode else ''}{attribute_id}")
    facts[new_id] = Fact(
        text=f"Suppose: {attribute.question} — {show_value(value)}.",
        offered_by=Side.UNDISPUTED,
        cite=WHATIF_CITE,
        # The first kind the standard admits, so the supposition is never set aside.
        evidence=library.summary_judgment.admissible[0],
        establishes={attribute_id: value},
        episode=episode,
    )
    return case.model_copy(update={"facts": facts})


def _kept_elsewhere(case: Case, attribute_id: str, episode: str) -> Case:
    """The case with what its case-wide facts say of ``attribute_id`` said instead, fact by
    fact, in each episode but ``episode``: so that setting it in one episode leaves the
    others as they were."""
    facts = dict(case.facts)
    for fid, fact in case.facts.items():
        if fact.episode is not None or attribute_id not in fact.establishes:
            continue
        for other in case.episodes:
            if other != episode:
                copy_id = _fresh_id(case.model_copy(update={"facts": facts}), f"{fid}_{other}")
                facts[copy_id] = fact.model_copy(
                    update={
                        "episode": other,
                        "establishes": {attribute_id: fact.establishes[attribute_id]},
                    }
                )
        facts[fid] = _without(fact, {attribute_id})
    return case.model_copy(update={"facts": facts})


def drop_fact(case: Case, fact_id: str) -> Case:
    _known_fact(case, fact_id)
    facts = {}
    for fid, fact in case.facts.items():
        if fid == fact_id:
            continue
        if fact_id in fact.disputes or fact_id in fact.blatantly_contradicts:
            fact = fact.model_copy(
                update={
                    "disputes": [f for f in fact.disputes if f != fact_id],
                    "blatantly_contradicts": [
                        f for f in fact.blatantly_contradicts if f != fact_id
                    ],
                }
            )
        facts[fid] = fact
    return case.model_copy(update={"facts": facts})


def credit_fact(case: Case, side: Party, fact_id: str) -> Case:
    fact = _known_fact(case, fact_id)
    stripped = _strip_side(case, set(fact.establishes), _other(side), keep=fact_id)
    facts = dict(stripped.facts)
    facts[fact_id] = fact.model_copy(update={"offered_by": Side.UNDISPUTED})
    return stripped.model_copy(update={"facts": facts})


def win_dispute(case: Case, attribute_id: str, winner: Party) -> Case:
    return win_disputes(case, {attribute_id}, winner)


def win_disputes(case: Case, attributes: Iterable[str], winner: Party) -> Case:
    return _strip_side(case, set(attributes), _other(winner))


def deem_admitted(case: Case) -> Case:
    posture = Rule561Posture(
        non_movant_complied=False, treatment=Rule561Treatment.DEEMED_ADMITTED, cite=WHATIF_CITE
    )
    motion = case.motion.model_copy(update={"rule_56_1": posture})
    return case.model_copy(update={"motion": motion})


def _other(side: Party) -> Side:
    return Side.DEFENDANTS if side is Party.PLAINTIFF else Side.PLAINTIFF


def _strip_side(case: Case, attributes: set[str], side: Side, keep: str | None = None) -> Case:
    facts = {
        fid: (_without(fact, attributes) if fact.offered_by is side and fid != keep else fact)
        for fid, fact in case.facts.items()
    }
    return case.model_copy(update={"facts": facts})


def _without(fact: Fact, attributes: set[str]) -> Fact:
    if not attributes & set(fact.establishes):
        return fact
    kept = {a: v for a, v in fact.establishes.items() if a not in attributes}
    return fact.model_copy(update={"establishes": kept})


def _fresh_id(case: Case, wanted: str) -> str:
    candidate, n = wanted, 2
    while candidate in case.facts:
        candidate, n = f"{wanted}_{n}", n + 1
    return candidate


def show_value(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, ByParty):
        return "; ".join(f"{p}: {show_value(v)}" for p, v in sorted(value.by_party.items()))
    if isinstance(value, list | tuple | frozenset | set):
        return ", ".join(sorted(value)) or "none of the defendants"
    return str(value)


def describe(edit: Edit, case: Case, library: Library) -> str:
    """One line saying what the edit supposes."""
    if isinstance(edit, SetValue):
        attribute = library.attributes[edit.attribute]
        if edit.episode is not None:
            label = case.episodes[edit.episode].label
            return (
                f"set {edit.episode}.{edit.attribute} = {show_value(edit.value)} (in "
                f"{label} only; undisputed; {attribute.question})"
            )
        return f"set {edit.attribute} = {show_value(edit.value)} (undisputed; {attribute.question})"
    if isinstance(edit, DropFact):
        fact = case.facts[edit.fact]
        return f"drop fact {edit.fact} ({fact.cite})"
    if isinstance(edit, CreditFact):
        fact = case.facts[edit.fact]
        return (
            f"credit the {edit.side.value}' fact {edit.fact} ({fact.cite}) and set aside the "
            f"{_other(edit.side).value}' versions of "
            + (", ".join(sorted(fact.establishes)) or "nothing it establishes")
        ).replace("plaintiff'", "plaintiff's")
    if isinstance(edit, WinDispute):
        return f"the {edit.winner.value} win the dispute over {edit.attribute}"
    return "deem the movant's Local Rule 56.1 facts admitted (the non-movant did not comply)"
