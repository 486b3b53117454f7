"""Hostile input at the edges: files that explode when read, special files, writes that
would clobber, and text that would reach a terminal or an XML reader raw.

Every test runs ``triable`` as a user does, in its own process, and looks at the exit code,
the finding (with ``path:line:col`` where there is one), the absence of a traceback and
the most memory the process held. Inputs too big or too odd to commit are made here.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import stat
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from cli_run import TRIABLE, run_triable

FIXTURES = Path(__file__).parent / "fixtures"
CASE = FIXTURES / "valid" / "small_case.yaml"
HOSTILE = FIXTURES / "hostile" / "control_characters.yaml"
INVALID = FIXTURES / "invalid"
BUNDLED = Path(__file__).parents[1] / "rubrics"
#: A plain check of the seed holds about 40-70 MB.
PEAK_BYTES = 150 * 1024 * 1024
RAW_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def rubric_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "rubrics"
    shutil.copytree(BUNDLED, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return folder


def finding(output: str, path: Path | str, code: str) -> re.Match[str] | None:
    return re.search(rf"^{re.escape(str(path))}(:\d+:\d+)?: {code} (.*)$", output, re.M)


def assert_clean_failure(ran: object, code: int = 2) -> None:
    assert ran.code == code, ran.output  # type: ignore[attr-defined]
    assert "Traceback" not in ran.output  # type: ignore[attr-defined]
    assert "internal error" not in ran.output  # type: ignore[attr-defined]
    assert ran.peak_bytes < PEAK_BYTES  # type: ignore[attr-defined]


# --- aliases: bounded in characters, not only in values -----------------------------------


def test_many_aliases_of_a_long_text(tmp_path: Path) -> None:
    """20,000 aliases of a 200 KB text: a 280 KB file that would expand to 4 GB."""
    bomb = tmp_path / "bomb.yaml"
    with bomb.open("w") as handle:
        handle.write("kind: case\nbig: &big " + "x" * 200_000 + "\nmany:\n")
        handle.write("  - *big\n" * 20_000)
    for command in ("validate", "check"):
        ran = run_triable(command, str(bomb))
        assert_clean_failure(ran)
        found = finding(ran.output, bomb, "Y004")
        assert found and found.group(1) == ":9:5", ran.output  # the sixth copy
        assert "aliases expand to more than 1,024 KB of text" in found.group(2)


def test_aliased_fact_texts(tmp_path: Path) -> None:
    """Every fact's text an alias of one 200 KB text: each copy would be in the report."""
    text = CASE.read_text()
    facts = "".join(
        f"  f{i}:\n    text: *long\n    offered_by: plaintiff\n    cite: Pl. Tr. {i}\n"
        f"    evidence: deposition\n"
        for i in range(200)
    )
    case = tmp_path / "aliased.yaml"
    case.write_text(
        text.replace("caption: Doe v. Roe", "caption: Doe v. Roe\nnote: &long " + "y" * 200_000)
        + facts.replace("  f0:", "  f0:", 1)
    )
    ran = run_triable("check", str(case), "--format", "json")
    assert_clean_failure(ran)
    assert finding(ran.output, case, "Y004"), ran.output


# --- special files: read at most the bound, whatever the file is ---------------------------


@pytest.mark.parametrize("command", ["validate", "check"])
def test_a_device_is_refused_without_reading_it(command: str) -> None:
    ran = run_triable(command, "/dev/zero")
    assert_clean_failure(ran)
    found = finding(ran.output, "/dev/zero", "F003")
    assert found and "is a character device, not a file" in found.group(2), ran.output


def test_a_fifo_with_nothing_writing_to_it_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "case.yaml"
    os.mkfifo(fifo)
    for command in ("validate", "check"):
        ran = run_triable(command, str(fifo))
        assert_clean_failure(ran)
        found = finding(ran.output, fifo, "F003")
        assert found and "pipe" in found.group(2), ran.output


def test_a_sparse_5_gb_file_is_refused_on_its_size(tmp_path: Path) -> None:
    sparse = tmp_path / "sparse.yaml"
    with sparse.open("wb") as handle:
        handle.write(b"kind: case\n")
        handle.truncate(5 * 1024**3)
    for command in ("validate", "check"):
        ran = run_triable(command, str(sparse))
        assert_clean_failure(ran)
        found = finding(ran.output, sparse, "F004")
        assert found and "5120.0 MB" in found.group(2), ran.output


def test_a_process_substitution_is_read(tmp_path: Path) -> None:
    """``check <(cat case.yaml)``: a pipe whose writer has finished, named /dev/fd/N."""
    read, write = os.pipe()
    try:
        os.write(write, CASE.read_bytes())
        os.close(write)
        ran = run_triable("check", f"/dev/fd/{read}", "--format", "json", pass_fds=(read,))
    finally:
        os.close(read)
    assert ran.code == 0, ran.output
    assert '"case": "Doe v. Roe"' in ran.out


def test_a_pipe_whose_writer_is_still_writing_is_read_to_the_end() -> None:
    read, write = os.pipe()
    data = CASE.read_bytes()

    def slow_writer() -> None:
        time.sleep(0.5)
        os.write(write, data[:100])
        time.sleep(0.2)
        os.write(write, data[100:])
        os.close(write)

    writer = threading.Thread(target=slow_writer)
    writer.start()
    try:
        ran = run_triable("check", f"/dev/fd/{read}", "--format", "json", pass_fds=(read,))
    finally:
        writer.join()
        os.close(read)
    assert ran.code == 0, ran.output
    assert '"case": "Doe v. Roe"' in ran.out


def test_standard_input_is_read_under_the_same_bound() -> None:
    ran = run_triable("check", "-", "--format", "json", stdin=CASE.read_bytes())
    assert ran.code == 0, ran.output
    assert '"case": "Doe v. Roe"' in ran.out
    ran = run_triable("validate", "-", stdin=b"kind: case\ncaption: [\n")
    assert_clean_failure(ran)
    assert finding(ran.output, "<stdin>", "Y001"), ran.output
    ran = run_triable("check", "-", stdin=b"kind: case\n" + b"# " + b"x" * (9 * 1024 * 1024))
    assert_clean_failure(ran)
    found = finding(ran.output, "<stdin>", "F004")
    assert found and "more than 8 MB" in found.group(2), ran.output


# --- what ended in exit 3 ------------------------------------------------------------------


def test_a_claim_naming_an_unknown_test_is_a_finding_for_check(tmp_path: Path) -> None:
    library = rubric_copy(tmp_path)
    shutil.copy(
        INVALID / "rubric_unknown_test.yaml", library / "claims" / "failure_to_intervene.yaml"
    )
    case = tmp_path / "case.yaml"
    case.write_text(
        CASE.read_text().replace(
            "against: [roe]", "against: [roe]\n  - claim: failure_to_intervene\n    against: [roe]"
        )
    )
    ran = run_triable("check", str(case), "--rubrics", str(library))
    assert_clean_failure(ran)
    assert finding(ran.output, library / "claims" / "failure_to_intervene.yaml", "R012"), ran.output
    assert ":23:15: R012 " in ran.output


def test_a_condition_nested_22_deep_is_a_finding_for_check(tmp_path: Path) -> None:
    library = rubric_copy(tmp_path)
    deep = library / "tests" / "handcuffing.yaml"
    shutil.copy(INVALID / "rubric_condition_too_deep.yaml", deep)
    ran = run_triable("check", str(CASE), "--rubrics", str(library))
    assert_clean_failure(ran)
    found = finding(ran.output, deep, "Y005")
    assert found and found.group(1) == ":38:117", ran.output


def test_a_symlink_loop_under_rubrics_is_a_finding(tmp_path: Path) -> None:
    library = rubric_copy(tmp_path)
    loop = library / "tests" / "loop.yaml"
    loop.symlink_to(loop)
    (library / "claims" / "itself").symlink_to(library / "claims")
    for command in ("validate", "check"):
        ran = run_triable(command, str(CASE), "--rubrics", str(library))
        assert_clean_failure(ran)
        found = finding(ran.output, loop, "F003")
        assert found and "loop" in found.group(2), ran.output
    # The other files were all read: a bad one never ends a folder run early.
    bad = library / "tests" / "graham_factors.yaml"
    bad.write_text(bad.read_text().replace("form: factors", "form: factorz"))
    ran = run_triable("check", str(CASE), "--rubrics", str(library))
    assert finding(ran.output, loop, "F003") and finding(ran.output, bad, "S003"), ran.output


def test_an_unreadable_folder_under_rubrics_is_a_finding(tmp_path: Path) -> None:
    library = rubric_copy(tmp_path)
    locked = library / "more"
    locked.mkdir()
    shutil.copy(BUNDLED / "tests" / "graham_factors.yaml", locked / "graham_copy.yaml")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("this user can read a folder with no permissions (root)")
        for command in ("validate", "check"):
            ran = run_triable(command, str(CASE), "--rubrics", str(library))
            assert_clean_failure(ran)
            found = finding(ran.output, locked, "F003")
            assert found and "permission denied" in found.group(2), ran.output
    finally:
        locked.chmod(0o755)


def test_a_non_utf8_answer_to_new(tmp_path: Path) -> None:
    out = tmp_path / "new.yaml"
    ran = run_triable("new", "-o", str(out), stdin=b"Doe\xff v. Roe\n")
    assert_clean_failure(ran)
    found = finding(ran.err, "<stdin>", "F005")
    assert found and found.group(1) == ":1:4" and "0xff" in found.group(2), ran.output
    assert not out.exists()


# --- writes --------------------------------------------------------------------------------


def _unwritable_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    if not os.access(folder, os.W_OK):
        return folder
    # Root writes anywhere it may; sysfs refuses new files even to root.
    if Path("/sys").is_dir() and not _can_create_in(Path("/sys")):
        return Path("/sys")
    pytest.skip("no folder here refuses this user a new file")


def _can_create_in(folder: Path) -> bool:
    try:
        (folder / "triable-probe").open("x").close()
    except OSError:
        return False
    (folder / "triable-probe").unlink()
    return True


def test_an_unwritable_output_folder(tmp_path: Path) -> None:
    target = _unwritable_folder(tmp_path) / "report.txt"
    ran = run_triable("check", str(CASE), "-o", str(target))
    assert_clean_failure(ran)
    found = finding(ran.output, target, "W004")
    assert found and "cannot write" in found.group(2), ran.output
    assert not target.exists()


def test_long_file_names(tmp_path: Path) -> None:
    longest = tmp_path / ("r" * 246 + ".txt")
    ran = run_triable("check", str(CASE), "-o", str(longest))
    assert ran.code == 0, ran.output
    assert "Doe v. Roe" in longest.read_text()
    too_long = tmp_path / ("r" * 300 + ".txt")
    ran = run_triable("check", str(CASE), "-o", str(too_long))
    assert_clean_failure(ran)
    found = finding(ran.output, too_long, "W004")
    assert found and "too long" in found.group(2), ran.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [longest.name]


def test_a_full_disk() -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    ran = run_triable("check", str(CASE), "-o", "/dev/full", "--force")
    assert_clean_failure(ran)
    found = finding(ran.output, "/dev/full", "W004")
    assert found and "no space left" in found.group(2), ran.output
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_a_full_disk_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from triable.cli import output
    from triable.engine.errors import UsageError

    def full(fd: int, data: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(output.os, "write", full)
    with pytest.raises(UsageError) as caught:
        output.write_file(tmp_path / "report.txt", "text")
    assert caught.value.code == "W004"
    assert "no space left" in caught.value.message
    assert list(tmp_path.iterdir()) == []


def test_an_input_is_never_overwritten(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    shutil.copy(CASE, case)
    alias = tmp_path / "alias.yaml"
    os.link(case, alias)
    link = tmp_path / "link.yaml"
    link.symlink_to(case)
    for target in (case, alias, link):
        ran = run_triable("check", str(case), "-o", str(target), "--force")
        assert_clean_failure(ran)
        assert finding(ran.output, target, "W003"), ran.output
    assert case.read_bytes() == CASE.read_bytes()
    library = rubric_copy(tmp_path)
    rubric = library / "tests" / "handcuffing.yaml"
    before = rubric.read_bytes()
    ran = run_triable("check", str(case), "--rubrics", str(library), "-o", str(rubric), "--force")
    assert_clean_failure(ran)
    assert rubric.read_bytes() == before


def test_force_writes_into_a_device_or_a_fifo_and_keeps_it(tmp_path: Path) -> None:
    ran = run_triable("check", str(CASE), "-o", "/dev/null", "--force")
    assert ran.code == 0, ran.output
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    ran = run_triable("check", str(CASE), "-o", str(fifo), "--force")
    assert_clean_failure(ran)
    found = finding(ran.output, fifo, "W004")
    assert found and "nothing reads" in found.group(2), ran.output
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    received: list[bytes] = []
    reader_ready = threading.Event()

    def reader() -> None:
        fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
        reader_ready.set()
        os.set_blocking(fd, True)
        chunks = []
        while True:
            try:
                chunk = os.read(fd, 65536)
            except BlockingIOError:
                continue
            if not chunk and chunks:
                break
            if not chunk:
                time.sleep(0.05)
                continue
            chunks.append(chunk)
        os.close(fd)
        received.append(b"".join(chunks))

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    reader_ready.wait()
    ran = run_triable("check", str(CASE), "-o", str(fifo), "--force")
    thread.join(timeout=30)
    assert ran.code == 0, ran.output
    assert received and b"Doe v. Roe" in received[0]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_parallel_runs_writing_one_file(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    with ThreadPoolExecutor(max_workers=10) as pool:
        runs = list(
            pool.map(lambda _: run_triable("check", str(CASE), "-o", str(target)), range(10))
        )
    assert sorted(r.code for r in runs) == [0] + [2] * 9, [r.output for r in runs]
    for ran in runs:
        assert "Traceback" not in ran.output
        if ran.code:
            assert finding(ran.output, target, "W001"), ran.output
    assert "Doe v. Roe" in target.read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.txt"]


def test_an_interrupted_write_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from triable.cli import output

    def interrupted(fd: int, data: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(output.os, "write", interrupted)
    with pytest.raises(KeyboardInterrupt):
        output.write_file(tmp_path / "report.txt", "text")
    assert list(tmp_path.iterdir()) == []


def test_sigint_at_any_moment_leaves_no_temporary_file(tmp_path: Path) -> None:
    """Ctrl-C sent to real runs at moments spread over their life: each leaves the report
    whole or absent, and never a temporary file."""
    big = tmp_path / "many.yaml"
    big.write_text(CASE.read_text())
    env = {**os.environ, "NO_COLOR": "1"}
    for attempt in range(12):
        target = tmp_path / f"report{attempt}.md"
        process = subprocess.Popen(
            [TRIABLE, "check", str(big), "-o", str(target), "--format", "markdown"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
        )
        time.sleep(0.05 * attempt)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
        # Ctrl-C while the interpreter itself starts ends it before triable runs at all.
        if b"init_import_site" not in err and process.returncode != -signal.SIGINT:
            assert b"Traceback" not in err
            assert process.returncode in (0, 130), err
        if target.exists():
            assert target.read_text().rstrip().endswith("|") or "Doe v. Roe" in target.read_text()
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


class PanicException(BaseException):
    """Named as pydantic-core names the exception it raises when Ctrl-C lands while it
    builds a validator."""


def test_ctrl_c_inside_a_compiled_extension_is_an_interruption(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from triable.cli import session
    from triable.cli.app import main

    def interrupted(*_: object) -> None:
        raise PanicException("Error building schema validator:\n  KeyboardInterrupt: ")

    monkeypatch.setattr(session, "engine", interrupted)
    assert main(["check", str(CASE)]) == 130
    err = capsys.readouterr().err
    assert err.strip() == "triable: interrupted"


def test_another_exception_from_a_compiled_extension_is_not_taken_for_ctrl_c(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from triable.cli import session
    from triable.cli.app import main

    def panicked(*_: object) -> None:
        raise PanicException("index out of bounds")

    monkeypatch.setattr(session, "engine", panicked)
    with pytest.raises(PanicException):
        main(["check", str(CASE)])


# --- what reaches a terminal or an XML file ------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_control_characters_from_a_case_never_reach_the_output(fmt: str) -> None:
    ran = run_triable("check", str(HOSTILE), "--format", fmt)
    assert ran.code == 0, ran.output
    assert not RAW_CONTROLS.search(ran.out.replace("\n", "").replace("\t", "")), repr(ran.out[:500])
    assert "retitled" in ran.out


def test_control_characters_keep_junit_xml_valid(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    shutil.copy(HOSTILE, cases / "hostile.yaml")
    (cases / "bad\x1b[31m.yaml").write_text('kind: case\ncaption: "\\e]0;x\\a"\nfoo: [\n')
    junit = tmp_path / "junit.xml"
    ran = run_triable("test", str(cases), "--junit", str(junit))
    assert ran.code == 1, ran.output
    assert "Traceback" not in ran.output
    assert not RAW_CONTROLS.search(ran.output.replace("\n", ""))
    assert "bad\\x1b[31m.yaml" in ran.output
    suite = ET.parse(junit).getroot()
    assert suite.get("tests") == "2"
    assert any("bad\\x1b[31m.yaml" in (case.get("name") or "") for case in suite)


def test_a_file_name_with_control_characters_in_findings(tmp_path: Path) -> None:
    bad = tmp_path / "\x1b]0;x\x07.yaml"
    bad.write_text("kind: case\ncaption: [\n")
    for command in ("validate", "check"):
        ran = run_triable(command, str(bad))
        assert_clean_failure(ran)
        assert not RAW_CONTROLS.search(ran.output.replace("\n", ""))
        assert "\\x1b]0;x\\x07.yaml:" in ran.output
