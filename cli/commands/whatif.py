"""`triable whatif`: change one thing in a case and see what comes out differently."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from .options import RUBRICS_OPTION

if TYPE_CHECKING:
    from triable.engine.whatif import Change


class Format(StrEnum):
    """Output of the student verbs: text for reading, json for tools."""

    TEXT = "text"
    JSON = "json"


def command(
    case: Path = typer.Argument(..., help="The case file (YAML).", show_default=False),
    sets: list[str] = typer.Option(
        [],
        "--set",
        metavar="[EPISODE.]ATTR=VALUE",
        help="Suppose ATTR is VALUE, undisputed (true/false, a number, a level, a comma "
        "list of party ids, or PARTY:VALUE,PARTY:VALUE for each person); every fact's own "
        "version of ATTR is dropped. EPISODE.ATTR sets it in that episode alone.",
    ),
    drops: list[str] = typer.Option(
        [], "--drop", metavar="FACT", help="Suppose the record did not hold this fact."
    ),
    credits: list[str] = typer.Option(
        [],
        "--credit",
        metavar="SIDE:FACT",
        help="Believe this fact of SIDE (plaintiff or defendants): it becomes undisputed, and "
        "the other side's versions of what it establishes are set aside.",
    ),
    deem_admitted: bool = typer.Option(
        False,
        "--deem-admitted",
        help="Suppose the non-movant did not comply with the local rule on statements of "
        "material facts and the court deems the movant's statement admitted, paragraph by "
        "paragraph as far as the record each cites supports it.",
    ),
    rubrics: Path | None = RUBRICS_OPTION,
    fmt: Format = typer.Option(Format.TEXT, "--format", "-f", help="text or json."),
) -> None:
    """Before and after: every claim, element, factor and defense a change would alter.

    Edits apply in the order --set, --drop, --credit, --deem-admitted.

    Example: triable whatif cases/ali_v_ramos.yaml --set force_single_quick_act=true

    In a case decided episode by episode: triable whatif cases/tracy_v_freshwater.yaml
    --set pepper_spray.plaintiff_resistance=active
    """
    import json

    from triable.engine.errors import UsageError
    from triable.engine.whatif import (
        DeemAdmitted,
        DropFact,
        Edit,
        apply_edits,
        describe,
        diff_reports,
        parse_assignment,
        parse_credit,
    )

    from .. import session
    from ..render.json_report import as_data

    engine = session.engine(rubrics)
    original = session.case(case, engine.library)
    parties = [*original.defendants, *original.non_parties]
    edits: list[Edit] = [parse_assignment(engine.library, s, parties, original) for s in sets or []]
    edits += [DropFact(d.strip()) for d in drops or []]
    edits += [parse_credit(original, c) for c in credits or []]
    if deem_admitted:
        edits.append(DeemAdmitted())
    if not edits:
        raise UsageError(
            "U007", "nothing to change: give --set, --drop, --credit or --deem-admitted"
        )
    descriptions = []
    changed = original
    for edit in edits:
        # Each edit is described against the case it applies to, so a cite is still there.
        next_case = apply_edits(changed, engine.library, [edit])
        descriptions.append(describe(edit, changed, engine.library))
        changed = next_case
    changes = diff_reports(engine.evaluate(original), engine.evaluate(changed))
    if fmt is Format.JSON:
        data = {
            "whatif_version": 1,
            "case": original.caption,
            "edits": descriptions,
            "changed": bool(changes),
            "changes": [as_data(c) for c in changes],
        }
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    typer.echo(render_text(original.caption, descriptions, changes))


def render_text(caption: str, descriptions: list[str], changes: list[Change]) -> str:
    lines = [f"What if, in {caption}:"]
    lines += [f"  - {d}" for d in descriptions]
    lines.append("")
    if not changes:
        lines.append(
            "Nothing changes: every claim, element, factor and defense comes out as before."
        )
        return "\n".join(lines)
    heading = None
    for change in changes:
        if change.kind in ("rule_56_1", "set_aside"):
            what = (
                "Statement of material facts"
                if change.kind == "rule_56_1"
                else f"fact {change.item}"
            )
            lines.append(f"{what}: {_arrow(change)}")
            lines.append(f"    {change.explanation}")
            continue
        if change.kind in ("defense", "prong"):
            group = f"{change.defense_name} — {change.defendant_name}, on {change.claim_name}"
        else:
            group = f"{change.claim_name} — {change.defendant_name}"
        if change.episode:
            group += f" — as to {change.episode}"
        if group != heading:
            heading = group
            lines += ["", group]
        if change.kind in ("claim", "defense"):
            lines.append(f"  outcome: {_arrow(change)}")
        else:
            lines.append(f"  {change.kind} {change.label}: {_arrow(change)}")
        lines.append(f"    why: {change.explanation}")
        if change.disputes_appeared:
            lines.append(f"    material disputes now: {', '.join(change.disputes_appeared)}")
        if change.disputes_resolved:
            lines.append(f"    material disputes gone: {', '.join(change.disputes_resolved)}")
    n = len(changes)
    lines += ["", f"{n} change{'s' if n != 1 else ''}."]
    return "\n".join(lines)


def _arrow(change: Change) -> str:
    return f"{change.before or '(none)'} → {change.after or '(none)'}"
