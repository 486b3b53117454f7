"""`triable whatif`: before and after, run as a user runs it, and the pure edits beneath."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from triable.cli import session
from triable.cli.app import main
from triable.engine.evaluate import Engine
from triable.engine.vocab import Party, Rule561Treatment, Side
from triable.engine.whatif import (
    credit_fact,
    deem_admitted,
    diff_reports,
    drop_fact,
    parse_assignment,
    set_value,
)

SEED = "cases/ali_v_ramos.yaml"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def whatif_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    code, out, err = run(capsys, "whatif", *args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def outcome_changes(data: dict) -> dict[tuple[str, str], tuple[str, str]]:
    return {
        (c["claim"], c["defendant"]): (c["before"], c["after"])
        for c in data["changes"]
        if c["kind"] == "claim"
    }


def variant(tmp_path: Path, name: str, old: str, new: str) -> Path:
    # The court's expected holdings are the seed's, not the variant's: leave them out.
    text = Path(SEED).read_text(encoding="utf-8").split("\nexpected:")[0] + "\n"
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(session.library(None))


# --- the verb, end to end ---------------------------------------------------------------


def test_temporary_discomfort_grants_excessive_force_and_intervention_falls_with_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = whatif_json(
        capsys,
        SEED,
        "--set",
        "injury_severity=temporary_discomfort",
        "--set",
        "injury_from_tightness_alone=temporary_discomfort",
    )
    assert data["changed"] is True
    assert outcome_changes(data) == {
        ("excessive_force", "knowles"): ("denied", "granted"),
        ("excessive_force", "ramos"): ("denied", "granted"),
        ("failure_to_intervene", "knowles"): ("denied", "granted"),
        ("failure_to_intervene", "ramos"): ("denied", "granted"),
    }
    injury = next(
        c
        for c in data["changes"]
        if c["kind"] == "element" and c["item"] == "injury" and c["defendant"] == "ramos"
    )
    assert (injury["before"], injury["after"]) == ("genuine_dispute", "not_met")
    assert injury["disputes_resolved"] == ["full_injury_caused_by_force"]
    assert "temporary discomfort" in injury["explanation"]
    defenses = {
        (c["claim"], c["defendant"]): c["after"] for c in data["changes"] if c["kind"] == "defense"
    }
    assert defenses[("excessive_force", "ramos")] == "not_reached"


def test_no_time_to_intervene_flips_only_failure_to_intervene(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "whatif", SEED, "--set", "time_to_intervene=none")
    assert code == 0
    assert "Failure to intervene — T. Eleazar Ramos" in out
    assert "outcome: denied → granted" in out
    assert "A realistic opportunity to intervene: genuine_dispute → not_met" in out
    assert "Excessive force —" not in out
    data = whatif_json(capsys, SEED, "--set", "time_to_intervene=none")
    assert set(outcome_changes(data)) == {
        ("failure_to_intervene", "knowles"),
        ("failure_to_intervene", "ramos"),
    }


def test_deeming_the_56_1_facts_admitted_changes_outcomes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = whatif_json(capsys, SEED, "--deem-admitted")
    kinds = [c["kind"] for c in data["changes"]]
    assert kinds[0] == "rule_56_1"
    assert data["changes"][0]["after"] == "deemed_admitted"
    # The seed's paragraphs are declarations, each its own support, so what they state is
    # deemed; a sworn fact of Ali's that disputes them is not set aside whole.
    set_aside = {c["item"] for c in data["changes"] if c["kind"] == "set_aside"}
    assert "told_officers_immediately" not in set_aside
    assert outcome_changes(data)[("excessive_force", "ramos")] == ("denied", "granted")


def test_crediting_the_plaintiff_resolves_disputes_without_changing_outcomes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = whatif_json(capsys, SEED, "--credit", "plaintiff:key_twisted_as_weapon")
    assert outcome_changes(data) == {}
    tight = next(
        c
        for c in data["changes"]
        if c["item"] == "unreasonably_tight" and c["defendant"] == "ramos"
    )
    assert (tight["before"], tight["after"]) == ("genuine_dispute", "undisputed_met")
    assert "handcuffs_used_as_weapon" in tight["disputes_resolved"]
    assert "key_twisted_as_weapon" in data["edits"][0]


def test_a_change_that_matters_to_nothing_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "whatif", SEED, "--drop", "prior_outburst")
    assert code == 0
    assert "Nothing changes" in out
    assert whatif_json(capsys, SEED, "--drop", "prior_outburst")["changes"] == []


def test_dropping_the_key_testimony_grants_both_claims(capsys: pytest.CaptureFixture[str]) -> None:
    data = whatif_json(capsys, SEED, "--drop", "key_twisted_as_weapon")
    assert outcome_changes(data)[("excessive_force", "knowles")] == ("denied", "granted")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--set", "injury_severty=none"],
            "unknown attribute 'injury_severty' (did you mean 'injury_severity'?)",
        ),
        (["--set", "injury_severity=broken"], "'broken' is not a value of 'injury_severity'"),
        (["--set", "injury_severity=permanant"], "(did you mean 'permanent'?)"),
        (["--set", "force_single_quick_act=maybe"], "write one of: true, false"),
        (["--set", "force_duration_minutes=long"], "'long' is not a number"),
        (
            ["--set", "force_applied_by=ramoz"],
            "unknown defendant 'ramoz' in 'force_applied_by' (did you mean 'ramos'?)",
        ),
        (["--set", "force_single_quick_act"], "is not ATTR=VALUE"),
        (
            ["--drop", "key_twisted"],
            "unknown fact 'key_twisted' (did you mean 'key_twisted_as_weapon'?)",
        ),
        (
            ["--credit", "defendants:told_officers_immediately"],
            "is offered by plaintiff, not defendants",
        ),
        (["--credit", "court:told_officers_immediately"], "is not SIDE:FACT"),
        ([], "nothing to change"),
    ],
)
def test_bad_edits_exit_2_with_one_clear_line(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = run(capsys, "whatif", SEED, *args)
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err + out


def test_a_missing_case_file_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "whatif", str(tmp_path / "nope.yaml"), "--deem-admitted")
    assert code == 2
    assert "nope.yaml" in err


def test_on_a_variant_whose_incident_predates_the_law(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """In 2005 Glick (1973) and Hope's obvious case already governed the key used as a
    weapon, so immunity is denied; supposing the key was not used as a weapon leaves tight
    cuffs known from a complaint, which no binding precedent before Cugini (2019) covers, so
    immunity is then granted."""
    early = variant(
        tmp_path, "early.yaml", "incident_date: 2015-07-21", "incident_date: 2005-07-21"
    )
    base = whatif_json(capsys, str(early), "--drop", "prior_outburst")
    assert base["changes"] == []
    data = whatif_json(capsys, str(early), "--set", "handcuffs_used_as_weapon=false")
    defenses = {
        (c["claim"], c["defendant"]): (c["before"], c["after"])
        for c in data["changes"]
        if c["kind"] == "defense"
    }
    assert defenses[("excessive_force", "ramos")] == ("denied", "granted")


def test_on_an_arrestee_variant_the_status_itself_can_be_supposed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    arrestee = variant(tmp_path, "arrestee.yaml", "status: pretrial_detainee", "status: arrestee")
    data = whatif_json(capsys, str(arrestee), "--set", "plaintiff_status=convicted_prisoner")
    changes = outcome_changes(data)
    before, after = changes[("excessive_force", "ramos")]
    assert "handcuffing" in before
    assert "eighth_amendment_force" in after


# --- the pure edits and the diff ------------------------------------------------------------


def test_set_value_replaces_every_version_of_the_attribute(engine: Engine) -> None:
    case = session.case(Path(SEED), engine.library)
    edit = parse_assignment(engine.library, "complained_of_tightness=no", list(case.defendants))
    changed = set_value(case, engine.library, edit.attribute, edit.value)
    holders = [
        f for f, fact in changed.facts.items() if "complained_of_tightness" in fact.establishes
    ]
    assert holders == ["whatif_complained_of_tightness"]
    assert changed.facts[holders[0]].offered_by is Side.UNDISPUTED
    assert "complaints_ignored" in changed.facts["told_officers_immediately"].establishes
    assert "complained_of_tightness" in case.facts["told_officers_immediately"].establishes


def test_drop_and_credit_keep_the_rest_of_the_record(engine: Engine) -> None:
    case = session.case(Path(SEED), engine.library)
    dropped = drop_fact(case, "told_officers_immediately")
    assert "told_officers_immediately" not in dropped.facts
    assert "told_officers_immediately" not in dropped.facts["no_complaint_to_knowles"].disputes
    credited = credit_fact(case, Party.PLAINTIFF, "told_officers_immediately")
    assert credited.facts["told_officers_immediately"].offered_by is Side.UNDISPUTED
    ramos = credited.facts["ramos_cuffed_without_difficulty"].establishes
    assert "complained_of_tightness" not in ramos
    assert ramos["handcuffs_unreasonably_tight"] is False
    assert deem_admitted(case).motion.rule_56_1.treatment is Rule561Treatment.DEEMED_ADMITTED


def test_a_report_compared_with_itself_has_no_changes(engine: Engine) -> None:
    report = engine.evaluate(session.case(Path(SEED), engine.library))
    assert diff_reports(report, report) == []
