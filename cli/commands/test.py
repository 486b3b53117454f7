"""`triable test`: every case's expected holdings run as tests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import typer

from .options import RUBRICS_OPTION


@dataclass(frozen=True)
class Outcome:
    path: str
    caption: str
    mismatches: list[tuple[str, str, str]]
    error: str | None = None
    skipped: bool = False


def case_paths(paths: list[Path]) -> list[Path]:
    """Case files named, or found under folders named, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*.yaml") if p.is_file())
        else:
            found.append(path)
    return found


def command(
    cases: list[Path] = typer.Argument(
        None, help="Case files or folders of them (default: ./cases).", show_default=False
    ),
    rubrics: Path | None = RUBRICS_OPTION,
    junit: Path | None = typer.Option(
        None, "--junit", help="Also write a JUnit XML report to this file (for CI)."
    ),
    force: bool = typer.Option(False, "--force", help="Overwrite the --junit file if it exists."),
) -> int:
    """Check each case's `expected` holdings against what triable computes.

    A case's expected holdings come from the court (or, for a worked example, from the
    authority that decides it); a student's own predictions make this an answer key.
    Prints a line per case, then 'N passed, N failed'. Exit 1 when any case fails.
    """
    from triable.engine.errors import TriableError
    from triable.engine.evaluate import Engine
    from triable.engine.expectations import compare

    from .. import session
    from ..output import write_file
    from ..report_junit import junit_xml

    paths = case_paths(cases or [Path("cases")])
    if not paths:
        typer.echo("no case files found", err=True)
        return 2
    engine = Engine(session.library(rubrics))
    outcomes: list[Outcome] = []
    for path in paths:
        try:
            case = session.case(path, engine.library)
        except TriableError as exc:
            outcomes.append(Outcome(str(path), path.stem, [], error=str(exc)))
            continue
        if case.expected is None:
            outcomes.append(Outcome(str(path), case.caption, [], skipped=True))
            continue
        report = engine.evaluate(case)
        mismatches = [(m.where, m.expected, m.actual) for m in compare(case, report)]
        outcomes.append(Outcome(str(path), case.caption, mismatches))

    for outcome in outcomes:
        if outcome.error:
            typer.echo(f"ERROR {outcome.path}")
            for line in outcome.error.splitlines():
                typer.echo(f"  {line}")
        elif outcome.skipped:
            typer.echo(f"SKIP  {outcome.path} ({outcome.caption}): no expected holdings")
        elif outcome.mismatches:
            typer.echo(f"FAIL  {outcome.path} ({outcome.caption})")
            for where, expected, actual in outcome.mismatches:
                typer.echo(f"  {where}: expected {expected}, got {actual}")
        else:
            typer.echo(f"ok    {outcome.path} ({outcome.caption})")
    passed = sum(1 for o in outcomes if not o.error and not o.skipped and not o.mismatches)
    failed = sum(1 for o in outcomes if o.error or o.mismatches)
    summary = f"{passed} passed, {failed} failed"
    skipped = sum(1 for o in outcomes if o.skipped)
    if skipped:
        summary += f", {skipped} skipped"
    typer.echo(summary)
    if junit is not None:
        write_file(junit, junit_xml(outcomes), force=force)
    return 1 if failed else 0
