"""Hostile and broken input: one clear line at the right place, never a traceback.

Each file in fixtures/invalid/ declares on its first line the finding it must produce
(`# expect: LINE:COL CODE [text in the message]`). A rubric fixture says on its second line
how it joins a copy of the bundled rubrics (`# rubrics: replaces tests/x.yaml` or
`# rubrics: adds tests/x.yaml`). Inputs too big or too dangerous to commit are made here.
"""

from __future__ import annotations

import os
import re
import shutil
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from cli_run import run_triable

from triable.cli.app import main
from triable.engine.errors import InvalidDocument
from triable.engine.lint import WARNINGS

FIXTURES = Path(__file__).parent / "fixtures"
INVALID = sorted((FIXTURES / "invalid").glob("*.yaml"))
VALID_CASE = FIXTURES / "valid" / "small_case.yaml"
BUNDLED = Path(__file__).parents[1] / "rubrics"

_EXPECT = re.compile(r"# expect: (\d+):(\d+) ([FYSR]\d{3})(?: (.*))?")
_RUBRICS = re.compile(r"# rubrics: (replaces|adds) (\S+)")
#: Warnings that `check` shows beside its report; it passes over the others.
CHECK_SHOWS = {"R022", "R023"}


@dataclass(frozen=True)
class Expectation:
    line: int
    col: int
    code: str
    text: str | None
    rubrics: tuple[str, str] | None

    def exit_code(self, command: str) -> int:
        if self.code[0] in "FY":
            return 2
        if self.code in WARNINGS:
            return 0
        if command == "check":
            # check refuses a case it cannot report on, with whatever exit code a document
            # with findings carries.
            return InvalidDocument.exit_code
        return 1


def expectation(path: Path) -> Expectation:
    head = path.read_bytes().split(b"\n", 2)
    match = _EXPECT.fullmatch(head[0].decode())
    assert match, f"{path.name}: first line must be '# expect: LINE:COL CODE [text]'"
    line, col, code, text = match.groups()
    rubrics = _RUBRICS.fullmatch(head[1].decode("utf-8", "replace")) if len(head) > 1 else None
    return Expectation(int(line), int(col), code, text, rubrics.groups() if rubrics else None)


def rubric_copy(tmp_path: Path, exclude: str | None = None) -> Path:
    """The bundled rubrics in a folder of their own, without ``exclude``."""
    folder = tmp_path / "rubrics"
    shutil.copytree(BUNDLED, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    if exclude:
        (folder / exclude).unlink()
    return folder


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out + err


def test_every_failure_mode_has_a_fixture() -> None:
    assert len(INVALID) >= 50
    codes = {expectation(p).code for p in INVALID}
    # Every schema and YAML code, and the cross-reference codes a single file can show.
    for code in ("Y001", "Y002", "Y003", "Y006", "Y007", "Y008", "F005"):
        assert code in codes
    for code in ("S001", "S002", "S003", "S004", "S005"):
        assert code in codes
    for code in ("R001", "R002", "R003", "R005", "R006", "R007", "R008", "R009", "R010"):
        assert code in codes
    for code in ("R011", "R012", "R013", "R014", "R016"):
        assert code in codes


@pytest.mark.parametrize("fixture", INVALID, ids=lambda p: p.stem)
def test_invalid_fixture(fixture: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    expect = expectation(fixture)
    commands = [["validate", str(fixture)]]
    if expect.rubrics:
        mode, relative = expect.rubrics
        library = rubric_copy(tmp_path, relative if mode == "replaces" else None)
        commands[0] += ["--rubrics", str(library)]
    elif expect.code not in WARNINGS or expect.code in CHECK_SHOWS:
        commands.append(["check", str(fixture), "--format", "json"])
    for argv in commands:
        code, output = run(argv, capsys)
        assert "Traceback" not in output
        assert code == expect.exit_code(argv[0]), f"{argv}: exit {code}\n{output}"
        mine = [line for line in output.splitlines() if line.startswith(f"{fixture}:")]
        assert mine, f"{argv}: nothing names {fixture}\n{output}"
        first = mine[0]
        assert first.startswith(f"{fixture}:{expect.line}:{expect.col}: {expect.code} "), (
            f"{argv}: expected {expect.line}:{expect.col} {expect.code}, got\n{output}"
        )
        if expect.text:
            assert expect.text in first


def test_the_valid_case_passes_validate_and_check(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["validate", str(VALID_CASE)], capsys)[0] == 0
    code, output = run(["check", str(VALID_CASE), "--format", "json"], capsys)
    assert code == 0, output
    assert '"case": "Doe v. Roe"' in output


# --- made here: too dangerous or too big to commit --------------------------------------------


def test_python_tag_executes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "created_by_the_tag"
    payload = f'kind: case\ncaption: !!python/object/apply:os.mkdir ["{target}"]\n'
    hostile = tmp_path / "hostile.yaml"
    hostile.write_text(payload)
    for command in ("validate", "check"):
        code, output = run([command, str(hostile)], capsys)
        assert code == 2
        assert f"{hostile}:2:10: Y003 " in output
        assert not target.exists()
    # The payload is live: an unsafe loader would have run it.
    proof = tmp_path / "proof"
    yaml.unsafe_load(payload.replace(str(target), str(proof)))
    assert proof.exists()


def _traced(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, int]:
    """Run in this process, with the most memory Python allocated meanwhile."""
    tracemalloc.start()
    try:
        code, output = run(argv, capsys)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return code, output, peak


#: What a ``triable`` process may hold at its peak on a hostile file: a plain check of the
#: seed holds about 40-70 MB.
PEAK_BYTES = 150 * 1024 * 1024


def test_alias_bomb_fails_fast_in_bounded_memory(tmp_path: Path) -> None:
    lines = [
        "kind: case",
        'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
    ]
    for i in range(1, 10):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("\n".join(lines) + "\n")
    ran = run_triable("validate", str(bomb))
    assert ran.code == 2
    assert re.search(rf"^{re.escape(str(bomb))}:\d+:\d+: Y004 ", ran.output, re.MULTILINE)
    assert "Traceback" not in ran.output
    assert ran.peak_bytes < PEAK_BYTES


@pytest.mark.parametrize("style", ["flow", "block"])
@pytest.mark.parametrize("depth", [65, 999, 5000])
def test_deep_nesting_is_one_finding_in_bounded_memory(
    style: str, depth: int, tmp_path: Path
) -> None:
    """Whichever layer notices first (triable's bound or the YAML library's), the user
    sees the same finding at the same kind of place."""
    bodies = {
        "flow": "x: " + "[" * depth + "]" * depth,
        # Compact block sequences: each "- " opens one more level on the same line.
        "block": "x:\n  " + "- " * depth + "1",
    }
    deep = tmp_path / "deep.yaml"
    deep.write_text("kind: case\n" + bodies[style] + "\n")
    for command in ("validate", "check"):
        ran = run_triable(command, str(deep))
        assert ran.code == 2, ran.output
        found = re.search(rf"^{re.escape(str(deep))}:(\d+):\d+: Y005 (.*)$", ran.output, re.M)
        assert found, ran.output
        assert found.group(1) == {"flow": "2", "block": "3"}[style]
        assert "nesting is deeper than 64 levels" in found.group(2)
        assert "Traceback" not in ran.output
        assert ran.peak_bytes < PEAK_BYTES


def test_a_50_mb_file_is_refused_without_reading_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = tmp_path / "big.yaml"
    chunk = "# " + "x" * 1022 + "\n"
    with big.open("w") as handle:
        handle.write("kind: case\n")
        for _ in range(50 * 1024):
            handle.write(chunk)
    for command in ("validate", "check"):
        code, output, peak = _traced([command, str(big)], capsys)
        assert code == 2
        assert f"{big}: F004 " in output
        assert "50.0 MB" in output
        assert peak < 20 * 1024 * 1024


def test_an_unreadable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    locked = tmp_path / "locked.yaml"
    shutil.copy(VALID_CASE, locked)
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("this user can read a file with no permissions (root)")
        for command in ("validate", "check"):
            code, output = run([command, str(locked)], capsys)
            assert code == 2
            assert f"{locked}: F003 " in output
            assert "permission" in output
    finally:
        locked.chmod(0o644)


def test_a_folder_where_a_file_is_expected(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, output = run(["check", str(tmp_path)], capsys)
    assert code == 2
    assert f"{tmp_path}: F002 " in output
    code, output = run(["validate", str(VALID_CASE), "--rubrics", str(VALID_CASE)], capsys)
    assert code == 2
    assert f"{VALID_CASE}: F002 " in output
    code, output = run(["check", str(VALID_CASE), "--rubrics", str(VALID_CASE)], capsys)
    assert code == 2
    assert f"{VALID_CASE}: F002 " in output


def test_a_path_that_does_not_exist(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nowhere" / "case.yaml"
    for command in ("validate", "check"):
        code, output = run([command, str(missing)], capsys)
        assert code == 2
        assert f"{missing}: F001 " in output
        assert "Traceback" not in output


def test_a_missing_rubric_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "no_rubrics"
    for command in ("validate", "check"):
        code, output = run([command, str(VALID_CASE), "--rubrics", str(missing)], capsys)
        assert code == 2
        assert f"{missing}: F001 " in output


def test_claims_that_depend_on_each_other(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = rubric_copy(tmp_path)
    claim = library / "claims" / "failure_to_intervene.yaml"
    text = claim.read_text()
    claim.write_text(
        text.replace(
            "standards:\n",
            "elements:\n"
            "  retaliated:\n"
            "    label: The officer also retaliated\n"
            "    holds_when: {claim: retaliation}\n"
            "    met: m.\n"
            "    not_met: n.\n"
            "    cites: [jackson_2013 at 258]\n"
            "standards:\n",
            1,
        )
    )
    retaliation = text.replace("id: failure_to_intervene", "id: retaliation", 1).replace(
        "standards:\n",
        "elements:\n"
        "  bystander:\n"
        "    label: Someone failed to intervene\n"
        "    holds_when: {claim: failure_to_intervene, against: another_defendant}\n"
        "    met: m.\n"
        "    not_met: n.\n"
        "    cites: [jackson_2013 at 258]\n"
        "standards:\n",
        1,
    )
    (library / "claims" / "retaliation.yaml").write_text(retaliation)
    code, output = run(["validate", str(library)], capsys)
    assert code == 1
    cycle = [line for line in output.splitlines() if " R007 " in line]
    assert len(cycle) == 1, output
    line_no = claim.read_text().splitlines().index("    holds_when: {claim: retaliation}") + 1
    assert cycle[0].startswith(f"{claim}:{line_no}:25: R007 ")
    assert "failure_to_intervene → retaliation → failure_to_intervene" in cycle[0]


def test_check_refuses_a_library_whose_references_do_not_hold(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = rubric_copy(tmp_path)
    test_file = library / "tests" / "handcuffing.yaml"
    text = test_file.read_text()
    assert "at_least: minor_lasting" in text
    test_file.write_text(text.replace("at_least: minor_lasting", "at_least: mnor_lasting", 1))
    line = next(
        i for i, row in enumerate(test_file.read_text().splitlines(), 1) if "mnor_lasting" in row
    )
    code, output = run(["check", str(VALID_CASE), "--rubrics", str(library)], capsys)
    assert code == InvalidDocument.exit_code
    assert re.search(rf"^{re.escape(str(test_file))}:{line}:\d+: R002 ", output, re.MULTILINE)
    assert "did you mean 'minor_lasting'" in output
    assert "internal error" not in output
