"""`triable rubric` (being built)."""

import typer

app = typer.Typer(help="List the legal tests, or show one as an outline.")
