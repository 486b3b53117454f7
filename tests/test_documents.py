"""Loading documents: schema errors at their lines, and the library built from files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from triable.cli.documents import (
    RUBRIC_KINDS,
    build_library,
    load_document,
    load_library,
    partial_library,
    validate_source,
)
from triable.cli.yaml_source import parse
from triable.engine.errors import InvalidDocument, Location, UnusableInput

VALID_CASE = Path(__file__).parent / "fixtures" / "valid" / "small_case.yaml"
BUNDLED = Path(__file__).parents[1] / "rubrics"


def findings(text: str, kinds: frozenset[str] | None = None) -> list[tuple[int, int, str, str]]:
    source = parse(text, "f.yaml")
    with pytest.raises(InvalidDocument) as caught:
        validate_source(source, kinds or frozenset({"case", *RUBRIC_KINDS}))
    return [(f.where.line, f.where.col, f.code, f.message) for f in caught.value.findings]


def case_text(old: str, new: str) -> str:
    text = VALID_CASE.read_text()
    assert old in text
    return text.replace(old, new, 1)


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_a_valid_case_loads() -> None:
    loaded = load_document(VALID_CASE, {"case"})
    assert loaded.kind == "case"
    assert loaded.path == str(VALID_CASE)
    assert loaded.model.defendants["roe"].name == "Richard Roe"


def test_a_misspelt_key_is_one_finding_with_a_suggestion() -> None:
    text = case_text("  cite: ECF No. 40", "  cit: ECF No. 40")
    assert findings(text) == [
        (
            line_of(text, "cit:"),
            3,
            "S001",
            "unknown key 'cit' in motion (did you mean 'cite'?); remove it or fix its spelling",
        )
    ]


def test_a_missing_key_points_at_its_parent() -> None:
    text = case_text("    offered_by: undisputed\n", "")
    ((line, col, code, message),) = findings(text)
    assert (line, col, code) == (line_of(text, "  cuffed:"), 3, "S002")
    assert message == "facts.cuffed is missing the required key 'offered_by'"


def test_every_error_is_reported_in_line_order() -> None:
    text = case_text("  status: arrestee", "  status: arested").replace(
        "evidence: deposition", "evidence: rumour"
    )
    got = findings(text)
    assert [(code, line) for line, _, code, _ in got] == [
        ("S003", line_of(text, "arested")),
        ("S003", line_of(text, "rumour")),
    ]
    assert "(did you mean 'arrestee'?)" in got[0][3]


def test_a_bad_id_points_at_the_key() -> None:
    text = case_text("  roe: {name", "  Roe-1: {name")
    ((line, col, code, message),) = findings(text)
    assert (line, col, code) == (line_of(text, "Roe-1"), 3, "S003")
    assert "not a valid id" in message


def test_the_kind_decides_the_model() -> None:
    assert findings("kind: cas\n")[0][2:] == (
        "S004",
        "'cas' is not a kind of file expected here (expected attributes, authorities, case, "
        "claim, summary_judgment, test) (did you mean 'case'?)",
    )
    assert findings("caption: x\n")[0][2] == "S002"
    with pytest.raises(UnusableInput) as caught:
        validate_source(parse("- a\n", "f.yaml"))
    assert caught.value.code == "Y006"
    # A case where only rubrics are expected.
    assert findings(VALID_CASE.read_text(), RUBRIC_KINDS)[0][2] == "S004"


def test_the_bundled_library_loads() -> None:
    library, loaded = load_library()
    assert {"excessive_force", "failure_to_intervene"} <= set(library.claims)
    assert library.summary_judgment.id == "summary_judgment"
    assert len(loaded) == len(list(BUNDLED.rglob("*.yaml")))


def test_a_library_refuses_duplicates_and_a_missing_standard(tmp_path: Path) -> None:
    folder = tmp_path / "rubrics"
    shutil.copytree(BUNDLED, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    shutil.copy(folder / "claims" / "excessive_force.yaml", folder / "claims" / "z.yaml")
    with pytest.raises(InvalidDocument) as caught:
        load_library(folder)
    (finding,) = caught.value.findings
    assert finding.code == "R006"
    assert finding.where is not None and finding.where.path == str(folder / "claims" / "z.yaml")

    loaded = [load_document(p, RUBRIC_KINDS) for p in sorted(folder.rglob("*.yaml"))]
    assert partial_library(loaded).claims["excessive_force"].id == "excessive_force"
    without_standard = [
        d for d in loaded if d.kind != "summary_judgment" and not d.path.endswith("z.yaml")
    ]
    with pytest.raises(UnusableInput) as refused:
        build_library(without_standard, str(folder))
    assert (refused.value.code, refused.value.where) == ("R017", Location(str(folder)))
    assert partial_library(without_standard).tests
