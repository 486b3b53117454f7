"""The benchmark: every figure beside its budget (issue 7). Run with ``make bench``.

Figures are measured here and only here; the test suite asserts no timings.

- CLI latency: ``triable check cases/ali_v_ramos.yaml --format json`` against a bare
  ``python -c "import typer, pydantic, yaml"`` in the same environment, alternating runs,
  ratio of the medians: the same file again and again (its report comes from triable's
  cache), a case edited before every run (the report is computed), and, for reference, with
  no cache at all and the floor of any computed check (importing the file models alone).
  Bytecode is cached (in a temporary prefix, not in the checkout) as it is for an installed
  user, and each command is run once first to warm it.
- Engine throughput, pinned to one core: the seed case evaluated again and again by one
  Engine; generated cases of the seed's size, each evaluated once; and the cost of
  generated cases of 20, 200 and 2,000 facts, per case and per fact. Generated cases are
  contested as the seed is (the plaintiff's facts mostly support the claims, the
  defendants' mostly dispute them), so claims survive on genuine disputes and qualified
  immunity is reached about as often as in the seed.
- Pivots on a generated case disputing 50 attributes; validate over 500 rubric and case
  files; peak memory of loading and evaluating a 2,000-fact case in a fresh process.

Exit status 1 when a measured figure misses its budget.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import generate  # noqa: E402

from triable.cli import session  # noqa: E402
from triable.engine import compiled  # noqa: E402
from triable.engine.evaluate import Engine  # noqa: E402
from triable.engine.model.case import Case  # noqa: E402

BIN = Path(sys.executable).parent
TRIABLE = str(BIN / "triable")
SEED_CASE = ROOT / "cases" / "ali_v_ramos.yaml"
STREAM_CASES = 1500


@dataclass
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


def child_env(work: Path, *, cache: bool = False) -> dict[str, str]:
    """The environment of a measured command: bytecode cached outside the checkout; triable's
    report cache in the benchmark's own folder, or off."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("TRIABLE_NO_CACHE", None)
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    env["TRIABLE_CACHE_DIR"] = str(work / "triable-cache")
    if not cache:
        env["TRIABLE_NO_CACHE"] = "1"
    env["NO_COLOR"] = "1"
    return env


def wall(
    cmd: list[str], env: dict[str, str], cwd: Path = ROOT
) -> tuple[float, subprocess.CompletedProcess[bytes]]:
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, check=False)
    return time.perf_counter() - start, done


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# --- CLI latency -------------------------------------------------------------------------


def cli_latency(
    env: dict[str, str],
    runs: int,
    label: str,
    case: Path = SEED_CASE,
    edit: Callable[[int], None] | None = None,
    budgeted: bool = True,
) -> Figure:
    """``edit(n)``, when given, changes the case file before the n-th timed check (outside
    the timing), so that every check meets a file it has not seen."""
    shown = case.relative_to(ROOT) if case.is_relative_to(ROOT) else case
    check = [TRIABLE, "check", str(shown), "--format", "json"]
    return against_bare(
        f"CLI latency, {label}: check --format json / bare imports",
        check,
        env,
        runs,
        budgeted,
        edit,
    )


def floor_figure(env: dict[str, str], runs: int) -> Figure:
    """What no check that computes its report can go below while triable's file models are
    pydantic models: importing them (and so pydantic's model machinery) and the YAML reader,
    doing nothing else, with the garbage collector paused as `triable` pauses it."""
    models = (
        "import gc; gc.disable(); "
        "import yaml, triable.engine.model.case, triable.engine.model.rubric"
    )
    return against_bare(
        "Floor of a computed check: import the file models / bare imports",
        [sys.executable, "-c", models],
        env,
        runs,
        budgeted=False,
    )


def against_bare(
    name: str,
    cmd: list[str],
    env: dict[str, str],
    runs: int,
    budgeted: bool,
    edit: Callable[[int], None] | None = None,
) -> Figure:
    """The median wall time of ``cmd`` over that of the bare imports, run alternately."""
    bare = [sys.executable, "-c", "import typer, pydantic, yaml"]
    for warm in (cmd, bare):  # warm the bytecode cache, the file cache and any report cache
        _, done = wall(warm, env)
        if done.returncode != 0:
            raise SystemExit(f"bench: {' '.join(warm)} failed:\n{done.stderr.decode()}")
    times: dict[str, list[float]] = {"cmd": [], "bare": []}
    cpu: dict[str, float] = {"cmd": 0.0, "bare": 0.0}
    for n in range(runs):
        for which, argv in (("cmd", cmd), ("bare", bare)):
            if edit is not None and which == "cmd":
                edit(n)
            before = children_cpu()
            times[which].append(wall(argv, env)[0])
            cpu[which] += children_cpu() - before
    cmd_s, bare_s = statistics.median(times["cmd"]), statistics.median(times["bare"])
    ratio = cmd_s / bare_s
    return Figure(
        name,
        f"{ratio:.2f}x",
        "<= 1.50x" if budgeted else "(reference)",
        (ratio <= 1.5) if budgeted else None,
        f"median {1000 * cmd_s:.0f} ms, bare {1000 * bare_s:.0f} ms, {runs} runs each, "
        f"alternating; CPU ratio {cpu['cmd'] / cpu['bare']:.2f}x",
    )


# --- engine ------------------------------------------------------------------------------


def rate(fn: Callable[[], object], seconds: float) -> tuple[float, int]:
    """Calls per CPU second of ``fn`` over about ``seconds`` of CPU, after one warm-up call.
    CPU time, not wall time: other work on the machine must not count against the engine."""
    fn()
    n, start = 0, time.process_time()
    while True:
        fn()
        n += 1
        elapsed = time.process_time() - start
        if elapsed >= seconds:
            return n / elapsed, n


def stream_cpu(engine: Engine, cases: list[Case]) -> float:
    """CPU seconds per case of evaluating ``cases`` one after the other, each once, with a
    fresh Engine per pass (after one warm-up case, so conditions are compiled): the best of
    three passes."""
    best = float("inf")
    for _ in range(3):
        fresh = Engine(engine.library)
        fresh.evaluate(cases[0])
        start = time.process_time()
        for case in cases[1:]:
            fresh.evaluate(case)
        best = min(best, (time.process_time() - start) / (len(cases) - 1))
    return best


def contest(engine: Engine, cases: list[Case], seed: Case) -> str:
    """How much there is to decide in ``cases``, beside the seed: what costs the engine most
    is searching for the disputes that decide surviving claims and reached defenses."""

    def counts(case: Case) -> tuple[int, int, int]:
        report = engine.evaluate(case)
        return (
            sum(1 for c in report.claims if c.outcome == "denied"),
            sum(1 for c in report.claims for e in c.elements if e.status == "genuine_dispute"),
            sum(1 for d in report.defenses if d.outcome != "not_reached"),
        )

    generated = [counts(case) for case in cases[:200]]
    mean = [statistics.mean(c[i] for c in generated) for i in range(3)]
    survive, disputed, reached = counts(seed)
    return (
        f"Per case, generated (first 200) / seed: surviving claims {mean[0]:.1f} / {survive}, "
        f"genuinely disputed elements {mean[1]:.1f} / {disputed}, defenses reached "
        f"{mean[2]:.1f} / {reached}"
    )


def one_core() -> Callable[[], None]:
    """Pin this process to one core; returns how to undo it."""
    if not hasattr(os, "sched_setaffinity"):
        return lambda: None
    before = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(before)})
    return lambda: os.sched_setaffinity(0, before)


def engine_figures(seconds: float) -> list[Figure]:
    library = session.library(None)
    engine = Engine(library)
    seed = session.case(SEED_CASE, library)
    # As many distinct cases of the seed's size as a few seconds can evaluate, each once: no
    # answer worked out for one case can be reused for the same case. Each is contested as
    # the seed is, so the engine decides surviving claims and reached defenses, not only
    # claims failing on the plaintiff's own version.
    seed_sized = [
        generate.generate_case(library, len(seed.facts), seed=n, n_defendants=len(seed.defendants))
        for n in range(STREAM_CASES)
    ]
    restore = one_core()
    try:
        per_second, n = rate(lambda: engine.evaluate(seed), seconds)
        figures = [
            Figure(
                "Engine throughput: the seed case, again and again",
                f"{per_second:,.0f} cases/s",
                ">= 2,000 cases/s",
                per_second >= 2000,
                f"{1e6 / per_second:,.0f} us CPU per case, {n} evaluations on one core",
            )
        ]
        cpu = stream_cpu(engine, seed_sized)
        figures.append(
            Figure(
                f"Engine throughput: {len(seed_sized):,} generated seed-sized cases, each once",
                f"{1 / cpu:,.0f} cases/s",
                ">= 2,000 cases/s",
                1 / cpu >= 2000,
                f"{1e6 * cpu:,.0f} us CPU per case; {len(seed.facts)} facts, "
                f"{len(seed.defendants)} defendants, every claim and defense; best of 3 passes, "
                "each with a fresh Engine",
            )
        )
        costs: dict[int, float] = {}
        rows = []
        for n_facts in (20, 200, 2000):
            samples = []
            for seed_no in range(3):
                case = generate.generate_case(library, n_facts, seed=seed_no)
                per_case, _ = rate(lambda c=case: engine.evaluate(c), seconds / 6)
                samples.append(1e6 / per_case)
            costs[n_facts] = statistics.median(samples)
            rows.append(
                f"{n_facts} facts {costs[n_facts]:,.0f} us "
                f"({costs[n_facts] / n_facts:,.1f} us/fact)"
            )
    finally:
        restore()
    # Counted after every timing, so that no timed evaluation finds these answers known.
    figures[1].detail += ". " + contest(Engine(library), seed_sized, seed)
    per_fact = {n: c / n for n, c in costs.items()}
    vs_20 = per_fact[2000] / per_fact[20]
    vs_200 = per_fact[2000] / per_fact[200]
    figures.append(
        Figure(
            "Engine cost vs facts: per-fact cost 2,000 / 20",
            f"{vs_20:.2f} (2,000 / 200: {vs_200:.2f})",
            "<= 1.50 (linear)",
            vs_20 <= 1.5 and vs_200 <= 1.5,
            "; ".join(rows) + "; median of 3 generated cases each",
        )
    )
    return figures


# --- pivots, validate --------------------------------------------------------------------


def pivots_figure(env: dict[str, str], work: Path) -> Figure:
    name = "Pivots: 50 disputed attributes"
    budget = "<= 1.00 s"
    rubrics = generate.write_disputed_rubrics(work / "disputed" / "rubrics")
    case = generate.write_model(work / "disputed" / "case.yaml", generate.disputed_case())
    cmd = [TRIABLE, "pivots", str(case), "--rubrics", str(rubrics), "--format", "json"]
    timed = median_of_three(cmd, env)
    if isinstance(timed, str):
        return Figure(name, "error", budget, False, timed)
    best, cpu = timed
    from triable.engine.pivots import find_pivots

    library = session.library(rubrics)
    engine = Engine(library)
    loaded = session.case(case, library)
    start = time.process_time()
    found = find_pivots(engine, loaded, engine.evaluate(loaded))
    inside = time.process_time() - start
    return Figure(
        name,
        f"{best:.2f} s",
        budget,
        best <= 1.0,
        f"wall time of the CLI, median of 3 (CPU {cpu:.2f} s); "
        f"evaluate + find_pivots in process {inside:.2f} s CPU, {len(found)} pivots",
    )


def median_of_three(cmd: list[str], env: dict[str, str]) -> tuple[float, float] | str:
    """Median wall and CPU seconds of three runs of ``cmd``, or its error output."""
    times, cpu = [], []
    for _ in range(3):
        before = children_cpu()
        seconds, done = wall(cmd, env)
        cpu.append(children_cpu() - before)
        if done.returncode not in (0, 1):
            return done.stderr.decode().strip()[:200]
        times.append(seconds)
    return statistics.median(times), statistics.median(cpu)


def validate_figure(env: dict[str, str], work: Path) -> Figure:
    name = "Validate: 500 rubric and case files"
    budget = "<= 3.00 s"
    rubrics, cases = generate.write_validate_tree(work / "validate", 500)
    jobs = str(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count())
    cmd = [TRIABLE, "validate", str(rubrics), str(cases), "--rubrics", str(rubrics), "--jobs", jobs]
    timed = median_of_three(cmd, env)
    if isinstance(timed, str):
        return Figure(name, "error", budget, False, timed)
    best, cpu = timed
    return Figure(
        name,
        f"{best:.2f} s",
        budget,
        best <= 3.0,
        f"wall time with --jobs {jobs}, median of 3 (CPU of all processes "
        f"{cpu:.2f} s); report cache off",
    )


# --- memory ------------------------------------------------------------------------------

# The peak is read from /proc where it can be: ru_maxrss survives fork and exec, so it would
# report the benchmark's own peak when that is higher.
MEMORY_PROBE = """
import resource, sys
from pathlib import Path
def peak_kb():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
from triable.cli import session
from triable.engine.evaluate import Engine
from triable.cli.render import Format, renderer
library = session.library(None)
before = peak_kb()
report = Engine(library).evaluate(session.case(Path(sys.argv[1]), library))
renderer(Format.JSON)([report])
after = peak_kb()
print(before, after)
"""


def memory_figure(env: dict[str, str], work: Path) -> Figure:
    library = session.library(None)
    case = generate.write_model(
        work / "memory" / "generated_2000.yaml", generate.generate_case(library, 2000)
    )
    _, done = wall([sys.executable, "-c", MEMORY_PROBE, str(case)], env)
    if done.returncode != 0:
        return Figure("Memory", "error", "<= 100 MB", False, done.stderr.decode().strip()[-200:])
    before_kb, after_kb = (int(x) for x in done.stdout.split())
    peak = after_kb / 1024
    return Figure(
        "Memory: peak RSS, load + evaluate + render a 2,000-fact case",
        f"{peak:.0f} MB",
        "<= 100 MB",
        peak <= 100,
        f"fresh process; {before_kb / 1024:.0f} MB after imports and the rubric library",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="CLI latency runs of each command")
    parser.add_argument("--seconds", type=float, default=3.0, help="time per throughput figure")
    args = parser.parse_args(argv)
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="triable-bench-") as tmp:
        work = Path(tmp)
        env = child_env(work)
        cached = child_env(work, cache=True)
        # The command the budget names, run again and again: its report comes from the cache.
        figures.append(cli_latency(cached, args.runs, "same file"))
        # An editor saving a case: each check meets an edited file, so its report is
        # computed (the rubric library still comes from the cache).
        edited = work / "ali_v_ramos_edited.yaml"
        seed_text = SEED_CASE.read_text(encoding="utf-8")

        def edit(n: int) -> None:
            edited.write_text(f"{seed_text}# edit {n}\n", encoding="utf-8")

        edit(-1)
        figures.append(cli_latency(cached, args.runs, "edited case", edited, edit))
        figures.append(cli_latency(env, args.runs, "no cache at all", budgeted=False))
        figures.append(floor_figure(env, args.runs))
        figures += engine_figures(args.seconds)
        figures.append(pivots_figure(env, work))
        figures.append(validate_figure(env, work))
        figures.append(memory_figure(env, work))
    width = max(len(f.name) for f in figures)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    engine = "compiled (setup.py)" if compiled() else "pure Python (installed without compiling)"
    print(f"{os.cpu_count()} cores, load average {load:.2f} when done; engine {engine}\n")
    print(f"{'figure':<{width}}  {'measured':>22}  {'budget':>18}  verdict")
    for f in figures:
        print(f"{f.name:<{width}}  {f.measured:>22}  {f.budget:>18}  {f.verdict}")
        if f.detail:
            print(f"{'':<{width}}    {f.detail}")
    failed = [f.name for f in figures if f.ok is False]
    print(f"\n{sum(1 for f in figures if f.ok)} within budget, {len(failed)} over")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
