"""The command line as a user meets it: help, version, crashes, and inputs left alone."""

from __future__ import annotations

import os
import re
import shutil
import stat
from pathlib import Path

import pytest

from triable.cli.app import main

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "cases" / "ali_v_ramos.yaml"
VERBS = ["check", "validate", "test", "whatif", "pivots", "schema", "new", "rubric"]


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    out = capsys.readouterr().out
    assert re.fullmatch(r"triable \d+\.\d+\.\d+\n", out), out


@pytest.mark.parametrize("verb", VERBS)
def test_every_verb_explains_itself(verb: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([verb, "--help"]) == 0
    out = capsys.readouterr().out
    assert f"triable {verb}" in out and "Usage" in out
    assert len(out.splitlines()) > 5


def test_no_arguments_shows_help_and_the_first_command_to_try(
    capsys: pytest.CaptureFixture[str],
) -> None:
    main([])
    captured = capsys.readouterr()
    assert "triable check cases/ali_v_ramos.yaml" in captured.out + captured.err


def test_an_unexpected_crash_is_one_line_and_exit_3(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from triable.engine.evaluate import Engine

    def explode(self: Engine, case: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(Engine, "evaluate", explode)
    monkeypatch.setenv("TRIABLE_NO_CACHE", "1")
    assert main(["check", str(SEED), "--format", "json"]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "internal error (RuntimeError: boom)" in err and "Traceback" not in err


def test_an_interrupt_exits_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from triable.engine.evaluate import Engine

    def interrupted(self: Engine, case: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Engine, "evaluate", interrupted)
    monkeypatch.setenv("TRIABLE_NO_CACHE", "1")
    assert main(["check", str(SEED)]) == 130
    assert "interrupted" in capsys.readouterr().err


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_no_command_writes_to_an_input_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inputs = tmp_path / "inputs"
    shutil.copytree(
        ROOT / "rubrics", inputs / "rubrics", ignore=shutil.ignore_patterns("*.py", "__pycache__")
    )
    shutil.copy(SEED, inputs / "case.yaml")
    case, rubrics, out = str(inputs / "case.yaml"), str(inputs / "rubrics"), tmp_path / "out"
    out.mkdir()
    before = _snapshot(inputs)
    runs = [
        ["check", case, "--rubrics", rubrics],
        *(
            ["check", case, "--rubrics", rubrics, "-f", f, "-o", str(out / f"r.{f}")]
            for f in ("json", "markdown", "html", "text")
        ),
        ["validate", case, rubrics],
        ["test", case, "--rubrics", rubrics, "--junit", str(out / "junit.xml")],
        [
            "whatif",
            case,
            "--rubrics",
            rubrics,
            "--set",
            "complained_of_tightness=false",
            "--deem-admitted",
        ],
        ["pivots", case, "--rubrics", rubrics, "--limit", "3"],
        ["rubric", "show", "handcuffing", "--rubrics", rubrics],
    ]
    for argv in runs:
        assert main(argv) in (0, 1), argv
    capsys.readouterr()
    assert _snapshot(inputs) == before
    assert sorted(p.name for p in out.iterdir()) == [
        "junit.xml",
        "r.html",
        "r.json",
        "r.markdown",
        "r.text",
    ]


@pytest.mark.parametrize("verb", ["check", "new", "junit"])
def test_written_files_honour_the_umask(
    verb: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    written = tmp_path / "out.file"
    seed = str(Path(__file__).resolve().parent.parent / "cases" / "ali_v_ramos.yaml")
    argv = {
        "check": ["check", seed, "-o", str(written)],
        "junit": ["test", seed, "--junit", str(written)],
        "new": [
            "new", "--no-input", "--output", str(written), "--caption", "Doe v. Roe",
            "--plaintiff", "Jane Doe", "--status", "arrestee", "--incident-date", "2019-05-01",
            "--defendant", "roe:R. Roe:Officer", "--claim", "excessive_force:roe",
        ],
    }[verb]  # fmt: skip
    previous = os.umask(0o022)
    try:
        code = main(argv)
    finally:
        os.umask(previous)
    capsys.readouterr()
    assert code == 0
    assert stat.S_IMODE(written.stat().st_mode) == 0o644
