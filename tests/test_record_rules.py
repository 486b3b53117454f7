"""The record as the summary-judgment standard reads it, on a toy law: statements of
material facts paragraph by paragraph, hearsay, later statements against one's own
deposition, testimony no juror could credit, and record items that blatantly contradict."""

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.engine_kit import case as make_case
from tests.engine_kit import claim_result, evaluate, fact, library, statuses
from triable.cli.app import main
from triable.engine.evaluate import Engine
from triable.engine.lint import lint_case
from triable.engine.pivots import find_pivots
from triable.engine.vocab import ClaimOutcome

CASES = Path(__file__).resolve().parent.parent / "cases"

DEEMED = {
    "movant": "defendants",
    "cite": "ECF 1",
    "rule_56_1": {"non_movant_complied": False, "treatment": "deemed_admitted"},
}


def paragraph(cite: str, evidence: str = "rule_56_1_statement", **establishes: Any) -> dict:
    out = fact("defendants", cite, evidence, **establishes)
    out["rule_56_1_paragraph"] = cite.removeprefix("Defs. 56.1 ")
    return out


def deemed_case(**facts: dict) -> Any:
    base = {
        "p_hit": fact("plaintiff", "Pl. Tr. 1", hit=True, actor=["ann"]),
        "p_hurt": fact("plaintiff", "Med. Rec. 1", "medical_record", hurt="lots"),
    }
    return make_case(facts={**base, **facts}, motion=DEEMED)


def set_aside(report: Any) -> list[str]:
    return [s.fact.id for s in report.set_aside]


# --- statements of material facts ------------------------------------------------------


def test_a_paragraph_citing_no_record_is_disregarded_and_the_sworn_version_stands() -> None:
    report = evaluate(deemed_case(d_para=paragraph("Defs. 56.1 ¶ 4", hit=False)))
    [p] = report.rule_56_1.paragraphs
    assert (p.deemed, p.binds, p.disregarded, p.record_support) == (False, [], ["hit"], [])
    assert "does not support" in p.explanation
    assert report.rule_56_1.deemed_admitted == []
    assert set_aside(report) == ["d_para"]
    assert claim_result(report, "toy_claim", "ann").outcome is ClaimOutcome.DENIED


def test_a_paragraph_binds_only_what_the_record_it_cites_establishes() -> None:
    para = paragraph("Defs. 56.1 ¶ 4", hit=False, hurt="none")
    para["record_support"] = ["d_decl"]
    decl = fact("defendants", "Ann Decl. ¶ 2", "declaration", hit=False)
    report = evaluate(deemed_case(d_para=para, d_decl=decl))
    [p] = report.rule_56_1.paragraphs
    assert (p.deemed, p.binds, p.disregarded) == (True, ["hit"], ["hurt"])
    assert [f.id for f in p.record_support] == ["d_decl"]
    assert report.rule_56_1.deemed_admitted == ["d_para"]
    # The sworn fact keeps what the paragraph does not fix, and nothing is set aside whole.
    assert set_aside(report) == []
    result = claim_result(report, "toy_claim", "ann")
    assert result.outcome is ClaimOutcome.GRANTED
    assert statuses(result)["involved"] == "undisputed_met"


def test_the_unsupported_part_of_a_paragraph_creates_no_version() -> None:
    """Where the paragraph asserts less injury than the record it cites supports, the
    plaintiff's medical record alone answers: no dispute comes of the bare assertion."""
    para = paragraph("Defs. 56.1 ¶ 4", hurt="none")
    para["record_support"] = ["d_decl"]
    decl = fact("defendants", "Ann Decl. ¶ 2", "declaration", hit=True)
    report = evaluate(deemed_case(d_para=para, d_decl=decl))
    result = claim_result(report, "toy_claim", "ann")
    assert statuses(result)["hurt"] == "undisputed_met"
    assert result.outcome is ClaimOutcome.DENIED


def test_support_that_is_set_aside_or_contradicts_the_paragraph_supports_nothing() -> None:
    for support in (
        fact("defendants", "Ann Letter", "unsworn_allegation", hit=False),
        fact("defendants", "Ann Decl. ¶ 2", "declaration", hit=True),
    ):
        para = paragraph("Defs. 56.1 ¶ 4", hit=False)
        para["record_support"] = ["d_support"]
        report = evaluate(deemed_case(d_para=para, d_support=support))
        [p] = report.rule_56_1.paragraphs
        assert p.deemed is (support["evidence"] == "declaration")
        assert p.binds == [] and p.disregarded == ["hit"]
        assert claim_result(report, "toy_claim", "ann").outcome is ClaimOutcome.DENIED


def test_without_a_deeming_posture_nothing_is_deemed_but_the_unsupported_is_disregarded() -> None:
    para = paragraph("Defs. 56.1 ¶ 4", hit=False)
    reviewed = make_case(add_facts={"d_para": para})
    report = evaluate(reviewed)
    assert report.rule_56_1.deemed_admitted == []
    assert [(p.fact.id, p.deemed) for p in report.rule_56_1.paragraphs] == [("d_para", False)]
    assert "d_para" in set_aside(report)


def test_the_report_names_the_rule_the_posture_names() -> None:
    default = evaluate(deemed_case())
    assert default.rule_56_1.rule == "Toy Local Rule 9"
    assert ("rule_a", "7") in {(a.id, a.pin) for a in default.rule_56_1.pins}
    far = {**DEEMED, "rule_56_1": {**DEEMED["rule_56_1"], "rule": "far_rule"}}
    report = evaluate(make_case(motion=far))
    assert report.rule_56_1.rule == "Far District Rule 3"
    pins = {(a.id, a.pin) for a in report.rule_56_1.pins}
    assert ("rule_a", "8") in pins and ("rule_a", "7") not in pins


@settings(max_examples=30, deadline=None)
@given(
    hit=st.booleans(),
    hurt=st.sampled_from(["none", "some", "lots"]),
    cites=st.sets(st.sampled_from(["d_decl", "d_letter", "p_hit"])),
)
def test_a_paragraph_never_binds_what_no_admissible_cited_item_establishes(
    hit: bool, hurt: str, cites: set[str]
) -> None:
    para = paragraph("Defs. 56.1 ¶ 4", hit=hit, hurt=hurt)
    if cites:
        para["record_support"] = sorted(cites)
    facts = {
        "d_para": para,
        "d_decl": fact("defendants", "Ann Decl. ¶ 2", "declaration", hit=False),
        "d_letter": fact("defendants", "Ann Letter", "unsworn_allegation", hurt="none"),
    }
    report = evaluate(deemed_case(**facts))
    admissible = {"d_decl": {"hit": False}, "p_hit": {"hit": True}}
    for p in report.rule_56_1.paragraphs:
        for name in p.binds:
            values = [
                admissible[c][name] for c in cites if c in admissible and name in admissible[c]
            ]
            assert values and all(v == para["establishes"][name] for v in values)


# --- testimony and record items set aside ------------------------------------------------


def test_hearsay_offered_for_its_truth_is_set_aside() -> None:
    told = fact("plaintiff", "Pl. Tr. 3", hit=True, actor=["ann"])
    told["hearsay_for_truth"] = True
    report = evaluate(make_case(add_facts={"p_hit": told}))
    assert set_aside(report) == ["p_hit"]
    assert "Hearsay" in report.set_aside[0].reason
    assert claim_result(report, "toy_claim", "ann").outcome is ClaimOutcome.GRANTED


def _sham_case(later_evidence: str, explained: bool = False) -> Any:
    deposition = fact("plaintiff", "Pl. Tr. 2", hit=False, actor=["ann"])
    later = fact("plaintiff", "Pl. Aff. ¶ 3", later_evidence, hit=True)
    later["contradicts_own_deposition"] = "p_dep"
    later["contradiction_explained"] = explained
    return make_case(
        facts={
            "p_dep": deposition,
            "p_later": later,
            "p_hurt": fact("plaintiff", "Med. Rec. 1", "medical_record", hurt="lots"),
        }
    )


def test_a_later_affidavit_contradicting_the_same_witness_deposition_is_set_aside() -> None:
    report = evaluate(_sham_case("affidavit"))
    assert set_aside(report) == ["p_later"]
    assert "own deposition" in report.set_aside[0].reason
    assert claim_result(report, "toy_claim", "ann").outcome is ClaimOutcome.GRANTED


def test_an_explained_affidavit_and_inconsistent_depositions_stay_for_the_jury() -> None:
    for later in (_sham_case("affidavit", explained=True), _sham_case("deposition")):
        report = evaluate(later)
        assert set_aside(report) == []
        result = claim_result(report, "toy_claim", "ann")
        assert statuses(result)["hit"] != "not_met"


def _incredible(**more: dict) -> Any:
    alone = fact("plaintiff", "Pl. Tr. 1", hit=True, actor=["ann"])
    alone["contradictory_and_incomplete"] = True
    return make_case(add_facts={"p_hit": alone, **more})


def test_uncorroborated_testimony_no_juror_could_credit_is_set_aside() -> None:
    report = evaluate(_incredible())
    assert set_aside(report) == ["p_hit"]
    assert "credit" in report.set_aside[0].reason
    assert claim_result(report, "toy_claim", "ann").outcome is ClaimOutcome.GRANTED


def test_corroborated_testimony_is_never_set_aside_as_incredible() -> None:
    witness = fact("third_party", "Nurse Tr. 4", hit=True)
    report = evaluate(_incredible(t_hit=witness))
    assert "p_hit" not in set_aside(report)
    assert claim_result(report, "toy_claim", "ann").outcome is ClaimOutcome.DENIED


def test_the_officers_different_story_alone_never_sets_testimony_aside() -> None:
    """Without the court's finding that the testimony is itself contradictory and
    incomplete, the officers' contrary declaration is a dispute for the jury."""
    report = evaluate(make_case())
    assert set_aside(report) == []
    assert claim_result(report, "toy_claim", "ann").outcome is ClaimOutcome.DENIED
    officer = fact("defendants", "Ann Decl. ¶ 1", "declaration", hit=False)
    officer["contradictory_and_incomplete"] = True
    assert "d_no_hit" not in set_aside(evaluate(make_case(add_facts={"d_no_hit": officer})))


def test_a_medical_record_of_undisputed_authenticity_can_blatantly_contradict() -> None:
    chart = fact("defendants", "Med. Rec. 7", "medical_record", hit=False)
    chart["blatantly_contradicts"] = ["p_hit"]
    report = evaluate(make_case(add_facts={"d_chart": chart}))
    assert set_aside(report) == ["p_hit"]
    assert claim_result(report, "toy_claim", "ann").outcome is ClaimOutcome.GRANTED
    chart["authenticity_disputed"] = True
    assert set_aside(evaluate(make_case(add_facts={"d_chart": chart}))) == []


def test_testimony_never_blatantly_contradicts() -> None:
    officer = fact("defendants", "Ann Decl. ¶ 1", "declaration", hit=False)
    officer["blatantly_contradicts"] = ["p_hit"]
    checked = make_case(add_facts={"d_no_hit": officer})
    assert set_aside(evaluate(checked)) == []
    found = lint_case(checked, library(), "case.yaml")
    assert [(f.code, f.at) for f in found if f.code == "R016"] == [
        ("R016", ("facts", "d_no_hit", "blatantly_contradicts", 0))
    ]


def test_lint_finds_marks_the_rules_cannot_reach() -> None:
    para = paragraph("Defs. 56.1 ¶ 4", hit=False)
    para["record_support"] = ["d_missing"]
    officer = fact("defendants", "Ann Decl. ¶ 1", "declaration", hit=False)
    officer["contradictory_and_incomplete"] = True
    officer["contradicts_own_deposition"] = "p_hit"
    far = {**DEEMED, "rule_56_1": {**DEEMED["rule_56_1"], "rule": "near_rule"}}
    checked = make_case(add_facts={"d_para": para, "d_no_hit": officer}, motion=far)
    found = {(f.code, f.at) for f in lint_case(checked, library(), "case.yaml")}
    assert ("R030", ("facts", "d_para", "record_support", 0)) in found
    assert ("R031", ("facts", "d_para", "establishes", "hit")) in found
    assert ("R032", ("motion", "rule_56_1", "rule")) in found
    assert ("R033", ("facts", "d_no_hit", "contradicts_own_deposition")) in found
    assert ("R034", ("facts", "d_no_hit", "contradictory_and_incomplete")) in found


def test_dropping_the_only_corroboration_is_a_pivot() -> None:
    """The witness who corroborates the plaintiff never appears in the plaintiff's world
    (the plaintiff's own version comes first), yet without him the testimony no juror could
    credit is set aside: the search for pivots must try it."""
    witness = fact("third_party", "Nurse Tr. 4", hit=True)
    checked = _incredible(t_hit=witness)
    found = find_pivots(Engine(library()), checked)
    assert any(p.kind == "fact" and p.subject == "t_hit" for p in found)


def test_a_case_under_another_districts_rule_never_names_local_civil_rule_56_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = yaml.safe_load((CASES / "ali_deemed_admitted.yaml").read_text())
    data["court"] = "United States District Court for the Northern District of New York"
    data["motion"]["rule_56_1"]["rule"] = "ndny_local_rule_56_1"
    data.pop("expected")
    path = tmp_path / "ndny.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    for fmt in ("text", "markdown", "html"):
        assert main(["check", str(path), "--format", fmt]) == 0
        out = capsys.readouterr().out
        assert "N.D.N.Y. Local Rule 56.1" in out, fmt
        assert "Local Civil Rule 56.1" not in out and "Local Civ. R. 56.1" not in out, fmt
    assert main(["check", str(path), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["rule_56_1"]["rule"].startswith("N.D.N.Y.")
    assert "ndny_local_rule_7_1_a_3" in report["rule_56_1"]["authorities"]
    assert "local_rule_56_1" not in json.dumps(report)
