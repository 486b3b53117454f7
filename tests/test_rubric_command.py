"""`triable rubric list|show`: the tests as outlines, rendered from the rubric files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from triable.cli.app import main

RUBRICS = Path(__file__).resolve().parent.parent / "rubrics"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_names_every_claim_and_test_with_its_size(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rubric", "list")
    assert code == 0
    assert "excessive_force — Excessive force" in out
    assert (
        "fourteenth_amendment_kingsley (Fourteenth Amendment (pretrial detainee)): "
        + "handcuffing, kingsley_factors"
        in out
    )
    lines = {
        line.split()[0]: line for line in out.splitlines() if line.startswith("  ") and line.split()
    }
    assert "elements" in lines["handcuffing"] and "3 elements" in lines["handcuffing"]
    assert "6 factors" in lines["kingsley_factors"]
    assert "3 prongs" in lines["qualified_immunity"]


def test_show_renders_conditions_from_the_questions_and_full_citations(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "rubric", "show", "handcuffing")
    assert code == 0
    flat = " ".join(out.split())
    assert flat.startswith("Handcuffing test (Cugini) [handcuffing: elements, 3 elements]")
    assert (
        'Holds when any of: all of ("Did the plaintiff tell the officers the handcuffs were '
        'too tight or were hurting him?" is yes; "Did the officers ignore the plaintiff\'s '
        'complaints about the handcuffs?" is yes'
    ) in flat
    assert "is at least minor_lasting" in flat
    assert "Injury beyond temporary discomfort (injury) [particularly important]" in flat
    assert (
        "usavage_2013 at 597: Usavage v. Port Authority of New York & New Jersey, "
        + "932 F. Supp. 2d 575 (S.D.N.Y. 2013), at 597"
        in flat
    )


def test_show_a_defense_lists_its_precedents_with_dates(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rubric", "show", "qualified_immunity")
    assert code == 0
    flat = " ".join(out.split())
    assert (
        "(decided 1973-06-29, binding) covers a custodial officer striking, or using the cuffs"
        in flat
    )
    assert "a precedent listed below, decided before the incident, covers the conduct" in flat


def test_show_a_prerequisite_and_a_claim(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "rubric", "show", "failure_to_intervene_elements")
    flat = " ".join(out.split())
    assert "[prerequisite: when it fails, the rest are not reached]" in flat
    assert 'the claim "Excessive force" holds against another defendant' in flat
    code, out, _ = run(capsys, "rubric", "show", "excessive_force")
    flat = " ".join(out.split())
    assert code == 0
    assert "Standards (the first that fits governs):" in flat
    assert (
        'When "What was the plaintiff\'s custodial status when the force was used?" is arrestee'
        in flat
    )
    assert "- handcuffing: Handcuffing test (Cugini)" in flat


def test_unknown_name_exits_2_with_a_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "rubric", "show", "handcufing")
    assert code == 2
    assert err.strip() == (
        "U008 no test or claim 'handcufing' (did you mean 'handcuffing'?); "
        "`triable rubric list` shows them all"
    )
    assert out == ""


def test_rubrics_from_another_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = tmp_path / "rubrics"
    shutil.copytree(RUBRICS, folder, ignore=shutil.ignore_patterns("__*"))
    (folder / "tests" / "graham_factors.yaml").unlink()
    (folder / "claims" / "excessive_force.yaml").unlink()
    (folder / "claims" / "failure_to_intervene.yaml").unlink()
    code, out, _ = run(capsys, "rubric", "list", "--rubrics", str(folder))
    assert code == 0
    assert "graham_factors" not in out
    assert "kingsley_factors" in out
