"""`triable pivots`: what a student must win or lose at trial, ranked."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from .options import RUBRICS_OPTION
from .whatif import Format

if TYPE_CHECKING:
    from triable.engine.model.report import Report
    from triable.engine.pivots import Pivot


def command(
    case: Path = typer.Argument(..., help="The case file (YAML).", show_default=False),
    rubrics: Path | None = RUBRICS_OPTION,
    fmt: Format = typer.Option(Format.TEXT, "--format", "-f", help="text or json."),
    limit: int | None = typer.Option(
        None, "--limit", "-n", min=1, help="Show only the first N pivots.", show_default=False
    ),
) -> None:
    """The facts and attributes whose change alone would flip an outcome, most decisive first.

    Three kinds of change are tried, one at a time: the movant winning one disputed
    attribute at trial; one admissible fact falling away; one attribute taking another of
    its values. A pivot is listed with every claim or defense outcome it flips.

    Example: triable pivots cases/ali_v_ramos.yaml --limit 5
    """
    import json

    from triable.engine.pivots import find_pivots

    from .. import session
    from ..render.json_report import as_data

    engine = session.engine(rubrics)
    loaded = session.case(case, engine.library)
    report = engine.evaluate(loaded)
    pivots = find_pivots(engine, loaded, report)
    shown = pivots[:limit] if limit else pivots
    if fmt is Format.JSON:
        data = {
            "pivots_version": 1,
            "case": loaded.caption,
            "movant": loaded.motion.movant.value,
            "total": len(pivots),
            "pivots": [as_data(p) for p in shown],
        }
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    typer.echo(render_text(report, pivots, shown))


def render_text(report: Report, pivots: list[Pivot], shown: list[Pivot]) -> str:
    names = {c.claim: c.claim_name for c in report.claims}
    people = {c.defendant: c.defendant_name for c in report.claims}
    defenses = {d.defense: d.defense_name for d in report.defenses}
    lines = [f"Pivots in {report.case}: single changes that would flip an outcome."]
    if not pivots:
        lines.append("None: no single change tried flips any claim or defense outcome.")
        return "\n".join(lines)
    lines.append(
        f"Showing {len(shown)} of {len(pivots)}, most decisive first."
        if len(shown) < len(pivots)
        else f"{len(pivots)} found, most decisive first."
    )
    width = len(str(len(shown)))
    for n, pivot in enumerate(shown, 1):
        count = len(pivot.flips)
        lines += [
            "",
            f"{n:>{width}}. [{pivot.kind}] {pivot.description}",
            f"{'':>{width}}  flips {count} outcome{'s' if count != 1 else ''}:",
        ]
        for flip in pivot.flips:
            what = names.get(flip.claim, flip.claim)
            if flip.defense:
                what = f"{defenses.get(flip.defense, flip.defense)} on {what}"
            who = people.get(flip.defendant, flip.defendant)
            lines.append(f"{'':>{width}}    {what} — {who}: {flip.before} → {flip.after}")
    return "\n".join(lines)
