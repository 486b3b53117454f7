"""A balance of factors decided by the rules courts state, not by a count (toy law).

Summary judgment goes against the plaintiff only where, on his version, no reasonable
factfinder could find the force unreasonable (Amnesty America v. Town of West Hartford, 361
F.3d 113, 123 (2d Cir. 2004)); significant force on a person already subdued is for the
jury, force to subdue one fleeing or struggling is not (Tracy v. Freshwater, 623 F.3d 90,
96-99 (2d Cir. 2010)).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from engine_kit import TOY_FACTORS, claim_result, evaluate, fact, library
from engine_kit import case as make_case
from pydantic import TypeAdapter, ValidationError

from triable.cli import session
from triable.cli.render.json_report import as_data
from triable.engine.evaluate import Engine
from triable.engine.model.rubric import Test
from triable.engine.vocab import ClaimOutcome

CASES = Path(__file__).resolve().parent.parent / "cases"


def _stated(text: str, condition: dict[str, Any]) -> dict[str, Any]:
    return {"rule": text, "cites": ["rule_a at 5"], "holds_when": condition}


def _ruled() -> dict[str, Any]:
    test = copy.deepcopy(TOY_FACTORS)
    del test["threshold"]
    test["for_jury_when"] = _stated(
        "Badly hurting a man is for the jury.", {"attr": "hurt", "is": "lots"}
    )
    test["judgment_for_defendant_when"] = _stated(
        "One quick blow is not excessive.", {"attr": "quick", "is": True}
    )
    test["otherwise"] = {
        "rule": "The balance is for the jury if any consideration favours the plaintiff.",
        "cites": ["rule_a at 6"],
        "plaintiff_survives_when": "any_factor_favors_plaintiff",
    }
    return test


def _decide(**establishes: Any):
    arrestee = make_case(
        plaintiff={"name": "Pat", "status": "arrestee"},
        facts={"p": fact("plaintiff", "Pl. Tr. 1", actor=["ann"], **establishes)},
    )
    return claim_result(evaluate(arrestee, library(_ruled())), "toy_claim", "ann")


def test_one_consideration_for_the_plaintiff_leaves_the_balance_for_the_jury() -> None:
    # Counted, the blow that did not land (-2) outweighs some injury (+1): a count would grant.
    result = _decide(hit=False, hurt="some")
    assert result.outcome is ClaimOutcome.DENIED
    assert result.balance is not None and result.balance.rule == "otherwise"
    assert result.balance.holds_for_non_movant
    assert [a.pin for a in result.balance.authorities] == ["6"]
    assert result.threshold is None and result.failing == []


def test_a_stated_rule_for_the_defendant_decides_as_a_matter_of_law() -> None:
    # Both considerations favour the plaintiff; the stated rule still decides.
    result = _decide(hit=True, hurt="some", quick=True)
    assert result.outcome is ClaimOutcome.GRANTED
    assert result.balance is not None
    assert result.balance.rule == "judgment_for_defendant_when"
    assert result.failing == ["toy_factors"]
    assert "one quick blow is not excessive" in result.explanation
    assert "score" not in result.explanation and "threshold" not in result.explanation


def test_a_stated_rule_for_the_jury_comes_first() -> None:
    result = _decide(hit=True, hurt="lots", quick=True)
    assert result.outcome is ClaimOutcome.DENIED
    assert result.balance is not None and result.balance.rule == "for_jury_when"


def test_nothing_for_the_plaintiff_on_his_own_version_fails() -> None:
    result = _decide(hit=False, hurt="none")
    assert result.outcome is ClaimOutcome.GRANTED
    assert result.balance is not None and result.balance.rule == "otherwise"
    assert not result.balance.holds_for_non_movant
    assert "the balance is for the jury if any consideration" in result.explanation


def test_a_rule_turning_on_a_disputed_fact_names_the_dispute() -> None:
    # Pat says he was badly hurt; Ann's records say he was not hurt at all.
    arrestee = make_case(
        plaintiff={"name": "Pat", "status": "arrestee"},
        facts={
            "p": fact("plaintiff", "Pl. Tr. 1", actor=["ann"], hurt="lots", hit=False),
            "d": {
                **fact("defendants", "Ann Decl. ¶ 2", evidence="declaration", hurt="none"),
                "disputes": ["p"],
            },
        },
    )
    result = claim_result(evaluate(arrestee, library(_ruled())), "toy_claim", "ann")
    assert result.outcome is ClaimOutcome.DENIED
    assert result.balance is not None and not result.balance.holds_for_movant
    assert [d.attribute for d in result.balance.material_disputes] == ["hurt"]
    assert "How hurt?" in result.explanation


def test_a_rubric_may_still_weigh_against_a_threshold_but_not_both() -> None:
    adapter: TypeAdapter[Any] = TypeAdapter(Test)
    counted = adapter.validate_python(TOY_FACTORS)
    assert counted.threshold == 1 and counted.otherwise is None
    both = {**_ruled(), "threshold": 1}
    neither = {k: v for k, v in _ruled().items() if k != "otherwise"}
    for bad in (both, neither):
        with pytest.raises(ValidationError, match="'otherwise'"):
            adapter.validate_python(bad)


def test_the_json_report_gives_the_rule_only_where_a_test_states_one() -> None:
    ruled = as_data(_decide(hit=True, hurt="lots"))
    assert ruled["balance"]["rule"] == "for_jury_when"
    assert ruled["balance"]["authorities"] == [{"id": "rule_a", "pin": "5"}]
    counted = make_case(plaintiff={"name": "Pat", "status": "arrestee"})
    assert "balance" not in as_data(claim_result(evaluate(counted), "toy_claim", "ann"))


@pytest.mark.parametrize(
    ("name", "episode", "rule", "outcome"),
    [
        ("tracy_v_freshwater.yaml", "flashlight", "judgment_for_defendant_when", "granted"),
        ("tracy_v_freshwater.yaml", "pepper_spray", "for_jury_when", "denied"),
        ("force_on_cuffed_detainee.yaml", None, "for_jury_when", "denied"),
        ("takedown_during_struggle.yaml", None, "judgment_for_defendant_when", "granted"),
    ],
)
def test_the_bundled_graham_rubric_decides_by_tracy(
    name: str, episode: str | None, rule: str, outcome: str
) -> None:
    library_ = session.library(None)
    report = Engine(library_).evaluate(session.case(CASES / name, library_))
    (claim,) = [c for c in report.claims if c.claim == "excessive_force"]
    if episode is not None:
        (claim,) = [c for c in claim.episodes if c.episode and c.episode.id == episode]
    assert claim.outcome.value == outcome
    assert claim.balance is not None and claim.balance.rule == rule
    assert "tracy_2010" in {a.id for a in claim.balance.authorities}
