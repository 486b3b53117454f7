"""`triable validate` (being built)."""

import typer


def command() -> None:
    """Not available yet."""
    raise typer.Exit(2)
