"""`triable check`: the report for one or more case files."""

from __future__ import annotations

from pathlib import Path

import typer

from ..output import write_output
from ..render import Format, renderer
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
    from .. import cache

    # A terminal report depends on the terminal, so only the file formats are cached.
    entry = None
    if fmt is not Format.TEXT:
        rubric_folder = rubrics if rubrics is not None else _bundled_rubrics()
        files = [*cases, *cache.rubric_files(rubric_folder)]
        entry = cache.key("report", files, fmt.value, str(rubric_folder.resolve()))
        text = cache.load(entry)
        if isinstance(text, str):
            write_output(text, output, force=force)
            return

    from triable.engine.evaluate import Engine

    from .. import session

    engine = Engine(session.library(rubrics))
    reports = [engine.evaluate(session.case(path, engine.library)) for path in cases]
    text = renderer(fmt)(reports, library=engine.library)
    cache.store(entry, text)
    write_output(text, output, force=force)


def _bundled_rubrics() -> Path:
    import triable.rubrics

    return Path(triable.rubrics.__file__).parent
