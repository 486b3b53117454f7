"""Comparing a report with a case's expected holdings: the answer key."""

from __future__ import annotations

from typing import NamedTuple

from .model.case import Case
from .model.report import ClaimResult, Report


class Mismatch(NamedTuple):
    where: str
    expected: str
    actual: str


def compare(case: Case, report: Report) -> list[Mismatch]:
    """Every way the report departs from ``case.expected`` (empty when it matches)."""
    expected = case.expected
    if expected is None:
        return []
    out: list[Mismatch] = []
    if expected.rule_56_1 is not None and expected.rule_56_1 is not report.rule_56_1.treatment:
        out.append(
            Mismatch(
                "Local Rule 56.1", expected.rule_56_1.value, str(report.rule_56_1.treatment or "")
            )
        )
    claims: dict[tuple[str, str, str | None], ClaimResult] = {
        (c.claim, c.defendant, None): c for c in report.claims
    }
    claims.update(
        {
            (c.claim, c.defendant, part.episode.id): part
            for c in report.claims
            for part in c.episodes
            if part.episode is not None
        }
    )
    for exp in expected.claims:
        label = f"{exp.claim} / {exp.defendant}"
        if exp.episode is not None:
            label += f" / {exp.episode}"
        got = claims.get((exp.claim, exp.defendant, exp.episode))
        if got is None:
            out.append(Mismatch(label, exp.outcome.value, "not in the report"))
            continue
        if got.outcome is not exp.outcome:
            out.append(Mismatch(f"{label}: outcome", exp.outcome.value, got.outcome.value))
        if exp.standard and exp.standard != got.standard:
            out.append(Mismatch(f"{label}: standard", exp.standard, str(got.standard)))
        if exp.test and exp.test != got.test:
            out.append(Mismatch(f"{label}: test", exp.test, str(got.test)))
        statuses = {e.id: e.status for e in got.elements}
        for element, status in exp.elements.items():
            actual = statuses.get(element)
            if actual is not status:
                out.append(
                    Mismatch(
                        f"{label}: element {element}",
                        status.value,
                        actual.value if actual else "not evaluated",
                    )
                )
    defenses = {
        (d.defense, d.defendant, d.claim, d.episode.id if d.episode else None): d
        for d in report.defenses
    }
    for exp_d in expected.defenses:
        label = f"{exp_d.defense} / {exp_d.defendant} / {exp_d.claim}"
        if exp_d.episode is not None:
            label += f" / {exp_d.episode}"
        got_d = defenses.get((exp_d.defense, exp_d.defendant, exp_d.claim, exp_d.episode))
        if got_d is None:
            out.append(Mismatch(label, exp_d.outcome.value, "not in the report"))
            continue
        if got_d.outcome is not exp_d.outcome:
            out.append(Mismatch(f"{label}: outcome", exp_d.outcome.value, got_d.outcome.value))
        prongs = {p.id: p.status for p in got_d.prongs}
        for prong, status in exp_d.prongs.items():
            actual = prongs.get(prong)
            if actual is not status:
                out.append(
                    Mismatch(
                        f"{label}: prong {prong}",
                        status.value,
                        actual.value if actual else "not evaluated",
                    )
                )
    return out
