"""`triable test` as a student or a CI job runs it: lines, summary, exit codes, JUnit."""

from __future__ import annotations

import shutil
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from triable.cli.app import main

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "cases" / "ali_v_ramos.yaml"


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["test", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _wrong_prediction(folder: Path) -> Path:
    """The seed with a student's mistaken answer: excessive force granted against Ramos."""
    case = folder / "prediction.yaml"
    text = SEED.read_text(encoding="utf-8")
    marker = "    - claim: excessive_force\n      defendant: ramos\n      outcome: denied"
    assert marker in text
    case.write_text(
        text.replace(marker, marker.replace("outcome: denied", "outcome: granted")),
        encoding="utf-8",
    )
    return case


def test_a_wrong_prediction_fails_with_expected_and_actual(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = _wrong_prediction(tmp_path)
    code, out, _ = _run(capsys, str(SEED), str(case))
    assert code == 1
    assert f"ok    {SEED}" in out
    assert f"FAIL  {case}" in out
    assert "excessive_force / ramos: outcome: expected granted, got denied" in out
    assert out.rstrip().endswith("1 passed, 1 failed")


def test_parallel_runs_print_the_same_lines_in_the_same_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _wrong_prediction(tmp_path)
    shutil.copy(SEED, tmp_path / "seed.yaml")
    serial = _run(capsys, str(tmp_path))
    parallel = _run(capsys, str(tmp_path), "--jobs", "2")
    assert serial == parallel
    assert serial[0] == 1


def test_junit_report_for_ci_and_no_overwrite_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = _wrong_prediction(tmp_path)
    junit = tmp_path / "results.xml"
    code, _, _ = _run(capsys, str(SEED), str(case), "--junit", str(junit))
    assert code == 1
    suite = ET.parse(junit).getroot()
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("2", "1", "0")
    [failure] = suite.iter("failure")
    assert "expected granted, got denied" in (failure.text or "")
    code, _, err = _run(capsys, str(SEED), "--junit", str(junit))
    assert code == 2 and "already exists" in err
    assert ET.parse(junit).getroot().get("tests") == "2"  # untouched
    code, _, _ = _run(capsys, str(SEED), "--junit", str(junit), "--force")
    assert code == 0 and ET.parse(junit).getroot().get("tests") == "1"


def test_an_unusable_case_is_an_error_line_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("kind: case\ncaption: [unclosed\n", encoding="utf-8")
    code, out, err = _run(capsys, str(broken), str(SEED))
    assert code == 1
    assert f"ERROR {broken}" in out and "Y001" in out
    assert out.rstrip().endswith("1 passed, 1 failed")
    assert "Traceback" not in out + err


def test_a_case_without_expected_holdings_is_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bare = tmp_path / "bare.yaml"
    text = SEED.read_text(encoding="utf-8")
    bare.write_text(text[: text.index("\nexpected:")] + "\n", encoding="utf-8")
    code, out, _ = _run(capsys, str(bare))
    assert code == 0
    assert "SKIP" in out and out.rstrip().endswith("0 passed, 0 failed, 1 skipped")


def test_an_empty_folder_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(capsys, str(tmp_path))
    assert code == 2 and "no case files found" in err
