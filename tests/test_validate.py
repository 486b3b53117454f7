"""`triable validate` as a user and a CI job run it: paths, formats, exit codes, speed."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from triable.cli.app import main
from triable.engine.lint import CODES

ROOT = Path(__file__).parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
VALID_CASE = FIXTURES / "valid" / "small_case.yaml"
BUNDLED = ROOT / "rubrics"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def rubric_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "rubrics"
    shutil.copytree(BUNDLED, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return folder


def at(path: Path, needle: str) -> str:
    """'LINE:COL' of the first ``needle`` in the file."""
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        if needle in line:
            return f"{number}:{line.index(needle) + 1}"
    raise AssertionError(f"{needle!r} not in {path}")


def broken_case(tmp_path: Path, name: str = "broken.yaml") -> Path:
    path = tmp_path / name
    path.write_text(VALID_CASE.read_text().replace("against: [roe]", "against: [rose]"))
    return path


def test_no_paths_validates_the_bundled_rubrics_from_any_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    code, out, err = run(["validate"], capsys)
    assert code == 0, out + err
    assert out == ""
    count = len(list(BUNDLED.rglob("*.yaml")))
    assert err.strip() == f"{count} files checked: no findings"


def test_the_shipped_rubrics_and_cases_are_clean(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    code, out, err = run(["validate", "rubrics", "cases"], capsys)
    assert code == 0, out + err
    # The cases record what the record says (how long the force went on, whether it was
    # one quick act) where no rubric reads it yet: warnings, nothing more.
    unread = " R021 warning: no rubric reads "
    # The worked case of a deemed paragraph citing no record is warned of, on purpose.
    deliberate = ("cases/ali_deemed_admitted.yaml:", " R031 warning: ")
    left = [
        line
        for line in out.splitlines()
        if unread not in line and not (line.startswith(deliberate[0]) and deliberate[1] in line)
    ]
    assert left == [], out


def test_a_finding_is_one_line_at_its_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    broken = broken_case(tmp_path)
    code, out, err = run(["validate", str(broken), str(VALID_CASE)], capsys)
    assert code == 1
    assert (
        out
        == f"{broken}:{at(broken, 'rose')}: R011 unknown defendant 'rose' (did you mean 'roe'?)\n"
    )
    assert err.strip() == "1 error in 1 of 2 files"


def test_folders_are_searched_and_files_classified_by_kind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "sub").mkdir()
    shutil.copy(VALID_CASE, tmp_path / "sub" / "a.yml")
    broken_case(tmp_path / "sub", "b.yaml")
    (tmp_path / "notes.txt").write_text("not yaml: [")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.yaml").write_text("[")
    code, out, _ = run(["validate", str(tmp_path), "--format", "json"], capsys)
    assert code == 1
    assert [(f["path"], f["code"]) for f in json.loads(out)] == [
        (str(tmp_path / "sub" / "b.yaml"), "R011")
    ]


def test_json_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = broken_case(tmp_path)
    code, out, err = run(["validate", str(broken), "--format", "json"], capsys)
    assert code == 1
    assert err == ""
    line, col = map(int, at(broken, "rose").split(":"))
    assert json.loads(out) == [
        {
            "path": str(broken),
            "line": line,
            "col": col,
            "code": "R011",
            "severity": "error",
            "message": "unknown defendant 'rose' (did you mean 'roe'?)",
        }
    ]


def test_github_annotations_chosen_under_github_actions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    broken = broken_case(tmp_path)
    code, out, err = run(["validate", str(broken)], capsys)
    assert code == 1
    assert err == ""
    line, col = at(broken, "rose").split(":")
    assert out == (
        f"::error file={broken},line={line},col={col},title=R011::"
        "unknown defendant 'rose' (did you mean 'roe'?)\n"
    )
    code, out, _ = run(["validate", str(broken), "--format", "text"], capsys)
    assert out.startswith(f"{broken}:{line}:{col}: R011 ")


def test_warnings_alone_exit_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    library = rubric_copy(tmp_path)
    (library / "extra_authorities.yaml").write_text(
        "kind: authorities\n"
        "authorities:\n"
        "  uncited_2001:\n"
        "    name: Uncited v. Anyone\n"
        "    citation: 1 F.4th 1 (2d Cir. 2001)\n"
        "    court: Second Circuit\n"
        "    level: circuit\n"
        "    decided: 2001-01-01\n"
        "    propositions:\n"
        "      - {pin: '1', text: Nothing.}\n"
    )
    code, out, err = run(["validate", str(library), "--format", "github"], capsys)
    assert code == 0, out + err
    assert out == (
        f"::warning file={library / 'extra_authorities.yaml'},line=3,col=3,title=R004::"
        "authority 'uncited_2001' is cited by no rubric; cite it or remove it\n"
    )
    code, out, err = run(["validate", str(library)], capsys)
    assert code == 0
    assert " R004 warning: authority 'uncited_2001'" in out
    assert "1 warning in 1 of" in err


def test_rubrics_no_case_exercises(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["validate", str(BUNDLED), str(VALID_CASE), "--format", "json"], capsys)
    assert code == 0
    unexercised = {
        (Path(f["path"]).name, f["severity"]) for f in json.loads(out) if f["code"] == "R015"
    }
    # The small case asserts excessive force and raises qualified immunity, nothing else.
    assert unexercised == {
        ("deliberate_indifference.yaml", "warning"),
        ("failure_to_intervene.yaml", "warning"),
        ("deliberate_indifference_prongs.yaml", "warning"),
        ("failure_to_intervene_elements.yaml", "warning"),
    }
    # Without case files there is nothing to measure against.
    code, out, _ = run(["validate", str(BUNDLED), "--format", "json"], capsys)
    assert json.loads(out) == []


def test_unusable_input_outranks_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = broken_case(tmp_path)
    missing = tmp_path / "missing.yaml"
    code, out, _ = run(["validate", str(missing), str(broken)], capsys)
    assert code == 2
    assert out.splitlines() == [
        f"{missing}: F001 no such file; check the path",
        f"{broken}:{at(broken, 'rose')}: R011 unknown defendant 'rose' (did you mean 'roe'?)",
    ]


def test_a_broken_file_does_not_stop_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad_yaml = tmp_path / "a.yaml"
    bad_yaml.write_text("kind: case\ncaption: [\n")
    bad_schema = tmp_path / "b.yaml"
    bad_schema.write_text(VALID_CASE.read_text().replace("caption:", "captoin:"))
    broken = broken_case(tmp_path, "c.yaml")
    code, out, _ = run(["validate", str(tmp_path), "--format", "json"], capsys)
    assert code == 2
    found = [(Path(f["path"]).name, f["code"]) for f in json.loads(out)]
    assert found == [("a.yaml", "Y001"), ("b.yaml", "S001"), ("c.yaml", "R011")]
    assert broken.exists()


def test_a_rubric_file_that_fails_holds_back_only_what_it_would_answer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = rubric_copy(tmp_path)
    test_file = library / "tests" / "handcuffing.yaml"
    test_file.write_text(test_file.read_text().replace("summary:", "sumary:", 1))
    claim = library / "claims" / "failure_to_intervene.yaml"
    claim.write_text(claim.read_text().replace("jackson_2013 at 258", "jackson_2013 at 999", 1))
    code, out, err = run(["validate", str(library)], capsys)
    assert code == 1
    codes = [line.split(": ")[1].split()[0] for line in out.splitlines()]
    # The misspelt key, and the bad pin elsewhere; not "unknown test 'handcuffing'", which
    # only echoes the file that did not load.
    assert codes == ["R005", "S001"]
    assert "cross-reference findings held back" in err


def test_duplicate_ids_and_the_standard_are_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = rubric_copy(tmp_path)
    shutil.copy(library / "summary_judgment.yaml", library / "summary_judgment_again.yaml")
    shutil.copy(library / "claims" / "excessive_force.yaml", library / "claims" / "z_copy.yaml")
    code, out, _ = run(["validate", str(library), "--format", "json"], capsys)
    assert code == 1
    found = {(Path(f["path"]).name, f"{f['line']}:{f['col']}", f["code"]) for f in json.loads(out)}
    again = library / "summary_judgment_again.yaml"
    assert ("summary_judgment_again.yaml", at(again, "summary_judgment"), "R017") in found
    copy = library / "claims" / "z_copy.yaml"
    assert ("z_copy.yaml", at(copy, "excessive_force"), "R006") in found

    (library / "summary_judgment.yaml").unlink()
    (library / "summary_judgment_again.yaml").unlink()
    code, out, _ = run(["validate", str(library), "--format", "json"], capsys)
    assert "R017" in {f["code"] for f in json.loads(out)}


def test_case_files_are_checked_against_the_rubrics_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = rubric_copy(tmp_path)
    attributes = library / "attributes.yaml"
    attributes.write_text(attributes.read_text().replace("  complaints_ignored:", "  ignored:"))
    code, out, _ = run(["validate", str(VALID_CASE), "--rubrics", str(library)], capsys)
    assert code == 1
    where = at(VALID_CASE, "complaints_ignored")
    assert f"{VALID_CASE}:{where}: R010 fact 'tight' establishes undeclared attribute" in out
    # The bundled rubrics declare it.
    assert run(["validate", str(VALID_CASE)], capsys)[0] == 0


def test_no_yaml_files_is_unusable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["validate", str(tmp_path)], capsys)
    assert code == 2
    assert "no .yaml or .yml files" in err


def test_jobs_give_the_same_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for i in range(12):
        if i % 3:
            shutil.copy(VALID_CASE, tmp_path / f"case_{i:02}.yaml")
        else:
            broken_case(tmp_path, f"case_{i:02}.yaml")
    serial = run(["validate", str(tmp_path)], capsys)
    for jobs in ("2", "0"):
        assert run(["validate", str(tmp_path), "--jobs", jobs], capsys) == serial
    assert serial[0] == 1
    assert len(serial[1].splitlines()) == 4


def test_the_readme_lists_every_code() -> None:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Validating rubrics and cases", 1)[1]
    listed = set(re.findall(r"^\| `([FYSR]\d{3})` \|", section, re.MULTILINE))
    assert listed == set(CODES)
    assert "# yaml-language-server: $schema=" in section
    assert "triable-validate" in section


def test_pre_commit_hook() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    (hook,) = hooks
    assert hook["id"] == "triable-validate"
    assert hook["entry"] == "triable validate"
    assert hook["language"] == "python"
    pattern = re.compile(hook["files"])
    assert pattern.search("rubrics/tests/handcuffing.yaml")
    assert pattern.search("cases/x.yml")
    assert not pattern.search("README.md")
