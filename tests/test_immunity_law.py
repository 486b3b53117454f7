"""Qualified immunity's questions of law, on a toy law.

Whether a right was clearly established is a question of law (Elder v. Holloway, 510 U.S.
510, 516 (1994)): it is answered on the non-movant's version of the facts, never reported as
a genuine dispute for the jury. Where the facts that answer it are disputed, immunity is
denied at this stage for that reason (Zellner v. Summerlin, 494 F.3d 344, 367-68 (2d Cir.
2007)). And where immunity is granted although the claim survives on the merits, the claim
fails on immunity.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from engine_kit import TOY_IMMUNITY, claim_result, evaluate, library
from engine_kit import case as make_case

from triable.cli.render import json_report, markdown, text
from triable.engine.vocab import ClaimOutcome, DefenseOutcome


def _law_immunity() -> dict[str, Any]:
    test = copy.deepcopy(TOY_IMMUNITY)
    test["prongs"]["clearly_established"]["question_of_law"] = True
    return test


def _case(date: str):
    return make_case(
        incident_date=date,
        defenses=[{"defense": "toy_immunity", "raised_by": ["ann"], "cite": "ECF 2"}],
    )


def test_clearly_established_is_never_a_genuine_dispute() -> None:
    # The precedent (2020) holds hitting unlawful; the hit is disputed.
    report = evaluate(_case("2021-06-01"), library(_law_immunity()))
    [defense] = report.defenses
    prongs = {p.id: p for p in defense.prongs}
    assert prongs["clearly_established"].status.value == "met"
    assert "credibility" not in prongs["clearly_established"].explanation
    assert not prongs["clearly_established"].material_disputes
    # The violation itself is a question of fact, and stays one.
    assert prongs["violation"].status.value == "genuine_dispute"


def test_disputed_facts_material_to_immunity_deny_it_for_that_reason() -> None:
    report = evaluate(_case("2021-06-01"), library(_law_immunity()))
    [defense] = report.defenses
    assert defense.outcome is DefenseOutcome.DENIED
    assert defense.reason == "facts_material_to_defense_disputed"
    assert [d.attribute for d in defense.material_disputes] == ["hit"]
    assert "cannot be decided at this stage" in defense.explanation


def test_undisputed_law_prong_denies_immunity_without_a_reason() -> None:
    undisputed = make_case(
        incident_date="2021-06-01",
        defenses=[{"defense": "toy_immunity", "raised_by": ["ann"], "cite": "ECF 2"}],
        drop_facts=["d_no_hit"],
    )
    report = evaluate(undisputed, library(_law_immunity()))
    [defense] = report.defenses
    assert defense.outcome is DefenseOutcome.DENIED
    assert defense.reason is None and not defense.material_disputes
    assert {p.id: p.status.value for p in defense.prongs}["clearly_established"] == (
        "undisputed_met"
    )


def test_a_claim_that_survives_but_fails_on_immunity_says_so() -> None:
    # Decided in 2015, before the only precedent (2020): immunity is granted.
    report = evaluate(_case("2015-06-01"), library(_law_immunity()))
    result = claim_result(report, "toy_claim", "ann")
    assert result.outcome is ClaimOutcome.DENIED  # on the merits
    assert result.disposed_by is not None
    assert result.disposed_by.defense == "toy_immunity"
    assert result.disposed_by.outcome is DefenseOutcome.GRANTED
    assert '"disposed_by": {' in json_report.render([report])
    assert "summary judgment granted (toy immunity)" in markdown.render([report])
    shown = text.render([report], colour=False, width=200)
    assert "summary judgment granted (toy immunity)" in shown


def test_a_claim_that_survives_immunity_is_not_disposed_of() -> None:
    report = evaluate(_case("2021-06-01"), library(_law_immunity()))
    assert claim_result(report, "toy_claim", "ann").disposed_by is None


@pytest.mark.parametrize(
    ("weight", "authority"),
    [("persuasive", "anderson_1986"), ("binding", "golio_2006")],
)
def test_only_binding_decisions_of_binding_courts_clearly_establish(
    weight: str, authority: str
) -> None:
    """Camreta; Pabon, 459 F.3d at 255: a persuasive entry, or a district court's decision
    however it is marked, never makes the right clearly established. The 2015 non-verbal
    signs case stays immune, though each added entry matches its conduct and predates it."""
    from pathlib import Path

    from triable.cli import session
    from triable.engine.evaluate import Engine
    from triable.engine.model.base import Cite
    from triable.engine.model.conditions import ClaimHolds
    from triable.engine.model.rubric import Precedent

    bundled = session.library(None)
    case = session.case(
        Path(__file__).parents[1] / "cases" / "ali_nonverbal_signs_2015.yaml", bundled
    )
    defense = bundled.tests["qualified_immunity"]
    pin = next(iter(bundled.authorities[authority].pins()))
    extra = Precedent(
        cite=Cite(authority=authority, pin=pin),
        weight=weight,  # type: ignore[arg-type]
        describes="any violation of the claim at hand",
        conduct=ClaimHolds(claim="the_claim"),
    )
    widened = defense.model_copy(
        update={"clearly_established_by": [*defense.clearly_established_by, extra]}
    )
    early = bundled.authorities[authority].model_copy(
        update={"decided": case.incident_date.start.replace(year=2000)}
    )
    library = bundled._replace(
        tests={**bundled.tests, "qualified_immunity": widened},
        authorities={**bundled.authorities, authority: early},
    )
    before = Engine(bundled).outcomes(case)
    after = Engine(library).outcomes(case)
    immunity = {k: v for k, v in before.items() if len(k) == 3}
    assert immunity and all(v == "granted" for v in immunity.values())
    assert {k: after[k] for k in immunity} == immunity
