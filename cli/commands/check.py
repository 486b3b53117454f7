"""`triable check`: the report for one or more case files."""

from __future__ import annotations

from pathlib import Path

import typer

from ..render import Format
from .options import RUBRICS_OPTION


def command(
    cases: list[Path] = typer.Argument(
        ..., help="Case files (YAML) to report on.", show_default=False
    ),
    fmt: Format = typer.Option(
        Format.TEXT,
        "--format",
        "-f",
        help="text for a terminal, markdown for an opinion-style discussion, json for "
        "machines (SPEC section 4), html for one self-contained page with a picture of each "
        "test.",
    ),
    rubrics: Path | None = RUBRICS_OPTION,
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write the report to this file instead of standard output."
    ),
    force: bool = typer.Option(False, "--force", help="Overwrite --output if it exists."),
) -> None:
    """Report, claim by claim and element by element, whether summary judgment is granted.

    Example: triable check cases/ali_v_ramos.yaml --format markdown
    """
    from triable.engine.errors import InvalidDocument, TriableError

    from .. import session
    from ..output import write_output
    from ..render import renderer

    engine = session.engine(rubrics)
    reports = []
    findings: list[TriableError] = []
    for path in cases:
        # A bad case is reported beside the others' reports, never instead of them.
        try:
            reports.append(engine.evaluate(session.case(path, engine.library)))
        except InvalidDocument as exc:
            findings += exc.findings
        except TriableError as exc:
            findings.append(exc)
    if not reports:
        raise InvalidDocument(findings)
    options = {"colour": False} if fmt is Format.TEXT and output is not None else {}
    text = renderer(fmt)(reports, library=engine.library, **options)
    inputs = session.inputs(cases, rubrics) if output is not None else []
    write_output(text, output, force=force, inputs=inputs)
    if findings:
        raise InvalidDocument(findings)
