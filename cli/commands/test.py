"""`triable test`: every case's expected holdings run as tests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from .options import RUBRICS_OPTION

if TYPE_CHECKING:
    from triable.engine.evaluate import Engine


@dataclass(frozen=True)
class Outcome:
    path: str
    caption: str
    mismatches: list[tuple[str, str, str]]
    error: str | None = None
    skipped: bool = False


def case_paths(paths: list[Path]) -> tuple[list[Path], list[Outcome]]:
    """Case files named, or found under folders named, in a stable order; and, as errors,
    what under those folders could not be read."""
    from ..folders import yaml_files

    found: list[Path] = []
    unread: list[Outcome] = []
    for path in paths:
        if path.is_dir():
            files, problems = yaml_files(path)
            found += files
            for problem in problems:
                shown = problem.where.path if problem.where else str(path)
                unread.append(Outcome(shown, Path(shown).stem, [], error=str(problem)))
        else:
            found.append(path)
    return found, unread


#: The engine cases run against, in this process or in each worker process.
_engine: Engine | None = None


def _load_rubrics(rubrics: Path | None) -> None:
    from .. import session

    global _engine
    _engine = session.engine(rubrics)


def _prepare_worker(rubrics: Path | None) -> None:
    """A worker forked after the library was loaded has it already; a started one loads it."""
    if _engine is None:
        _load_rubrics(rubrics)


def _run_case(path: str) -> Outcome:
    """One case against its expected holdings; never raises for a bad case file."""
    from triable.engine.errors import TriableError
    from triable.engine.expectations import compare

    from .. import session

    assert _engine is not None, "_load_rubrics runs first"
    try:
        case = session.case(Path(path), _engine.library)
    except TriableError as exc:
        return Outcome(path, Path(path).stem, [], error=str(exc))
    if case.expected is None:
        return Outcome(path, case.caption, [], skipped=True)
    mismatches = [(m.where, m.expected, m.actual) for m in compare(case, _engine.evaluate(case))]
    return Outcome(path, case.caption, mismatches)


def command(
    cases: list[Path] = typer.Argument(
        None, help="Case files or folders of them (default: ./cases).", show_default=False
    ),
    rubrics: Path | None = RUBRICS_OPTION,
    junit: Path | None = typer.Option(
        None, "--junit", help="Also write a JUnit XML report to this file (for CI)."
    ),
    force: bool = typer.Option(False, "--force", help="Overwrite the --junit file if it exists."),
    jobs: int = typer.Option(
        1, "--jobs", "-j", min=0, help="Run cases in this many processes (0: one per core)."
    ),
) -> int:
    """Check each case's `expected` holdings against what triable computes.

    A case's expected holdings come from the court (or, for a worked example, from the
    authority that decides it); a student's own predictions make this an answer key.
    Prints a line per case, then 'N passed, N failed'. Exit 1 when any case fails.
    """
    from ..output import write_file
    from ..parallel import map_in_order
    from ..printable import printable
    from ..report_junit import junit_xml

    paths, unread = case_paths(cases or [Path("cases")])
    if not paths and not unread:
        typer.echo("no case files found", err=True)
        return 2
    # The library is loaded (and any error in it reported) before any case runs.
    _load_rubrics(rubrics)
    outcomes = unread + map_in_order(
        _run_case, [str(p) for p in paths], jobs, initializer=_prepare_worker, initargs=(rubrics,)
    )

    def say(line: str) -> None:
        typer.echo(printable(line))

    for outcome in outcomes:
        if outcome.error:
            say(f"ERROR {outcome.path}")
            for line in outcome.error.splitlines():
                say(f"  {line}")
        elif outcome.skipped:
            say(f"SKIP  {outcome.path} ({outcome.caption}): no expected holdings")
        elif outcome.mismatches:
            say(f"FAIL  {outcome.path} ({outcome.caption})")
            for where, expected, actual in outcome.mismatches:
                say(f"  {where}: expected {expected}, got {actual}")
        else:
            say(f"ok    {outcome.path} ({outcome.caption})")
    passed = sum(1 for o in outcomes if not o.error and not o.skipped and not o.mismatches)
    failed = sum(1 for o in outcomes if o.error or o.mismatches)
    summary = f"{passed} passed, {failed} failed"
    skipped = sum(1 for o in outcomes if o.skipped)
    if skipped:
        summary += f", {skipped} skipped"
    typer.echo(summary)
    if junit is not None:
        from .. import session

        inputs = session.inputs(paths, rubrics)
        write_file(junit, junit_xml(outcomes), force=force, inputs=inputs)
    return 1 if failed else 0
