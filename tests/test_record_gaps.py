"""What a record leaves unsaid: a posture not stated, evidence of an unstated or weaker
kind, dismissals by the court or abandoned claims — as a user meets them in a report."""

from __future__ import annotations

import json
from pathlib import Path

import engine_kit as kit
import pytest
import yaml

from triable.cli.app import main

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "tests" / "fixtures" / "valid" / "small_case.yaml"
FORMATS = ["text", "markdown", "html"]


def write_case(tmp_path: Path, change: dict | None = None, **top: object) -> Path:
    data = yaml.safe_load(SMALL.read_text())
    data["incident_date"] = data["incident_date"].isoformat()
    data.update(top)
    if change is not None:
        change(data)  # type: ignore[operator]
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def check(path: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> str:
    code = main(["check", str(path), "--format", fmt])
    out = capsys.readouterr().out
    assert code == 0, out
    return out


def tightness(report: dict) -> str:
    [element] = [e for e in report["claims"][0]["elements"] if e["id"] == "unreasonably_tight"]
    return str(element["status"])


# --- Local Rule 56.1 left out -------------------------------------------------------------


def _no_posture(data: dict) -> None:
    del data["motion"]["rule_56_1"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_posture_left_out_is_said_plainly(
    tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = check(write_case(tmp_path, _no_posture), fmt, capsys)
    heading = "Treatment: posture not stated" if fmt == "markdown" else "): posture not stated"
    assert heading in out
    assert "no fact is deemed admitted" in " ".join(out.split())


def test_a_posture_left_out_is_null_in_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = json.loads(check(write_case(tmp_path, _no_posture), "json", capsys))
    rule = report["rule_56_1"]
    assert rule["treatment"] is None and rule["complied"] is None
    assert rule["deemed_admitted"] == []
    assert "holtz_2001" in rule["authorities"]


def test_a_posture_left_out_deems_nothing_admitted() -> None:
    uncontroverted = kit.fact("defendants", "Def. 56.1 ¶ 1", hit=False)
    uncontroverted["rule_56_1_paragraph"] = "¶ 1"
    motion = {"movant": "defendants", "cite": "ECF 1"}
    report = kit.evaluate(
        kit.case(motion=motion, drop_facts=["d_no_hit"], add_facts={"d_56": uncontroverted})
    )
    assert report.rule_56_1.deemed_admitted == []
    assert kit.claim_result(report, "toy_claim", "ann").outcome.value == "denied"


# --- evidence kinds -----------------------------------------------------------------------


def test_an_unverified_complaint_is_set_aside_with_its_authority(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def unverified(data: dict) -> None:
        data["facts"]["tight"]["evidence"] = "unverified_complaint"
        data["facts"]["tight"]["cite"] = "Compl. ¶ 12"

    report = json.loads(check(write_case(tmp_path, unverified), "json", capsys))
    [entry] = report["set_aside"]
    assert entry["fact"]["id"] == "tight"
    assert "pleading" in entry["reason"]
    assert {"id": "celotex_1986", "pin": "324"} in entry["authorities"]
    assert tightness(report) == "not_met"


def test_a_verified_complaint_counts_as_sworn(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def verified(data: dict) -> None:
        data["facts"]["tight"]["evidence"] = "verified_complaint"

    report = json.loads(check(write_case(tmp_path, verified), "json", capsys))
    assert report["set_aside"] == [] and "flagged" not in report
    assert tightness(report) == "genuine_dispute"


@pytest.mark.parametrize("fmt", ["json", *FORMATS])
def test_evidence_of_an_unknown_kind_counts_but_is_flagged(
    tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    def unknown(data: dict) -> None:
        data["facts"]["tight"]["evidence"] = "unknown"

    out = check(write_case(tmp_path, unknown), fmt, capsys)
    if fmt == "json":
        report = json.loads(out)
        assert [f["fact"]["id"] for f in report["flagged"]] == ["tight"]
        assert tightness(report) == "genuine_dispute"
    else:
        assert "Evidence counted, but flagged" in out
        assert "of a kind the record does not state" in out


def test_a_rule_56_1_paragraph_counts_for_the_record_it_cites() -> None:
    statement = kit.fact("defendants", "Def. 56.1 ¶ 4", evidence="rule_56_1_statement", hit=False)
    report = kit.evaluate(kit.case(drop_facts=["d_no_hit"], add_facts={"d_56": statement}))
    assert report.set_aside == []
    result = kit.claim_result(report, "toy_claim", "ann")
    assert result.outcome.value == "denied"
    assert result.elements[1].status.value == "genuine_dispute"


def test_the_summary_judgment_rubric_decides_what_is_flagged() -> None:
    report = kit.evaluate(
        kit.case(add_facts={"odd": kit.fact("plaintiff", "Ex. 9", evidence="unknown", hit=True)})
    )
    assert [f.fact.id for f in report.flagged] == ["odd"]
    assert report.flagged[0].reason == "Its kind is not stated."


# --- dismissal reasons --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reason", "words"),
    [("dismissed_by_court", "is dismissed by the court"), ("abandoned", "dismissed as abandoned")],
)
@pytest.mark.parametrize("fmt", ["json", *FORMATS])
def test_new_dismissal_reasons_read_naturally(
    tmp_path: Path, reason: str, words: str, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    dismissals = [{"claim": "excessive_force", "reason": reason, "cite": "ECF No. 12"}]
    out = check(write_case(tmp_path, dismissals=dismissals), fmt, capsys)
    assert words in " ".join(out.split())
    if fmt == "json":
        claim = json.loads(out)["claims"][0]
        assert (claim["outcome"], claim["reason"]) == ("dismissed", reason)


# --- open values: at least one of, an unidentified officer, a floor ------------------------


def test_at_least_one_of_resolves_for_the_non_movant_per_defendant() -> None:
    both = kit.fact("plaintiff", "Pl. Tr. 1", hit=True, actor={"at_least_one_of": ["ann", "bob"]})
    report = kit.evaluate(
        kit.case(
            claims=[{"claim": "toy_claim", "against": ["ann", "bob"]}],
            add_facts={"p_hit": both},
        )
    )
    for defendant in ("ann", "bob"):
        assert kit.claim_result(report, "toy_claim", defendant).outcome.value == "denied"


def test_at_least_one_of_lets_the_non_movant_have_one_act_and_another_watch() -> None:
    # Bob's failure to intervene needs someone else to have hit: the non-movant's world may
    # take Ann alone as the one who did, where exactly-one-of could not be both.
    facts = {
        "p_hit": kit.fact(
            "plaintiff", "Pl. Tr. 1", hit=True, actor={"at_least_one_of": ["ann", "bob"]}
        ),
        "p_hurt": kit.fact("plaintiff", "Med. Rec. 1", evidence="medical_record", hurt="lots"),
        "p_there": kit.fact("plaintiff", "Pl. Tr. 2", present=["bob"], quick=False),
    }
    report = kit.evaluate(
        kit.case(
            facts=facts,
            claims=[
                {"claim": "toy_claim", "against": ["ann"]},
                {"claim": "toy_failure", "against": ["bob"]},
            ],
        )
    )
    assert kit.claim_result(report, "toy_failure", "bob").outcome.value == "denied"


def test_an_unidentified_officer_acted_but_is_no_defendant() -> None:
    unknown = kit.fact("plaintiff", "Pl. Tr. 1", hit=True, actor=["unidentified_officer"])
    report = kit.evaluate(kit.case(add_facts={"p_hit": unknown}))
    result = kit.claim_result(report, "toy_claim", "ann")
    assert result.outcome.value == "granted"
    assert result.elements[0].values["actor"]["non_movant"] == ["unidentified_officer"]


@pytest.mark.parametrize(
    ("floor", "outcome"),
    [("some", "denied"), ("lots", "denied"), ("none", "granted")],
)
def test_a_floor_proves_what_every_level_above_it_does(floor: str, outcome: str) -> None:
    hurt = kit.fact("plaintiff", "Med. Rec. 1", "medical_record", hurt={"at_least": floor})
    report = kit.evaluate(kit.case(add_facts={"p_hurt": hurt}))
    result = kit.claim_result(report, "toy_claim", "ann")
    assert result.outcome.value == outcome
    values = next(e for e in result.elements if e.id == "hurt").values["hurt"]
    assert values["non_movant"] == {"at_least": floor}


@pytest.mark.parametrize(
    ("comparison", "floor", "expected"),
    [
        ({"at_least": "some"}, "some", True),
        ({"at_least": "lots"}, "some", None),
        ({"at_most": "some"}, "lots", False),
        ({"at_most": "lots"}, "some", True),
        ({"at_most": "some"}, "some", None),
        ({"is": "none"}, "some", False),
        ({"is": "some"}, "some", None),
        ({"is": "lots"}, "lots", True),
        ({"is_not": "none"}, "some", True),
        ({"is_not": "lots"}, "some", None),
    ],
)
def test_a_floor_leaves_unknown_what_it_cannot_decide(
    comparison: dict, floor: str, expected: bool | None
) -> None:
    import datetime as dt

    from triable.engine.law import Law
    from triable.engine.model.case import AtLeast
    from triable.engine.model.conditions import AttributeTest
    from triable.engine.world import World

    world = World(
        Law(kit.library()), {"hurt": AtLeast(at_least=floor)}, ("ann",), dt.date(2015, 1, 1)
    )
    test = AttributeTest.model_validate({"attr": "hurt", **comparison})
    assert world.truth(test, "ann") is expected


def open_values_case(tmp_path: Path) -> Path:
    def change(data: dict) -> None:
        data["defendants"]["poe"] = {"name": "Pat Poe", "role": "Police Officer"}
        data["claims"][0]["against"] = ["roe", "poe"]
        facts = data["facts"]
        facts["cuffed"]["establishes"]["force_applied_by"] = {"at_least_one_of": ["roe", "poe"]}
        facts["struck"] = {
            "text": "Someone she could not see pushed her.",
            "offered_by": "plaintiff",
            "cite": "Pl. Tr. 14:2",
            "evidence": "deposition",
            "establishes": {"present_during_force": ["unidentified_officer", "poe"]},
        }
        facts["hurt"] = {
            "text": "Her wrists were still numb a month later.",
            "offered_by": "plaintiff",
            "cite": "Pl. Tr. 20:1",
            "evidence": "deposition",
            "establishes": {"injury_from_tightness_alone": {"at_least": "minor_lasting"}},
        }
        facts["unhurt"] = {
            "text": "Her wrists were unmarked the next day.",
            "offered_by": "defendants",
            "cite": "Med. Rec. 2",
            "evidence": "medical_record",
            "disputes": ["hurt"],
            "establishes": {"injury_from_tightness_alone": "none"},
        }

    return write_case(tmp_path, change)


def test_open_values_validate_and_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = open_values_case(tmp_path)
    code = main(["validate", str(path)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "R002" not in out and "R011" not in out
    report = json.loads(check(path, "json", capsys))
    assert [c["defendant"] for c in report["claims"]] == ["poe", "roe"]
    shown = json.dumps(report)
    assert '{"at_least": "minor_lasting"}' in shown
    text = " ".join(check(path, "text", capsys).split())
    assert "at least minor lasting" in text


# --- an incident date known only to the month or year -------------------------------------


def nonverbal_signs(tmp_path: Path, written: str) -> Path:
    text = (ROOT / "cases" / "ali_nonverbal_signs_2015.yaml").read_text()
    lines = [
        f"incident_date: {written}" if line.startswith("incident_date:") else line
        for line in text.splitlines()
    ]
    path = tmp_path / "case.yaml"
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.mark.parametrize(
    ("written", "outcome"),
    [
        ("2015-07-21", "granted"),
        ("'2019-06'", "granted"),  # every day of it before Cugini (2019-10-25)
        ("'2019'", "undetermined"),  # Cugini decided inside the year
        ("'2019-10'", "undetermined"),
        ("'2020'", "denied"),
    ],
)
def test_clearly_established_over_the_range_of_dates(
    tmp_path: Path, written: str, outcome: str, capsys: pytest.CaptureFixture[str]
) -> None:
    report = json.loads(check(nonverbal_signs(tmp_path, written), "json", capsys))
    assert report["incident_date"] == written.strip("'")
    assert {d["outcome"] for d in report["defenses"]} == {outcome}
    if outcome == "undetermined":
        defense = report["defenses"][0]
        assert "known only as" in defense["explanation"]
        assert "Cugini" in defense["explanation"]
        assert "undetermined" in {p["status"] for p in defense["prongs"]}


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_undetermined_defense_says_so(
    tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = " ".join(check(nonverbal_signs(tmp_path, "'2019'"), fmt, capsys).split())
    assert "undetermined" in out.lower()
    assert "known only as 2019 (2019-01-01 to 2019-12-31)" in out


@pytest.mark.parametrize(
    ("written", "says"),
    [
        ("2019", "write the year in quotes ('2019')"),
        ("'2019-13'", "write YYYY-MM-DD"),
        ("'July 2019'", "write YYYY-MM-DD"),
    ],
)
def test_a_date_error_says_what_to_write(
    tmp_path: Path, written: str, says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["validate", str(nonverbal_signs(tmp_path, written))])
    out = capsys.readouterr().out
    assert code == 1 and "S003" in out and says in out


def test_a_precedent_inside_the_range_leaves_the_defense_undetermined() -> None:
    raised = [{"defense": "toy_immunity", "raised_by": ["ann"], "cite": "Def. Mem. 1"}]
    outcomes = {
        written: kit.evaluate(kit.case(incident_date=written, defenses=raised)).defenses[0]
        for written in ("2019", "2020-01-01", "2020", "2020-02", "2021")
    }
    assert {w: d.outcome.value for w, d in outcomes.items()} == {
        "2019": "granted",
        "2020-01-01": "granted",  # decided that day: it does not predate the incident
        "2020": "undetermined",
        "2020-02": "denied",
        "2021": "denied",
    }
    prongs = {p.id: p.status.value for p in outcomes["2020"].prongs}
    assert prongs["clearly_established"] == "undetermined"


def test_many_at_least_one_of_values_are_bounded_and_warned(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def change(data: dict) -> None:
        names = [f"officer_{i}" for i in range(8)]
        for name in names:
            data["defendants"][name] = {"name": name.title(), "role": "Officer"}
        data["claims"][0]["against"] = ["roe", *names]
        data["facts"]["cuffed"]["establishes"]["force_applied_by"] = {"at_least_one_of": names}

    path = write_case(tmp_path, change)
    main(["validate", str(path)])
    assert "R023" in capsys.readouterr().out
    assert main(["check", str(path), "--format", "json"]) == 0
