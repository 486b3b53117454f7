"""The benchmark: what a user waits for, each figure beside its budget. Run with ``make bench``.

Figures are measured here and only here; the test suite asserts no timings. Each is a
command run as a user runs it, in its own process, with no cache of any kind:

- ``check``: the seed case, against a bare ``python -c "import typer, pydantic, yaml, rich,
  jinja2"`` in the same environment, run alternately; the ratio of the medians. Bytecode is
  cached (in a temporary prefix, not in the checkout), as it is for an installed user, and
  each command runs once first to warm it. The rubric library cache is off (its folder is
  one triable may not use), so the library is read and validated on every run.
- ``test``: every bundled case, against the same bare imports, likewise with no cache.
- Beside them, for reference: both again with the library kept in its cache, as on any run
  after the first.
- ``pivots``: a generated case disputing 50 attributes, wall time.
- ``validate``: 500 generated rubric and case files, wall time.
- Install: the wheel ``pip install .`` installs is pure Python, so no compiler is needed.
- Hostile inputs (bounded work and memory): the slowest of the hostile files the tests
  feed to ``check`` and ``validate``, which the tests bound only by a hang guard.

Exit status 1 when a measured figure misses its budget.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import generate  # noqa: E402

BIN = Path(sys.executable).parent
TRIABLE = str(BIN / "triable")
SEED_CASE = ROOT / "cases" / "ali_v_ramos.yaml"
BARE = [sys.executable, "-c", "import typer, pydantic, yaml, rich, jinja2"]


@dataclass(frozen=True)
class Figure:
    name: str
    measured: str
    budget: str
    ok: bool | None  # None: a reference figure, with no budget
    detail: str = ""

    @property
    def verdict(self) -> str:
        if self.ok is None:
            return "-"
        return "PASS" if self.ok else "FAIL"


def child_env(work: Path, cache: bool = False) -> dict[str, str]:
    """A measured command's environment: bytecode cached outside the checkout, no colour,
    and the rubric library cache in a folder of its own, or (by default) turned off: a
    cache folder open to others is one triable never uses."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    env["NO_COLOR"] = "1"
    xdg = work / ("cache" if cache else "no-cache")
    (xdg / "triable").mkdir(parents=True, exist_ok=True)
    (xdg / "triable").chmod(0o700 if cache else 0o755)
    env["XDG_CACHE_HOME"] = str(xdg)
    return env


def wall(cmd: list[str], env: dict[str, str]) -> tuple[float, subprocess.CompletedProcess[bytes]]:
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, check=False)
    return time.perf_counter() - start, done


def _checked(cmd: list[str], done: subprocess.CompletedProcess[bytes]) -> None:
    if done.returncode not in (0, 1):
        raise SystemExit(f"bench: {' '.join(cmd)} failed:\n{done.stderr.decode()[-2000:]}")


def against_bare(
    name: str, cmd: list[str], env: dict[str, str], runs: int, limit: float | None
) -> Figure:
    """The median wall time of ``cmd`` over that of the bare imports, run alternately."""
    for warm in (cmd, BARE):
        _checked(warm, wall(warm, env)[1])
    times: dict[str, list[float]] = {"cmd": [], "bare": []}
    for _ in range(runs):
        for which, argv in (("cmd", cmd), ("bare", BARE)):
            seconds, done = wall(argv, env)
            _checked(argv, done)
            times[which].append(seconds)
    cmd_s, bare_s = statistics.median(times["cmd"]), statistics.median(times["bare"])
    ratio = cmd_s / bare_s
    return Figure(
        name,
        f"{ratio:.2f}x",
        f"<= {limit:.2f}x" if limit is not None else "-",
        ratio <= limit if limit is not None else None,
        f"median {1000 * cmd_s:.0f} ms, bare imports {1000 * bare_s:.0f} ms, "
        f"{runs} runs each, alternating",
    )


def wall_figure(name: str, cmd: list[str], env: dict[str, str], limit: float) -> Figure:
    """The median wall time of three runs of ``cmd``, after one to warm the bytecode."""
    _checked(cmd, wall(cmd, env)[1])
    times = []
    for _ in range(3):
        seconds, done = wall(cmd, env)
        _checked(cmd, done)
        times.append(seconds)
    median = statistics.median(times)
    return Figure(name, f"{median:.2f} s", f"<= {limit:.2f} s", median <= limit, "median of 3")


def pivots_figure(env: dict[str, str], work: Path) -> Figure:
    rubrics = generate.write_disputed_rubrics(work / "disputed" / "rubrics")
    case = generate.write_model(work / "disputed" / "case.yaml", generate.disputed_case())
    cmd = [TRIABLE, "pivots", str(case), "--rubrics", str(rubrics), "--format", "json"]
    return wall_figure("pivots: a case disputing 50 attributes", cmd, env, 1.0)


def validate_figure(env: dict[str, str], work: Path) -> Figure:
    rubrics, cases = generate.write_validate_tree(work / "validate", 500)
    cmd = [TRIABLE, "validate", str(rubrics), str(cases), "--rubrics", str(rubrics)]
    return wall_figure("validate: 500 rubric and case files", cmd, env, 3.0)


def install_figure(work: Path) -> Figure:
    """Build the wheel ``pip install .`` would install, with no compiler on the PATH."""
    env = {**os.environ, "CC": "false", "CXX": "false"}
    cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(work), str(ROOT)]
    seconds, done = wall(cmd, env)
    wheels = sorted(work.glob("triable-*.whl"))
    pure = done.returncode == 0 and len(wheels) == 1 and wheels[0].name.endswith("-none-any.whl")
    shown = wheels[0].name if wheels else done.stderr.decode()[-200:]
    return Figure(
        "install: pip install . needs no compiler",
        "pure wheel" if pure else "not pure",
        "no compiler",
        pure,
        f"{shown}, built in {seconds:.1f} s with the C compiler disabled",
    )


def hostile_figure(env: dict[str, str], work: Path) -> Figure:
    """The slowest hostile file: deep nesting, an alias bomb, a 50 MB file."""
    files = {
        "deep nesting": "kind: case\nx: " + "[" * 5000 + "]" * 5000 + "\n",
        "alias bomb": "kind: case\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 10)),
        "50 MB file": "kind: case\n" + ("# " + "x" * 1022 + "\n") * (50 * 1024),
    }
    slowest, which = 0.0, ""
    for label, text in files.items():
        path = work / "hostile" / f"{label.replace(' ', '_')}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        for verb in ("check", "validate"):
            seconds, _ = wall([TRIABLE, verb, str(path)], env)
            if seconds > slowest:
                slowest, which = seconds, f"{verb} on the {label}"
    return Figure(
        "hostile input: the slowest refusal",
        f"{slowest:.2f} s",
        "<= 2.00 s",
        slowest <= 2.0,
        which,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each timed command")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="triable-bench-") as tmp:
        work = Path(tmp)
        env = child_env(work)
        cached = child_env(work, cache=True)
        check = [TRIABLE, "check", str(SEED_CASE.relative_to(ROOT)), "--format", "json"]
        test = [TRIABLE, "test", "cases"]
        figures = [
            against_bare("check: the seed / bare imports", check, env, args.runs, 2.0),
            against_bare("test: every bundled case / bare imports", test, env, args.runs, 3.0),
            against_bare("check, library cached (reference)", check, cached, args.runs, None),
            against_bare("test, library cached (reference)", test, cached, args.runs, None),
            pivots_figure(env, work),
            validate_figure(env, work),
            install_figure(work / "wheel"),
            hostile_figure(env, work),
        ]
    width = max(len(f.name) for f in figures)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{os.cpu_count()} cores, load average {load:.2f} when done\n")
    print(f"{'figure':<{width}}  {'measured':>12}  {'budget':>12}  verdict")
    for f in figures:
        print(f"{f.name:<{width}}  {f.measured:>12}  {f.budget:>12}  {f.verdict}")
        if f.detail:
            print(f"{'':<{width}}    {f.detail}")
    failed = [f.name for f in figures if f.ok is False]
    print(f"\n{sum(1 for f in figures if f.ok)} within budget, {len(failed)} over")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
