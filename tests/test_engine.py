"""The summary-judgment computation, one rule at a time, on a toy law."""

from __future__ import annotations

import json

import pytest
from engine_kit import (
    TOY_FORCE,
    claim,
    claim_result,
    evaluate,
    fact,
    library,
    standard,
    statuses,
)
from engine_kit import case as make_case

from triable.cli.render.json_report import render
from triable.engine.evaluate import Engine
from triable.engine.vocab import ClaimOutcome, DefenseOutcome, ElementStatus


def test_disputed_element_is_a_genuine_dispute_naming_the_material_attribute() -> None:
    result = claim_result(evaluate(make_case()), "toy_claim", "ann")
    assert result.outcome is ClaimOutcome.DENIED
    assert statuses(result) == {
        "involved": "undisputed_met",
        "hit": "genuine_dispute",
        "hurt": "undisputed_met",
    }
    hit = result.elements[1]
    [dispute] = hit.material_disputes
    assert dispute.attribute == "hit"
    assert dispute.non_movant.value is True and dispute.movant.value is False
    assert [f.cite for f in dispute.non_movant.facts] == ["Pl. Tr. 1"]
    assert [f.cite for f in dispute.movant.facts] == ["Ann Decl. ¶ 1"]
    assert "Genuine dispute" in hit.explanation and "Pl. Tr. 1" in hit.explanation


def test_no_admissible_evidence_on_an_element_grants_and_names_what_is_missing() -> None:
    report = evaluate(make_case(drop_facts=["p_hurt"]))
    result = claim_result(report, "toy_claim", "ann")
    assert result.outcome is ClaimOutcome.GRANTED
    assert result.failing == ["hurt"]
    hurt = next(e for e in result.elements if e.id == "hurt")
    assert hurt.status is ElementStatus.NOT_MET
    assert hurt.missing_evidence == ["hurt"]
    assert "How hurt?" in hurt.explanation
    assert "Summary judgment granted" in result.explanation and "some injury" in result.explanation


def test_contrary_evidence_alone_cannot_sink_a_supported_element_but_its_absence_does() -> None:
    only_defendants = make_case(
        facts={
            "d_no_hit": fact(
                "defendants", "Ann Decl. ¶ 1", "declaration", hit=False, actor=["ann"]
            ),
            "p_hurt": fact("plaintiff", "Med. Rec. 1", "medical_record", hurt="lots"),
        }
    )
    result = claim_result(evaluate(only_defendants), "toy_claim", "ann")
    assert result.outcome is ClaimOutcome.GRANTED
    assert statuses(result)["hit"] == "not_met"


def test_a_dispute_that_flips_nothing_is_immaterial() -> None:
    report = evaluate(
        make_case(
            add_facts={
                "p_some": fact("plaintiff", "Pl. Tr. 2", colour=True),
                "d_hurt": fact(
                    "defendants", "Dr. Rep.", "expert_report", hurt="some", colour=False
                ),
            }
        )
    )
    result = claim_result(report, "toy_claim", "ann")
    hurt = next(e for e in result.elements if e.id == "hurt")
    assert hurt.status is ElementStatus.UNDISPUTED_MET
    assert hurt.material_disputes == []
    assert hurt.immaterial_disputes == ["hurt"]
    assert all(d.attribute != "colour" for e in result.elements for d in e.material_disputes)
    assert {d.attribute for d in report.immaterial_disputes} == {"colour", "hurt"}


def test_unsworn_allegation_is_set_aside_with_its_reason() -> None:
    report = evaluate(
        make_case(
            facts={
                "p_hit": fact(
                    "plaintiff", "Compl. ¶ 3", "unsworn_allegation", hit=True, actor=["ann"]
                ),
                "p_hurt": fact("plaintiff", "Med. Rec. 1", "medical_record", hurt="lots"),
                "d_no_hit": fact("defendants", "Ann Decl. ¶ 1", "declaration", hit=False),
            }
        )
    )
    [aside] = report.set_aside
    assert aside.fact.id == "p_hit"
    assert "scintilla" in aside.reason
    assert [a.id for a in aside.authorities] == ["rule_a"]
    result = claim_result(report, "toy_claim", "ann")
    assert result.outcome is ClaimOutcome.GRANTED


def test_a_video_that_blatantly_contradicts_a_version_removes_it() -> None:
    video = fact("defendants", "Video 00:14", "video", hit=False)
    video["blatantly_contradicts"] = ["p_hit"]
    report = evaluate(
        make_case(
            add_facts={"video": video, "p_actor": fact("plaintiff", "Pl. Tr. 9", actor=["ann"])}
        )
    )
    assert [s.fact.id for s in report.set_aside] == ["p_hit"]
    assert "video" in report.set_aside[0].reason
    assert claim_result(report, "toy_claim", "ann").outcome is ClaimOutcome.GRANTED


def test_deemed_admitted_56_1_facts_bind_both_worlds_and_flip_the_outcome() -> None:
    d_fact = fact("defendants", "Defs. 56.1 ¶ 4", "declaration", hit=False)
    d_fact["rule_56_1_paragraph"] = "¶ 4"
    reviewed = make_case(facts={**make_case().model_dump(mode="json")["facts"], "d_no_hit": d_fact})
    assert claim_result(evaluate(reviewed), "toy_claim", "ann").outcome is ClaimOutcome.DENIED

    deemed_posture = {
        "movant": "defendants",
        "cite": "ECF 1",
        "rule_56_1": {"non_movant_complied": False, "treatment": "deemed_admitted"},
    }
    deemed = make_case(facts=reviewed.model_dump(mode="json")["facts"], motion=deemed_posture)
    report = evaluate(deemed)
    assert report.rule_56_1.treatment.value == "deemed_admitted"
    assert report.rule_56_1.deemed_admitted == ["d_no_hit"]
    # The paragraph fixes only what it states: the sworn fact that disputes it is not set
    # aside, and what else it establishes (who acted) still counts.
    assert report.set_aside == []
    result = claim_result(report, "toy_claim", "ann")
    assert result.outcome is ClaimOutcome.GRANTED
    assert statuses(result)["involved"] == "undisputed_met"


def test_assiduous_review_deems_nothing_and_is_reported() -> None:
    report = evaluate(make_case())
    assert report.rule_56_1.treatment.value == "assiduous_review"
    assert report.rule_56_1.complied is False
    assert report.rule_56_1.deemed_admitted == []
    assert "reviews the record" in report.rule_56_1.explanation


def _open_actor_case() -> dict:
    return {
        "p_hit": fact(
            "plaintiff",
            "Pl. Tr. 1",
            hit=True,
            actor={"one_of": ["ann", "bob"]},
            present=["ann", "bob"],
            quick=False,
        ),
        "p_hurt": fact("plaintiff", "Med. Rec. 1", "medical_record", hurt="lots"),
        "d_no_hit": fact("defendants", "Ann Decl. ¶ 1", "declaration", hit=False, actor=["ann"]),
    }


def test_open_party_attribute_keeps_direct_and_bystander_claims_alive_for_both_officers() -> None:
    both = [
        {"claim": "toy_claim", "against": ["ann", "bob"]},
        {"claim": "toy_failure", "against": ["ann", "bob"]},
    ]
    report = evaluate(make_case(facts=_open_actor_case(), claims=both))
    for defendant in ("ann", "bob"):
        direct = claim_result(report, "toy_claim", defendant)
        bystander = claim_result(report, "toy_failure", defendant)
        assert direct.outcome is ClaimOutcome.DENIED, defendant
        assert bystander.outcome is ClaimOutcome.DENIED, defendant
        assert statuses(bystander)["underlying"] == "genuine_dispute"
    # The same plaintiff-favourable reading cannot be had both ways at once for one claim:
    ann_direct = claim_result(report, "toy_claim", "ann").elements[0]
    assert ann_direct.values["actor"]["non_movant"] == ["ann"]
    bob_bystander = claim_result(report, "toy_failure", "bob").elements[0]
    assert [(d.claim, d.defendant, d.holds_for_non_movant) for d in bob_bystander.depends_on] == [
        ("toy_claim", "ann", True)
    ]


def test_dependent_claim_falls_with_its_underlying_claim() -> None:
    facts = _open_actor_case()
    facts["p_hurt"] = fact("plaintiff", "Med. Rec. 1", "medical_record", hurt="none")
    report = evaluate(
        make_case(
            facts=facts,
            claims=[
                {"claim": "toy_claim", "against": ["ann", "bob"]},
                {"claim": "toy_failure", "against": ["bob"]},
            ],
        )
    )
    assert claim_result(report, "toy_claim", "ann").outcome is ClaimOutcome.GRANTED
    bystander = claim_result(report, "toy_failure", "bob")
    assert bystander.outcome is ClaimOutcome.GRANTED
    assert statuses(bystander) == {"underlying": "not_met", "opportunity": "not_reached"}
    assert "not reached" in bystander.elements[1].explanation.lower()


def test_a_single_quick_act_leaves_no_realistic_opportunity() -> None:
    facts = _open_actor_case()
    facts["p_hit"]["establishes"]["quick"] = True
    report = evaluate(
        make_case(
            facts=facts,
            claims=[
                {"claim": "toy_claim", "against": ["ann"]},
                {"claim": "toy_failure", "against": ["bob"]},
            ],
        )
    )
    assert claim_result(report, "toy_claim", "ann").outcome is ClaimOutcome.DENIED
    bystander = claim_result(report, "toy_failure", "bob")
    assert bystander.outcome is ClaimOutcome.GRANTED
    assert statuses(bystander)["opportunity"] == "not_met"


def test_sheer_numbers_of_movant_witnesses_do_not_decide() -> None:
    crowd = {
        f"d_{n}": fact("defendants", f"Officer {n} Decl. ¶ 2", "declaration", hit=False)
        for n in range(5)
    }
    result = claim_result(evaluate(make_case(add_facts=crowd)), "toy_claim", "ann")
    assert result.outcome is ClaimOutcome.DENIED
    hit = next(e for e in result.elements if e.id == "hit")
    assert hit.status is ElementStatus.GENUINE_DISPUTE
    assert "Numbers do not decide." in hit.explanation


def test_standard_and_test_follow_the_plaintiffs_status_and_say_why() -> None:
    detainee = claim_result(evaluate(make_case()), "toy_claim", "ann")
    assert (detainee.standard, detainee.test) == ("toy_detainee", "toy_force")
    assert [r.rule for r in detainee.chosen_because] == ["toy_detainee", "toy_force"]
    arrestee = claim_result(
        evaluate(make_case(plaintiff={"name": "Pat", "status": "arrestee"})), "toy_claim", "ann"
    )
    assert (arrestee.standard, arrestee.test) == ("toy_arrestee", "toy_factors")
    prisoner = claim_result(
        evaluate(make_case(plaintiff={"name": "Pat", "status": "convicted_prisoner"})),
        "toy_claim",
        "ann",
    )
    assert prisoner.outcome is ClaimOutcome.GRANTED and prisoner.test is None
    assert "which standard governs" in prisoner.explanation


def test_factors_are_weighed_against_the_threshold_in_each_world() -> None:
    arrestee = make_case(plaintiff={"name": "Pat", "status": "arrestee"})
    result = claim_result(evaluate(arrestee), "toy_claim", "ann")
    assert result.outcome is ClaimOutcome.DENIED
    assert (result.score, result.movant_score, result.threshold) == (3.0, -1.0, 1.0)
    force = next(f for f in result.factors if f.id == "force")
    assert (force.leaning.value, force.movant_leaning.value) == ("plaintiff", "defendant")
    assert [d.attribute for d in force.material_disputes] == ["hit"]
    injury = next(f for f in result.factors if f.id == "injury")
    assert injury.material_disputes == []

    weak = make_case(
        plaintiff={"name": "Pat", "status": "arrestee"},
        drop_facts=["p_hit"],
        add_facts={"p_actor": fact("plaintiff", "Pl. Tr. 7", actor=["ann"])},
    )
    weak_result = claim_result(evaluate(weak), "toy_claim", "ann")
    assert weak_result.outcome is ClaimOutcome.GRANTED
    assert weak_result.failing == ["toy_factors"]


def test_dismissed_claims_are_not_evaluated() -> None:
    report = evaluate(
        make_case(dismissals=[{"defendant": "ann", "reason": "conceded", "cite": "Opp. 28"}])
    )
    result = claim_result(report, "toy_claim", "ann")
    assert result.outcome is ClaimOutcome.DISMISSED
    assert result.reason == "conceded" and not result.elements
    assert "Opp. 28" in result.explanation


def _immunity_case(date: str):
    return make_case(
        incident_date=date,
        defenses=[{"defense": "toy_immunity", "raised_by": ["ann"], "cite": "ECF 2"}],
    )


def test_qualified_immunity_granted_when_the_only_establishing_authority_is_later() -> None:
    report = evaluate(_immunity_case("2015-06-01"))
    assert claim_result(report, "toy_claim", "ann").outcome is ClaimOutcome.DENIED
    [defense] = report.defenses
    assert defense.outcome is DefenseOutcome.GRANTED
    prongs = {p.id: p.status.value for p in defense.prongs}
    assert prongs == {"violation": "genuine_dispute", "clearly_established": "not_met"}
    assert defense.clearly_established_by == []


def test_qualified_immunity_is_denied_when_disputed_facts_are_material_to_it() -> None:
    report = evaluate(_immunity_case("2021-06-01"))
    [defense] = report.defenses
    assert defense.outcome is DefenseOutcome.DENIED
    assert {p.id: p.status.value for p in defense.prongs} == {
        "violation": "genuine_dispute",
        "clearly_established": "genuine_dispute",
    }
    assert [(a.id, a.pin) for a in defense.clearly_established_by] == [("new_case", "9")]
    assert "cannot be decided at this stage" in defense.explanation


def test_qualified_immunity_is_not_reached_when_the_claim_fails() -> None:
    failing = _immunity_case("2021-06-01").model_copy(update={"facts": {}})
    [defense] = evaluate(failing).defenses
    assert defense.outcome is DefenseOutcome.NOT_REACHED
    assert all(p.status is ElementStatus.NOT_REACHED for p in defense.prongs)


def test_a_new_test_in_a_new_rubric_runs_with_no_engine_change() -> None:
    toy_new = {
        **TOY_FORCE,
        "id": "toy_new",
        "name": "A brand-new test",
        "elements": {
            "long": {
                **TOY_FORCE["elements"]["hit"],
                "label": "It went on",
                "holds_when": {"attr": "minutes", "at_least": 3},
            }
        },
    }
    new_claim = claim("toy_new_claim", [standard("any_status", "toy_new")])
    lib = library(toy_new, extra_claims=(new_claim,))
    long_case = make_case(
        claims=[{"claim": "toy_new_claim", "against": ["ann"]}],
        add_facts={
            "p_min": fact("plaintiff", "Pl. Tr. 5", minutes=7),
            "d_min": fact("defendants", "Ann Decl. ¶ 5", "declaration", minutes=1),
        },
    )
    result = claim_result(Engine(lib).evaluate(long_case), "toy_new_claim", "ann")
    assert result.outcome is ClaimOutcome.DENIED
    assert statuses(result) == {"long": "genuine_dispute"}
    assert result.elements[0].values == {"minutes": {"non_movant": 7, "movant": 1}}


def test_the_same_input_gives_the_same_bytes() -> None:
    first = render([evaluate(_immunity_case("2021-06-01"))])
    second = render([evaluate(_immunity_case("2021-06-01"))])
    assert first == second
    assert json.loads(first)["report_version"] == 2


def test_outcomes_alone_agree_with_the_full_report() -> None:
    from pathlib import Path

    from triable.cli import session

    bundled = session.library(None)
    engine = Engine(bundled)
    cases = sorted((Path(__file__).resolve().parent.parent / "cases").glob("*.yaml"))
    assert len(cases) >= 8
    for path in cases:
        case = session.case(path, bundled)
        report = engine.evaluate(case)
        expected = {(c.claim, c.defendant): c.outcome.value for c in report.claims}
        expected |= {
            (d.claim, d.defendant, d.defense, *([d.episode.id] if d.episode else [])): (
                d.outcome.value
            )
            for d in report.defenses
        }
        assert engine.outcomes(case) == expected, path.name
    toy = _immunity_case("2015-06-01")
    toy_engine = Engine(library())
    assert toy_engine.outcomes(toy) == {
        ("toy_claim", "ann"): "denied",
        ("toy_claim", "ann", "toy_immunity"): "granted",
    }


def test_where_no_single_dispute_flips_an_element_the_smallest_set_is_material() -> None:
    either = {
        **TOY_FORCE,
        "id": "toy_either",
        "name": "Either will do",
        "elements": {
            "either": {
                **TOY_FORCE["elements"]["hit"],
                "label": "Hit, or a long struggle",
                "holds_when": {
                    "any": [{"attr": "hit", "is": True}, {"attr": "quick", "is": False}]
                },
            }
        },
    }
    lib = library(
        either, extra_claims=(claim("toy_either_claim", [standard("any", "toy_either")]),)
    )
    disputed = make_case(
        claims=[{"claim": "toy_either_claim", "against": ["ann"]}],
        add_facts={
            "p_long": fact("plaintiff", "Pl. Tr. 8", quick=False),
            "d_quick": fact("defendants", "Ann Decl. ¶ 8", "declaration", quick=True, colour=True),
        },
    )
    [element] = claim_result(Engine(lib).evaluate(disputed), "toy_either_claim", "ann").elements
    assert element.status is ElementStatus.GENUINE_DISPUTE
    assert [(d.attribute, d.together_with) for d in element.material_disputes] == [
        ("hit", ["quick"]),
        ("quick", ["hit"]),
    ]


def test_report_parts_are_immutable_and_compare_by_kind_and_fields() -> None:
    from dataclasses import FrozenInstanceError

    from triable.engine.model.report import AuthorityRef, Dispute, PartyRef, SideValue

    ref = AuthorityRef(id="celotex_1986", pin="322")
    with pytest.raises(FrozenInstanceError):
        ref.pin = "323"  # type: ignore[misc]
    side = SideValue(value=True, facts=[])
    first = Dispute(attribute="a", question="A?", non_movant=side, movant=side)
    second = Dispute(attribute="b", question="B?", non_movant=side, movant=side)
    assert first.together_with == ()
    assert first == Dispute(attribute="a", question="A?", non_movant=side, movant=side)
    assert first != second
    with pytest.raises(TypeError):
        AuthorityRef(id="celotex_1986")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        AuthorityRef(id="celotex_1986", pin="322", page="1")  # type: ignore[call-arg]
    assert ref != ("celotex_1986", "322")
    assert PartyRef(id="a", name="b", role="c") != SideValue(value="a", facts="b")  # type: ignore[arg-type]
