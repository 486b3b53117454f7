"""Non-parties, and a value given for each party: who else acted, and each bystander's own
time to step in."""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path

import pytest
import yaml
from cli_run import run_triable
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from triable.cli import session
from triable.engine.evaluate import Engine
from triable.engine.library import Library
from triable.engine.model.case import Case
from triable.engine.model.report import ClaimResult, Report

ROOT = Path(__file__).resolve().parent.parent
LATE = ROOT / "cases" / "ali_late_bystander.yaml"
FTI = "failure_to_intervene"
LEVELS = ("none", "brief", "ample")


@cache
def library() -> Library:
    return session.library(None)


@cache
def raw() -> dict:  # type: ignore[type-arg]
    return yaml.safe_load(LATE.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def decide(data: dict) -> Report:  # type: ignore[type-arg]
    return Engine(library()).evaluate(Case.model_validate(data))


def blows(report: Report, claim: str, defendant: str) -> ClaimResult:
    whole = next(c for c in report.claims if (c.claim, c.defendant) == (claim, defendant))
    return next(p for p in whole.episodes if p.episode and p.episode.id == "blows")


def status(result: ClaimResult, element: str) -> str:
    return next(e.status.value for e in result.elements if e.id == element)


def with_time(value: object, **changes: object) -> dict:  # type: ignore[type-arg]
    data = copy.deepcopy(raw())
    data["facts"]["dunn_struck_ali"]["establishes"]["time_to_intervene"] = value
    for key, change in changes.items():
        data[key] = change
    return data


def write(tmp_path: Path, text: str, name: str = "case.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def at(path: Path, needle: str, nth: int = 1) -> str:
    """'LINE:COL' of the nth ``needle`` in the file."""
    seen = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            seen += 1
            if seen == nth:
                return f"{number}:{line.index(needle) + 1}"
    raise AssertionError(f"{needle!r} not in {path}")


# --- two bystanders, one there for the last blow only -------------------------------------


def test_two_bystanders_to_one_episode_part_ways_on_their_own_time_to_step_in() -> None:
    report = decide(raw())
    knowles, ramos = blows(report, FTI, "knowles"), blows(report, FTI, "ramos")
    assert knowles.outcome.value == "denied"
    assert status(knowles, "realistic_opportunity") == "genuine_dispute"
    assert ramos.outcome.value == "granted"
    assert status(ramos, "realistic_opportunity") == "not_met"
    # The same violation underlies both: a non-party officer's blows.
    assert status(ramos, "underlying_violation") == "undisputed_met"


def test_one_time_for_the_whole_episode_treats_both_bystanders_alike() -> None:
    report = decide(with_time("ample"))
    assert blows(report, FTI, "ramos").outcome.value == "denied"
    assert blows(report, FTI, "knowles").outcome.value == "denied"


def test_a_bystander_a_by_party_value_leaves_out_has_no_time_shown() -> None:
    report = decide(with_time({"by_party": {"knowles": "ample"}}))
    assert blows(report, FTI, "knowles").outcome.value == "denied"
    ramos = blows(report, FTI, "ramos")
    assert ramos.outcome.value == "granted"
    assert status(ramos, "realistic_opportunity") == "not_met"


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(LEVELS), st.sampled_from(LEVELS))
def test_each_bystander_is_decided_as_if_the_episode_had_their_time(
    knowles: str, ramos: str
) -> None:
    """A by_party value decides each person as the plain value of their own level would."""
    keyed = decide(with_time({"by_party": {"knowles": knowles, "ramos": ramos}}))
    for defendant, level in (("knowles", knowles), ("ramos", ramos)):
        plain = decide(with_time(level))
        assert blows(keyed, FTI, defendant).outcome == blows(plain, FTI, defendant).outcome, (
            defendant,
            level,
        )


def test_the_worked_case_passes_and_its_report_names_the_non_party(tmp_path: Path) -> None:
    ran = run_triable("test", str(LATE))
    assert ran.code == 0, ran.output
    assert "1 passed, 0 failed" in ran.out
    text = run_triable("check", str(LATE))
    assert text.code == 0
    assert "Depends on excessive force against Court Officer Dunn: holds" in text.out
    report = json.loads(run_triable("check", str(LATE), "--format", "json").out)
    assert report["non_parties"] == [
        {"id": "dunn", "name": "Court Officer Dunn", "role": "Court Officer (not sued)"}
    ]
    # No claim is decided against a non-party.
    assert {c["defendant"] for c in report["claims"]} == {"knowles", "ramos"}


def test_a_disputed_by_party_value_is_shown_person_by_person(tmp_path: Path) -> None:
    disputed = (
        "  knowles_came_late:\n"
        "    text: Knowles declared that he too came in only as the last blow landed.\n"
        "    offered_by: defendants\n"
        "    cite: Knowles Decl. (supposed) ¶ 15\n"
        "    evidence: declaration\n"
        "    episode: blows\n"
        "    establishes:\n"
        "      time_to_intervene: {by_party: {knowles: none, ramos: none}}\n"
    )
    path = write(
        tmp_path, LATE.read_text(encoding="utf-8").replace("\nexpected:", disputed + "\nexpected:")
    )
    ran = run_triable("check", str(path))
    assert ran.code == 0, ran.output
    assert "Eric Ali: Bruce Knowles: ample; T. Eleazar Ramos: none" in ran.out
    assert "The defendants: Bruce Knowles: none; T. Eleazar Ramos: none" in ran.out
    report = json.loads(run_triable("check", str(path), "-f", "json").out)
    knowles = next(c for c in report["claims"] if (c["claim"], c["defendant"]) == (FTI, "knowles"))
    element = next(
        e for e in knowles["episodes"][0]["elements"] if e["id"] == "realistic_opportunity"
    )
    assert element["values"]["time_to_intervene"] == {
        "non_movant": {"by_party": {"knowles": "ample", "ramos": "none"}},
        "movant": {"by_party": {"knowles": "none", "ramos": "none"}},
    }


def test_a_report_without_non_parties_has_no_such_key() -> None:
    report = json.loads(
        run_triable("check", str(ROOT / "cases" / "ali_v_ramos.yaml"), "-f", "json").out
    )
    assert "non_parties" not in report


# --- a non-party's acts --------------------------------------------------------------------


def test_a_private_persons_blows_are_no_violation_a_bystander_failed_to_stop() -> None:
    civilian = {"name": "Sam Civilian", "role": "another detainee", "state_actor": False}
    report = decide(
        with_time(
            {"by_party": {"knowles": "ample", "ramos": "ample"}}, non_parties={"dunn": civilian}
        )
    )
    for defendant in ("knowles", "ramos"):
        result = blows(report, FTI, defendant)
        assert result.outcome.value == "granted"
        assert status(result, "underlying_violation") == "not_met"


def test_a_non_party_officers_blows_are_the_violation_a_bystander_failed_to_stop() -> None:
    report = decide(with_time("ample"))
    result = blows(report, FTI, "knowles")
    traces = {
        (t.claim, t.defendant): t.holds_for_non_movant
        for e in result.elements
        for t in e.depends_on
    }
    assert traces[("excessive_force", "dunn")] is True
    assert traces[("excessive_force", "ramos")] is False


def test_another_defendant_asks_the_named_defendants_alone(tmp_path: Path) -> None:
    """A rubric that reads `against: another_defendant` does not count a non-party's act."""
    rubrics = tmp_path / "rubrics"
    (rubrics / "claims").mkdir(parents=True)
    (rubrics / "tests").mkdir()
    source = (
        ROOT / "triable" / "rubrics"
        if (ROOT / "triable" / "rubrics").is_dir()
        else ROOT / "rubrics"
    )
    for path in source.rglob("*.yaml"):
        target = rubrics / path.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    fti = rubrics / "tests" / "failure_to_intervene_elements.yaml"
    fti.write_text(fti.read_text(encoding="utf-8").replace("another_actor", "another_defendant"))
    ran = run_triable("check", str(LATE), "--rubrics", str(rubrics), "--format", "json")
    assert ran.code == 0, ran.output
    report = json.loads(ran.out)
    knowles = next(c for c in report["claims"] if (c["claim"], c["defendant"]) == (FTI, "knowles"))
    assert knowles["outcome"] == "granted"


# --- bad input ---------------------------------------------------------------------------


def _case_text(
    extra_parties: str = "",
    force_by: str = "[dunn]",
    time: str = "{by_party: {knowles: ample, ramos: none}}",
    against: str = "[ramos, knowles]",
) -> str:
    text = LATE.read_text(encoding="utf-8")
    text = text.replace(
        "  dunn: {name: Court Officer Dunn, role: Court Officer (not sued)}\n",
        "  dunn: {name: Court Officer Dunn, role: Court Officer (not sued)}\n" + extra_parties,
    )
    text = text.replace("      force_applied_by: [dunn]\n", f"      force_applied_by: {force_by}\n")
    text = text.replace(
        "      time_to_intervene: {by_party: {knowles: ample, ramos: none}}\n",
        f"      time_to_intervene: {time}\n",
    )
    text = text.replace(
        "  - claim: failure_to_intervene\n    against: [ramos, knowles]\n",
        f"  - claim: failure_to_intervene\n    against: {against}\n",
    )
    return text


def test_an_id_both_defendant_and_non_party_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, _case_text(extra_parties="  ramos: {name: T. Ramos, role: Officer}\n"))
    ran = run_triable("validate", str(path))
    assert ran.code == 1
    assert (
        f"{path}:{at(path, 'ramos: {name: T. Ramos', 1)}: R029 'ramos' is listed both as a "
        "defendant and as a non-party" in ran.out
    )


def test_an_unknown_party_in_a_fact_names_its_place(tmp_path: Path) -> None:
    path = write(tmp_path, _case_text(force_by="[dun]"))
    ran = run_triable("validate", str(path))
    assert ran.code == 1
    assert (
        f"{path}:{at(path, '[dun]')}: R002 unknown party 'dun' in 'force_applied_by' "
        "(did you mean 'dunn'?); list them under the case's defendants or non_parties"
    ) in ran.out


def test_a_claim_against_a_non_party_says_why_not(tmp_path: Path) -> None:
    path = write(tmp_path, _case_text(against="[ramos, knowles, dunn]"))
    ran = run_triable("validate", str(path))
    assert ran.code == 1
    assert f"{path}:{at(path, 'dunn]')}: R011 'dunn' is a non-party" in ran.out
    assert "move 'dunn' to the case's defendants" in ran.out


@pytest.mark.parametrize(
    ("time", "needle", "message"),
    [
        (
            "{by_party: {knowels: ample}}",
            "{by_party",
            "R002 unknown party 'knowels' in 'time_to_intervene' (did you mean 'knowles'?)",
        ),
        (
            "{by_party: {knowles: lots}}",
            "{by_party",
            "R002 'lots' is not a level of 'time_to_intervene' (levels: none, brief, ample) "
            "(the value for 'knowles')",
        ),
    ],
)
def test_a_bad_by_party_value_names_its_place(
    tmp_path: Path, time: str, needle: str, message: str
) -> None:
    path = write(tmp_path, _case_text(time=time))
    ran = run_triable("validate", str(path))
    assert ran.code == 1, ran.output
    assert f"{path}:{at(path, needle)}: {message}" in ran.out


def test_a_party_attribute_cannot_be_given_by_party(tmp_path: Path) -> None:
    path = write(tmp_path, _case_text(force_by="{by_party: {ramos: true}}"))
    ran = run_triable("validate", str(path))
    assert ran.code == 1, ran.output
    assert (
        f"{path}:{at(path, '{by_party: {ramos')}: R024 'force_applied_by' names parties itself"
        in ran.out
    )


def test_a_non_party_with_the_reserved_id_is_an_error(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        _case_text(extra_parties="  unidentified_officer: {name: John Doe, role: Officer}\n"),
    )
    ran = run_triable("validate", str(path))
    assert ran.code == 1
    assert f"{path}:{at(path, 'unidentified_officer: {name')}: R025" in ran.out


def test_new_writes_a_value_for_each_bystander(tmp_path: Path) -> None:
    path = tmp_path / "doe.yaml"
    ran = run_triable(
        "new", "--no-input", "-o", str(path),
        "--caption", "Doe v. Roe", "--plaintiff", "Jane Doe", "--status", "arrestee",
        "--incident-date", "2019-05-01",
        "--defendant", "roe:R. Roe:Officer", "--defendant", "poe:P. Poe:Sergeant",
        "--claim", "failure_to_intervene:roe,poe",
        "--answer", "time_to_intervene=roe:ample,poe:none",
    )  # fmt: skip
    assert ran.code == 0, ran.output
    text = path.read_text(encoding="utf-8")
    assert 'time_to_intervene: {by_party: {roe: "ample", poe: "none"}}' in text
    assert run_triable("validate", str(path)).code == 0


def test_an_expected_holding_for_a_non_party_says_why_not(tmp_path: Path) -> None:
    text = LATE.read_text(encoding="utf-8").replace(
        "    - {claim: excessive_force, defendant: ramos, outcome: granted}\n",
        "    - {claim: excessive_force, defendant: dunn, outcome: denied}\n",
    )
    path = write(tmp_path, text)
    ran = run_triable("validate", str(path))
    assert ran.code == 1
    assert (
        f"{path}:{at(path, 'dunn, outcome')}: R011 expected holding names 'dunn', a non-party"
    ) in ran.out


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.permutations([("knowles", "ample"), ("ramos", "none")]))
def test_the_order_of_a_by_party_value_changes_nothing(order: list[tuple[str, str]]) -> None:
    from triable.cli.render.json_report import as_data

    keyed = decide(with_time(dict(by_party=dict(order))))
    assert as_data(keyed) == as_data(decide(raw()))
