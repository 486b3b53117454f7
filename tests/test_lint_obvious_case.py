"""R009 and Hope v. Pelzer, 536 U.S. 730, 741 (2002): where no precedent predates the incident,
immunity may still be denied for an obvious violation, so the finding is made only where the
prong asking for a precedent cannot hold without one on the non-movant's facts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from triable.cli import session
from triable.engine.lint import lint_case
from triable.engine.model.case import Case

FIXTURE = (
    Path(__file__).resolve().parent
    / "fixtures"
    / "invalid"
    / "qualified_immunity_before_precedent.yaml"
)


def _case(**tight: Any) -> Case:
    data = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    data["facts"]["tight"]["establishes"].update(tight)
    return Case.model_validate(data)


def _r009(case: Case) -> list[str]:
    return [f.message for f in lint_case(case, session.library(None), "x.yaml") if f.code == "R009"]


def test_no_precedent_and_no_obvious_violation_is_a_finding() -> None:
    (message,) = _r009(_case())
    assert "decided after the incident (1970-05-01)" in message
    assert "'clearly_established'" in message


def test_an_obvious_violation_needs_no_precedent() -> None:
    # Cuffs used as a weapon, maliciously, on a restrained arrestee: Hope's obvious case, which
    # the bundled immunity rubric reads in both prongs that ask for a precedent.
    obvious = _case(
        handcuffs_used_as_weapon=True, force_applied_maliciously=True, plaintiff_restrained=True
    )
    assert _r009(obvious) == []


def test_a_case_read_only_in_part_gets_the_benefit_of_the_doubt() -> None:
    # Without the facts the obvious route reads, a prong with such a route is not judged from
    # a case that cannot be decided.
    partial = Case.model_construct(**{**dict(_case()), "dismissals": [None]})
    assert _r009(partial) == []
