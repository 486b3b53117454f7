"""`triable new` takes the incident date as the record knows it: a day, or only its month
or year; and it states no Local Rule 56.1 posture the student has not given."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_run import run_triable

BASICS = [
    "--caption", "Doe v. Roe",
    "--plaintiff", "Jane Doe",
    "--status", "arrestee",
    "--defendant", "roe:R. Roe:Officer",
    "--claim", "excessive_force:roe",
]  # fmt: skip


@pytest.mark.parametrize(
    ("given", "written", "reported"),
    [
        ("2019-05-01", "incident_date: 2019-05-01\n", "2019-05-01"),
        ("2019-05", 'incident_date: "2019-05"\n', "2019-05"),
        ("2019", 'incident_date: "2019"\n', "2019"),
    ],
)
def test_a_date_known_to_the_day_month_or_year_is_written_as_known(
    tmp_path: Path, given: str, written: str, reported: str
) -> None:
    path = tmp_path / "doe.yaml"
    ran = run_triable("new", "--no-input", "-o", str(path), *BASICS, "--incident-date", given)
    assert ran.code == 0, ran.output
    assert written in path.read_text(encoding="utf-8")
    assert run_triable("validate", str(path)).code == 0
    report = json.loads(run_triable("check", str(path), "-f", "json").out)
    assert report["incident_date"] == reported


@pytest.mark.parametrize("given", ["2019-13", "2019-1", "21 July 2015", "2019-02-30"])
def test_a_date_that_is_none_of_those_says_what_to_write(given: str) -> None:
    ran = run_triable("new", "--no-input", *BASICS, "--incident-date", given)
    assert ran.code == 2
    assert (
        f"U011 '{given}' is not a date: write YYYY-MM-DD, or YYYY-MM or YYYY where the record "
        "gives only the month or the year"
    ) in ran.err
    assert "Traceback" not in ran.output


def test_the_interview_asks_again_and_keeps_a_month_when_input_ends(tmp_path: Path) -> None:
    path = tmp_path / "doe.yaml"
    answers = [
        "Doe v. Roe", "", "Jane Doe", "arrestee",
        "July 2019",  # refused: asked again
        "2019-07",
        "roe:R. Roe:Officer", "", "",
        "excessive_force:roe", "",
    ]  # fmt: skip
    ran = run_triable("new", "-o", str(path), stdin=("\n".join(answers) + "\n").encode())
    assert ran.code == 1, ran.output  # input ended before the interview did
    assert "'July 2019' is not a date" in ran.err
    assert "wrote the answers given so far" in ran.err
    assert "--incident-date 2019-07" in ran.err
    text = path.read_text(encoding="utf-8")
    assert 'incident_date: "2019-07"' in text
    assert "excessive_force" in text
    assert run_triable("validate", str(path)).code == 0


def test_no_local_rule_56_1_posture_is_stated_for_the_student(tmp_path: Path) -> None:
    path = tmp_path / "doe.yaml"
    ran = run_triable("new", "--no-input", "-o", str(path), *BASICS, "--incident-date", "2019")
    assert ran.code == 0, ran.output
    assert "\n  rule_56_1:" not in path.read_text(encoding="utf-8")
    report = json.loads(run_triable("check", str(path), "-f", "json").out)
    assert report["rule_56_1"]["treatment"] is None
