"""Loading what a command works on: the rubric library and case files, checked."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from triable.engine.errors import InvalidDocument, TriableError
from triable.engine.library import Library
from triable.engine.lint import lint_case
from triable.engine.model.case import Case

from .documents import Loaded, load_document, locate_findings

if TYPE_CHECKING:
    from triable.engine.evaluate import Engine


def inputs(cases: Iterable[Path], rubrics: Path | None) -> list[Path]:
    """Every file a command reads: no output may be written over one of them."""
    from .documents import default_rubrics, rubric_files

    try:
        rubric_paths = rubric_files(rubrics or default_rubrics()).files
    except TriableError:
        rubric_paths = []
    return [*cases, *rubric_paths]


def library(rubrics: Path | None) -> Library:
    """The rubric library: the bundled one, or the folder ``rubrics``."""
    from . import library_cache
    from .documents import default_rubrics

    return library_cache.load(rubrics or default_rubrics())


def engine(rubrics: Path | None) -> Engine:
    from triable.engine.evaluate import Engine

    return Engine(library(rubrics))


def case(path: Path, library: Library) -> Case:
    """A case file, refused with its findings if it does not fit the library."""
    loaded: Loaded = load_document(path, {"case"})
    found = lint_case(loaded.model, library, loaded.source.path)
    errors = [f for f in found if f.severity == "error"]
    sources = {loaded.source.path: loaded.source}
    findings: list[TriableError] = locate_findings(errors, sources)
    if findings:
        raise InvalidDocument(findings)
    for code in _NOTED:
        _note_placeholders(locate_findings([f for f in found if f.code == code], sources))
    return loaded.model


#: Warnings a report is read with: the case is unfinished (R022), or the engine weighed
#: only part of what it leaves open (R023).
_NOTED = ("R022", "R023")


def _note_placeholders(placeholders: list[TriableError]) -> None:
    """One line on standard error: the report stands, but read it with this in mind."""
    if not placeholders:
        return
    import typer

    first = placeholders[0]
    more = f" (and {len(placeholders) - 1} more)" if len(placeholders) > 1 else ""
    typer.echo(f"{first.where}: {first.code} warning: {first.message}{more}", err=True)
