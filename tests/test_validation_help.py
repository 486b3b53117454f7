"""Validation that helps: every finding in one pass, warnings for what is probably a slip,
and a bound on open party alternatives that the engine could not weigh."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_run import run_triable

from triable.cli.app import main
from triable.engine.lint import CODES, documentation
from triable.engine.record import MAX_PARTY_VERSIONS

FIXTURES = Path(__file__).parent / "fixtures"
INVALID = FIXTURES / "invalid"
VALID_CASE = FIXTURES / "valid" / "small_case.yaml"
MANY_OPEN = INVALID / "party_alternatives_beyond_bound.yaml"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def line_of(path: Path, needle: str) -> int:
    return next(i for i, text in enumerate(path.read_text().splitlines(), 1) if needle in text)


def test_a_schema_error_does_not_hide_cross_references(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = tmp_path / "case.yaml"
    text = VALID_CASE.read_text()
    text = text.replace("against: [roe]", "against: [rose]")
    text = text.replace(
        "evidence: declaration\n    establishes:\n      force_kind",
        "evidence: hearsay\n    establishes:\n      force_kind",
        1,
    )
    text = text.replace("disputes: [tight]", "disputes: [tight, cuffed, tigth]")
    case.write_text(text)
    code, out, _ = run(["validate", str(case), "--format", "json"], capsys)
    assert code == 1
    found = [(f["line"], f["code"]) for f in json.loads(out)]
    assert found == [
        (line_of(case, "against: [rose]"), "R011"),
        (line_of(case, "evidence: hearsay"), "S003"),
        # 'cuffed' failed the schema but is still a fact: only the misspelling is unknown.
        (line_of(case, "disputes: [tight, cuffed, tigth]"), "R013"),
    ]
    assert "'tigth'" in json.loads(out)[2]["message"]


def test_a_case_without_its_defendants_is_not_cross_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(
        VALID_CASE.read_text().replace(
            "defendants:\n  roe: {name: Richard Roe, role: Police Officer}\n", ""
        )
    )
    code, out, _ = run(["validate", str(case), "--format", "json"], capsys)
    assert code == 1
    assert [f["code"] for f in json.loads(out)] == ["S002"]


def test_party_alternatives_beyond_the_bound_are_weighed_in_part_and_said_so() -> None:
    # Eight open choices between different pairs of officers add up to 2**8 sets of
    # defendants: past the engine's bound, so validate warns and check reports anyway,
    # with the same warning on standard error.
    where = line_of(MANY_OPEN, "cuffed_00:") + 6
    for command in ("validate", "check"):
        ran = run_triable(command, str(MANY_OPEN))
        assert ran.code == 0, ran.output
        assert f"{MANY_OPEN}:{where}:7: R023 warning: " in ran.output
        assert f"only the first {MAX_PARTY_VERSIONS} sets" in ran.output
        assert "Traceback" not in ran.output


def test_party_alternatives_within_the_bound_pass(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = MANY_OPEN.read_text().split("\n")
    # The header and six open choices: 2**6 sets, the bound itself.
    end = text.index("  cuffed_06:")
    case = tmp_path / "six.yaml"
    case.write_text("\n".join(text[1:end]) + "\n")
    code, out, err = run(["validate", str(case)], capsys)
    assert code == 0, out + err
    assert "R023" not in out


def test_check_notes_placeholders_and_still_reports(
    capsys: pytest.CaptureFixture[str],
) -> None:
    placeholder = INVALID / "placeholder_left.yaml"
    code, out, err = run(["check", str(placeholder), "--format", "json"], capsys)
    assert code == 0
    assert json.loads(out)["case"] == "Doe v. Roe"
    where = line_of(placeholder, "cite: 'TO BE CITED")
    assert err.splitlines() == [
        f"{placeholder}:{where}:11: R022 warning: 'TO BE CITED' is still here; replace it "
        "with the record's words"
    ]
    # A finished case gets no note.
    code, _, err = run(["check", str(VALID_CASE), "--format", "json"], capsys)
    assert (code, err) == (0, "")


@pytest.mark.parametrize("code", ["R018", "R019", "R020", "R021", "R022", "R023"])
def test_each_new_code_has_a_fixture(code: str) -> None:
    heads = [p.read_text(errors="replace").split("\n", 1)[0] for p in INVALID.glob("*.yaml")]
    assert any(f" {code} " in head for head in heads)


@pytest.mark.parametrize("code", [c for c in CODES if c.startswith("R")])
def test_each_cross_reference_code_is_documented_by_its_checks(code: str) -> None:
    assert len(documentation(code)) > len(CODES[code])
