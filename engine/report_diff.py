"""The difference between two reports: every claim, element, factor and defense that
comes out otherwise, and why. ``whatif`` shows it for an edit of the case."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from .model.report import ClaimResult, DefenseResult, ElementResult, FactorResult, Out, Report
from .vocab import DefenseOutcome, Leaning

ChangeKind = Literal["rule_56_1", "set_aside", "claim", "element", "factor", "defense", "prong"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Change(Out):
    """One thing that comes out differently after the edit, and why."""

    kind: ChangeKind
    claim: str | None = None
    claim_name: str | None = None
    defendant: str | None = None
    defendant_name: str | None = None
    defense: str | None = None
    defense_name: str | None = None
    item: str | None = None
    label: str | None = None
    before: str | None = None
    after: str | None = None
    explanation: str
    #: The episode the change is in, for a case decided episode by episode.
    episode: str | None = None
    disputes_appeared: Sequence[str] = ()
    disputes_resolved: Sequence[str] = ()


def diff_reports(before: Report, after: Report) -> list[Change]:
    """Every claim, element, factor and defense that changed, in the after-report's order."""
    changes: list[Change] = []
    if before.rule_56_1.treatment != after.rule_56_1.treatment:
        changes.append(
            Change(
                kind="rule_56_1",
                before=str(before.rule_56_1.treatment or "not stated"),
                after=str(after.rule_56_1.treatment or "not stated"),
                explanation=after.rule_56_1.explanation,
            )
        )
    was_set_aside = {s.fact.id: s for s in before.set_aside}
    now_set_aside = {s.fact.id: s for s in after.set_aside}
    for fid, entry in now_set_aside.items():
        if fid not in was_set_aside:
            changes.append(
                Change(
                    kind="set_aside",
                    item=fid,
                    label=entry.fact.cite,
                    before="considered",
                    after="set aside",
                    explanation=entry.reason,
                )
            )
    for fid, entry in was_set_aside.items():
        if fid not in now_set_aside:
            changes.append(
                Change(
                    kind="set_aside",
                    item=fid,
                    label=entry.fact.cite,
                    before="set aside",
                    after=None,
                    explanation="No longer set aside.",
                )
            )

    old_claims = {(c.claim, c.defendant): c for c in before.claims}
    new_claims = {(c.claim, c.defendant): c for c in after.claims}
    for key in _union(new_claims, old_claims):
        changes += _claim_changes(old_claims.get(key), new_claims.get(key))

    old_def = {(d.defense, d.claim, d.defendant, _episode(d)): d for d in before.defenses}
    new_def = {(d.defense, d.claim, d.defendant, _episode(d)): d for d in after.defenses}
    names = {
        (c.claim, c.defendant): (c.claim_name, c.defendant_name)
        for c in [*before.claims, *after.claims]
    }
    for key in _union(new_def, old_def):
        claim_name, defendant_name = names.get((key[1], key[2]), (key[1], key[2]))
        found = _defense_changes(old_def.get(key), new_def.get(key), claim_name, defendant_name)
        changes += [replace(change, episode=key[3]) for change in found]
    return changes


def _episode(defense: DefenseResult) -> str | None:
    return defense.episode.label if defense.episode else None


def _union(first: dict[Any, Any], second: dict[Any, Any]) -> list[Any]:
    return list(first) + [k for k in second if k not in first]


def _claim_changes(old: ClaimResult | None, new: ClaimResult | None) -> list[Change]:
    either = new or old
    assert either is not None
    common = {
        "claim": either.claim,
        "claim_name": either.claim_name,
        "defendant": either.defendant,
        "defendant_name": either.defendant_name,
    }
    out: list[Change] = []
    same_test = (old.test if old else None) == (new.test if new else None)
    old_outcome = _claim_state(old, same_test)
    new_outcome = _claim_state(new, same_test)
    if old_outcome != new_outcome:
        out.append(
            Change(
                kind="claim",
                **common,
                before=old_outcome,
                after=new_outcome,
                explanation=either.explanation,
            )
        )
    out += _items(
        "element",
        common,
        {e.id: e for e in (old.elements if old else [])},
        {e.id: e for e in (new.elements if new else [])},
    )
    out += _items(
        "factor",
        common,
        {f.id: f for f in (old.factors if old else [])},
        {f.id: f for f in (new.factors if new else [])},
    )
    old_parts = {p.episode.id: p for p in (old.episodes if old else []) if p.episode}
    new_parts = {p.episode.id: p for p in (new.episodes if new else []) if p.episode}
    for episode in _union(new_parts, old_parts):
        part = new_parts.get(episode) or old_parts[episode]
        label = part.episode.label if part.episode else episode
        out += [
            replace(change, episode=label)
            for change in _claim_changes(old_parts.get(episode), new_parts.get(episode))
        ]
    return out


def _claim_state(result: ClaimResult | None, same_test: bool) -> str | None:
    if result is None:
        return None
    if result.test and not same_test:
        return f"{result.outcome.value} ({result.test})"
    return result.outcome.value


def _defense_changes(
    old: DefenseResult | None, new: DefenseResult | None, claim_name: str, defendant_name: str
) -> list[Change]:
    either = new or old
    assert either is not None
    common = {
        "claim": either.claim,
        "claim_name": claim_name,
        "defendant": either.defendant,
        "defendant_name": defendant_name,
        "defense": either.defense,
        "defense_name": either.defense_name,
    }
    out: list[Change] = []
    outcomes = {old.outcome if old else None, new.outcome if new else None}
    if len(outcomes) > 1:
        out.append(
            Change(
                kind="defense",
                **common,
                before=old.outcome.value if old else None,
                after=new.outcome.value if new else None,
                explanation=either.explanation,
            )
        )
    if DefenseOutcome.NOT_REACHED in outcomes:
        # The defense's own sentence says why; its prongs all went (or came) with the claim.
        return out
    out += _items(
        "prong",
        common,
        {p.id: p for p in (old.prongs if old else [])},
        {p.id: p for p in (new.prongs if new else [])},
    )
    return out


Item = ElementResult | FactorResult


def _items(
    kind: Literal["element", "factor", "prong"],
    common: dict[str, Any],
    old: dict[str, Item],
    new: dict[str, Item],
) -> list[Change]:
    out = []
    for item_id in _union(new, old):
        a, b = old.get(item_id), new.get(item_id)
        before, after = _state(a), _state(b)
        was = {d.attribute for d in a.material_disputes} if a else set()
        now = {d.attribute for d in b.material_disputes} if b else set()
        if before == after and was == now:
            continue
        either = b or a
        assert either is not None
        out.append(
            Change(
                kind=kind,
                **common,
                item=item_id,
                label=either.label,
                before=before,
                after=after,
                explanation=either.explanation,
                disputes_appeared=sorted(now - was),
                disputes_resolved=sorted(was - now),
            )
        )
    return out


def _state(item: Item | None) -> str | None:
    if item is None:
        return None
    if isinstance(item, FactorResult):
        return (
            "favours neither side"
            if item.leaning is Leaning.NEUTRAL
            else (f"favours the {item.leaning.value}")
        )
    return item.status.value
