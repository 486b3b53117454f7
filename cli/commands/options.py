"""Options several commands share, defined once."""

from __future__ import annotations

from pathlib import Path

import typer

RUBRICS_OPTION: Path | None = typer.Option(
    None,
    "--rubrics",
    help="Folder of rubric files to use instead of the bundled ones.",
    show_default=False,
)
