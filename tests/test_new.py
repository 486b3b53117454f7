"""`triable new`: a questionnaire that writes a case file triable accepts."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from triable.cli.app import app, main

BASICS = [
    "--caption", "Doe v. Roe",
    "--plaintiff", "Jane Doe",
    "--status", "arrestee",
    "--defendant", "roe:R. Roe:Officer",
    "--defendant", "poe:P. Poe:Sergeant",
    "--claim", "excessive_force:roe",
    "--claim", "failure_to_intervene:poe",
    "--incident-date", "2019-05-01",
]  # fmt: skip
ANSWERS = [
    "--answer", "force_kind=handcuffing",
    "--answer", "force_applied_by=roe",
    "--answer", "handcuffs_unreasonably_tight=true",
    "--answer", "injury_severity=minor_lasting",
]  # fmt: skip


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_non_interactive_case_validates_and_checks(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "doe.yaml"
    code, _, err = run(capsys, "new", "--no-input", "--output", str(path), *BASICS, *ANSWERS)
    assert code == 0, err
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert "\nkind: case\n" in text
    assert "TO BE CITED" in text
    assert "handcuffs_unreasonably_tight: true" in text
    assert 'force_applied_by: ["roe"]' in text
    code, out, err = run(capsys, "validate", str(path))
    assert code == 0, out + err
    code, out, err = run(capsys, "check", str(path), "--format", "json")
    assert code == 0, err
    assert '"case": "Doe v. Roe"' in out


def test_refuses_to_overwrite_without_force(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "doe.yaml"
    path.write_text("mine\n", encoding="utf-8")
    code, _, err = run(capsys, "new", "--no-input", "--output", str(path), *BASICS)
    assert code == 2
    assert "already exists; pass --force to overwrite it" in err
    assert path.read_text(encoding="utf-8") == "mine\n"
    code, _, err = run(capsys, "new", "--no-input", "--force", "--output", str(path), *BASICS)
    assert code == 0, err
    assert "kind: case" in path.read_text(encoding="utf-8")


def test_without_output_the_case_goes_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "new", "--no-input", *BASICS)
    assert code == 0
    assert 'caption: "Doe v. Roe"' in out
    assert "facts: {}" in out


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (["--status", "detainee"], "'detainee' is not a status"),
        (["--incident-date", "21 July 2015"], "is not a date: write YYYY-MM-DD"),
        (
            ["--claim", "excesive_force:roe"],
            "unknown claim 'excesive_force' (did you mean 'excessive_force'?)",
        ),
        (["--claim", "excessive_force:rowe"], "unknown defendant 'rowe'"),
        (["--defendant", "Roe:R. Roe:Officer"], "'Roe' is not a valid id"),
        (["--answer", "injury_severity=bad"], "'bad' is not a value of 'injury_severity'"),
        (["--answer", "plaintiff_status=arrestee"], "comes from --status"),
    ],
)
def test_bad_options_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], change: list[str], message: str
) -> None:
    code, out, err = run(capsys, "new", "--no-input", *BASICS, *change)
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in out + err


def test_missing_basics_with_no_input_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "new", "--no-input", "--caption", "Doe v. Roe")
    assert code == 2
    assert "--plaintiff is required with --no-input" in err


def test_the_questionnaire_asks_the_claims_questions(tmp_path: Path) -> None:
    path = tmp_path / "asked.yaml"
    answers = [
        "Doe v. Roe",  # caption
        "",  # court: keep the placeholder
        "Jane Doe",
        "pretrial_detainee",
        "2019-05-01",
        "roe:R. Roe:Officer",
        "",  # no more defendants
        "",  # no one else the record names
        "excessive_force:roe",
        "",  # no more claims
        "",  # one use of force
    ]
    # Then each question excessive force reads, in the vocabulary's order; blank skips.
    questions = ["handcuffing", "roe", "maybe", "true"]
    result = CliRunner().invoke(
        app,
        ["new", "--output", str(path)],
        input="\n".join(answers + questions) + "\n" * 40,
    )
    assert result.exit_code == 0, result.output
    assert "What kind of force does the claim challenge" in result.output
    assert "'maybe' is not a value of 'handcuffs_unreasonably_tight'" in result.output
    text = path.read_text(encoding="utf-8")
    assert 'force_kind: "handcuffing"' in text
    assert "handcuffs_unreasonably_tight: true" in text
    assert main(["validate", str(path)]) == 0
