"""Running the ``triable`` command as a user does: in its own process, with what it prints,
its exit code and the most memory it held.

A run that has not ended after ``timeout`` seconds is killed and fails the test: a guard
against a hang, far above any real run, not a timing assertion.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

TRIABLE = str(Path(sys.executable).parent / "triable")
HANG = 60.0


@dataclass(frozen=True)
class Ran:
    code: int
    out: str
    err: str
    peak_bytes: int  # the process's peak resident memory

    @property
    def output(self) -> str:
        return self.out + self.err


def run_triable(
    *argv: str,
    stdin: bytes | None = None,
    timeout: float = HANG,
    cwd: Path | None = None,
    pass_fds: tuple[int, ...] = (),
) -> Ran:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        with tempfile.TemporaryFile() as given:
            given.write(stdin or b"")
            given.seek(0)
            process = subprocess.Popen(
                [TRIABLE, *argv],
                stdin=given if stdin is not None else subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                env=env,
                cwd=cwd,
                pass_fds=pass_fds,
            )
        # Reaped here, not by Popen, so that wait4 gives the process's own resource use.
        deadline = time.monotonic() + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                process.kill()
                os.wait4(process.pid, 0)
                pytest.fail(f"triable {' '.join(argv)} was still running after {timeout:.0f} s")
            time.sleep(0.01)
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Ran(
            process.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            usage.ru_maxrss * 1024,
        )


def run_in_process(*argv: str, stdin: bytes | None = None, cwd: Path | None = None) -> Ran:
    """``triable`` run as ``run_triable`` runs it, but inside the test's own process: for
    tests of what a command says and writes rather than of the process around it."""
    import contextlib

    from typer.testing import CliRunner

    from triable.cli.app import main

    try:
        # Releases of the command-line library before 8.2 take this argument, and their
        # test runner answers a prompt with blanks for ever once the input has ended,
        # where a terminal ends the prompt: with them, the command runs in its own process.
        CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:
        pass
    else:
        return run_triable(*argv, stdin=stdin, cwd=cwd)
    runner = CliRunner()
    env = {"NO_COLOR": "1", "COLUMNS": "200"}
    with contextlib.chdir(cwd or Path.cwd()), runner.isolation(input=stdin, env=env) as streams:
        code = main(list(argv))
        sys.stdout.flush()
        sys.stderr.flush()
        out, err = streams[0].getvalue(), streams[1].getvalue()
    return Ran(code, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"), 0)
