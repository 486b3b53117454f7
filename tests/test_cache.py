"""The cache gives the same bytes as a fresh computation, and notices every change."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from triable.cli.app import main
from triable.cli.render.json_report import as_data

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "cases" / "ali_v_ramos.yaml"


def _check(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["check", *args]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["json", "markdown", "html"])
def test_a_cached_report_is_byte_identical_to_a_fresh_one(
    fmt: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _check(capsys, str(SEED), "--format", fmt)
    second = _check(capsys, str(SEED), "--format", fmt)
    monkeypatch.setenv("TRIABLE_NO_CACHE", "1")
    fresh = _check(capsys, str(SEED), "--format", fmt)
    assert first == second == fresh


def test_editing_the_case_file_changes_the_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = tmp_path / "case.yaml"
    shutil.copy(SEED, case)
    before = _check(capsys, str(case), "--format", "json")
    text = case.read_text(encoding="utf-8").replace(
        "injury_severity: permanent", "injury_severity: temporary_discomfort"
    )
    text = text.replace("injury_severity: serious_lasting", "injury_severity: temporary_discomfort")
    case.write_text(text, encoding="utf-8")
    after = _check(capsys, str(case), "--format", "json")
    assert before != after
    assert '"outcome": "granted"' in after and '"outcome": "granted"' not in before


def test_editing_a_rubric_changes_the_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rubrics = tmp_path / "rubrics"
    shutil.copytree(ROOT / "rubrics", rubrics, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    before = _check(capsys, str(SEED), "--format", "json", "--rubrics", str(rubrics))
    test = rubrics / "tests" / "handcuffing.yaml"
    test.write_text(
        test.read_text(encoding="utf-8").replace(
            "name: Three-part handcuffing test", "name: Handcuffing inquiry"
        ),
        encoding="utf-8",
    )
    after = _check(capsys, str(SEED), "--format", "json", "--rubrics", str(rubrics))
    assert "Three-part handcuffing test" in before and "Handcuffing inquiry" in after


def test_conditions_compiled_on_one_run_are_not_compiled_on_the_next(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from triable.cli.cache import CodeStore

    compiled: list[int] = []
    save = CodeStore.save

    def counting_save(self: CodeStore) -> None:
        compiled.append(len(self) - len(self.loaded))  # compiled by this run
        save(self)

    monkeypatch.setattr(CodeStore, "save", counting_save)
    case = tmp_path / "case.yaml"
    shutil.copy(SEED, case)
    first = _check(capsys, str(case), "--format", "json")
    assert compiled and compiled[0] > 0  # a fresh cache: every condition is compiled
    compiled.clear()
    with case.open("a", encoding="utf-8") as handle:
        handle.write("# edited, so the report itself is not cached\n")
    second = _check(capsys, str(case), "--format", "json")
    assert compiled == [0]
    monkeypatch.setenv("TRIABLE_NO_CACHE", "1")
    assert first == second == _check(capsys, str(case), "--format", "json")


def _seed_code_store(contents: dict[str, bytes]) -> str:
    """Put ``contents`` where the store of compiled conditions is kept; its entry's name."""
    from triable.cli import cache

    entry = cache.key("conditions", [])
    folder = cache.directory()
    assert entry is not None and folder is not None
    folder.mkdir(parents=True, exist_ok=True)
    (folder / entry).write_bytes(cache.dumps(contents))
    return entry


def test_an_unreadable_store_of_compiled_conditions_is_a_miss(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import marshal
    from types import CodeType

    from triable.cli import cache

    entry = _seed_code_store({"def condition(): pass": b"not marshal data"})
    assert '"outcome"' in _check(capsys, str(SEED), "--format", "json")
    stored = cache.load(entry)  # stored afresh
    assert "def condition(): pass" not in stored
    assert stored and all(isinstance(marshal.loads(code), CodeType) for code in stored.values())


def test_a_full_store_of_compiled_conditions_keeps_only_what_a_run_compiled(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import marshal

    from triable.cli import cache

    others = {f"x = {n}": marshal.dumps(compile(f"x = {n}", "<c>", "exec")) for n in range(600)}
    entry = _seed_code_store(others)
    _check(capsys, str(SEED), "--format", "json")
    stored = cache.load(entry)
    assert 0 < len(stored) <= cache.MAX_STORED_CODE
    assert not stored.keys() & others.keys()
    assert all(source.startswith("def condition(") for source in stored)


def test_the_one_pass_json_writer_equals_the_standard_encoder() -> None:
    import json
    import pickle

    from triable.cli import session
    from triable.cli.render.json_report import render
    from triable.engine.evaluate import Engine

    library = session.library(None)
    for path in sorted((ROOT / "cases").glob("*.yaml")):
        report = Engine(library).evaluate(session.case(path, library))
        data = as_data(report)
        expected = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        assert render([report]) == expected, path.name
        # Reports cross process boundaries under --jobs.
        assert pickle.loads(pickle.dumps(report)) == report, path.name


def test_a_plain_check_runs_directly_with_the_same_answer_as_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from triable.cli.app import app
    from triable.cli.commands.check import run_directly

    monkeypatch.setenv("TRIABLE_NO_CACHE", "1")
    for fmt in ("json", "markdown", "text"):
        assert run_directly(["check", str(SEED), f"--format={fmt}"]) is True
        direct = capsys.readouterr().out
        app(["check", str(SEED), "--format", fmt], standalone_mode=False)
        assert capsys.readouterr().out == direct, fmt
    out = tmp_path / "report.json"
    assert run_directly(["check", str(SEED), "-f", "json", "-o", str(out)]) is True
    assert out.read_text(encoding="utf-8").startswith("{")
    assert main(["check", str(SEED), "-f", "json", "-o", str(out)]) == 2  # no --force
    assert "already exists" in capsys.readouterr().err
    assert main(["check", str(SEED), "-f", "json", "-o", str(out), "--force"]) == 0


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "--help"],
        ["check"],
        ["check", str(SEED), "--format", "yaml"],
        ["check", str(SEED), "--format"],
        ["check", str(SEED), "--frobnicate"],
        ["validate", str(SEED)],
        [],
    ],
)
def test_anything_unusual_goes_to_the_full_command_line(argv: list[str]) -> None:
    from triable.cli.commands.check import run_directly

    assert run_directly(argv) is False


def test_a_cached_check_imports_neither_pydantic_nor_the_engine(tmp_path: Path) -> None:
    """A cached report is only read and written out: a check on every save stays cheap."""
    import os
    import subprocess
    import sys

    program = (
        "import sys\n"
        "from triable.cli.app import run\n"
        f"sys.argv = ['triable', 'check', {str(SEED)!r}, '--format', 'json']\n"
        "try:\n"
        "    run()\n"
        "except SystemExit:\n"
        "    pass\n"
        "loaded = [m for m in ('pydantic_core', 'triable.engine.evaluate') if m in sys.modules]\n"
        "print('loaded:', loaded, file=sys.stderr)\n"
    )
    env = {**os.environ, "TRIABLE_CACHE_DIR": str(tmp_path / "cache")}
    runs = [
        subprocess.run([sys.executable, "-c", program], env=env, capture_output=True, text=True)
        for _ in range(2)
    ]
    assert [r.returncode for r in runs] == [0, 0]
    assert runs[0].stdout == runs[1].stdout
    assert "'pydantic_core'" in runs[0].stderr  # computed: the models were loaded
    assert runs[1].stderr.strip() == "loaded: []"


def test_loading_what_a_check_needs_compiles_no_annotations() -> None:
    """A named tuple's fields, written as strings (postponed annotations), are each compiled
    when the module loads: a check on every save would pay for that. (The file models are
    loaded first: a recursive condition type can only name itself in a string.)"""
    import subprocess
    import sys

    program = (
        "import builtins, sys\n"
        "import pydantic, yaml, triable.engine.model.case, triable.engine.model.rubric\n"
        "compiled = []\n"
        "plain = builtins.compile\n"
        "def in_typing(frame):\n"
        "    return frame is not None and frame.f_code.co_filename.endswith('typing.py')\n"
        "def counting(*args, **kwargs):\n"
        "    frame = sys._getframe(1)\n"
        "    if in_typing(frame):  # a ForwardRef, not the import system compiling a module\n"
        "        while in_typing(frame):\n"
        "            frame = frame.f_back\n"
        "        name = frame.f_globals.get('__name__', '') if frame else ''\n"
        "        if name.startswith('triable.'):\n"
        "            compiled.append(name)\n"
        "    return plain(*args, **kwargs)\n"
        "builtins.compile = counting\n"
        "import triable.cli.session, triable.engine.evaluate, triable.cli.render.json_report\n"
        "print(sorted(set(compiled)))\n"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]", done.stdout
