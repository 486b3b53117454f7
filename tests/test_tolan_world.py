"""The non-movant's world never takes a movant's fact that the non-movant's admissible
evidence disputes, even for what the non-movant's own facts leave unset; unrebutted movant
evidence still stands (Tolan v. Cotton, 572 U.S. 650, 656-57 (2014); Anderson v. Liberty
Lobby, 477 U.S. 242, 255 (1986)).
"""

from __future__ import annotations

from engine_kit import case as make_case
from engine_kit import claim_result, evaluate, fact, statuses

from triable.engine.vocab import ClaimOutcome


def _disputed_account():
    # The officer's account: no hit, but the injury was severe. The plaintiff's disputes it
    # and says nothing of injury.
    account = fact("defendants", "Ann Decl. ¶ 1", "declaration", hit=False, hurt="lots")
    own = fact("plaintiff", "Pl. Tr. 1", hit=True, actor=["ann"])
    own["disputes"] = ["d_account"]
    return make_case(facts={"p_hit": own, "d_account": account})


def test_a_disputed_movant_fact_supplies_nothing_to_the_non_movant_world() -> None:
    result = claim_result(evaluate(_disputed_account()), "toy_claim", "ann")
    assert statuses(result)["hurt"] == "not_met"
    assert next(e for e in result.elements if e.id == "hurt").missing_evidence == ["hurt"]
    assert result.outcome is ClaimOutcome.GRANTED


def test_unrebutted_movant_evidence_still_stands() -> None:
    account = fact("defendants", "Ann Decl. ¶ 1", "declaration", hit=False, hurt="lots")
    own = fact("plaintiff", "Pl. Tr. 1", hit=True, actor=["ann"])
    report = evaluate(make_case(facts={"p_hit": own, "d_account": account}))
    result = claim_result(report, "toy_claim", "ann")
    assert statuses(result)["hurt"] == "undisputed_met"
    assert result.outcome is ClaimOutcome.DENIED
