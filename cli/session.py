"""Loading what a command works on: the rubric library and case files, checked."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pydantic_core

from triable.engine.errors import InvalidDocument, TriableError
from triable.engine.library import Library
from triable.engine.lint import lint_case
from triable.engine.model.case import Case

from .documents import Loaded, load_document, load_library, locate_findings

if TYPE_CHECKING:
    from triable.engine.evaluate import Engine


def library(rubrics: Path | None) -> Library:
    """The rubric library, from the cache when no rubric file has changed."""
    from . import cache
    from .documents import default_rubrics

    folder = rubrics or default_rubrics()
    # The library is pickled pydantic models: another pydantic may not read them back alike.
    entry = cache.key(
        "library", cache.rubric_files(folder), str(folder.resolve()), pydantic_core.__version__
    )
    cached = cache.load(entry)
    if isinstance(cached, Library):
        return cached
    loaded_library, _ = load_library(rubrics)
    cache.store(entry, loaded_library)
    return loaded_library


def engine(rubrics: Path | None) -> Engine:
    """An engine for the rubric library, given the conditions compiled on earlier runs;
    ``keep_compiled`` keeps what it compiles for the next."""
    from triable.engine.evaluate import Engine

    from .cache import CodeStore

    return Engine(library(rubrics), CodeStore())


def keep_compiled(engine: Engine) -> None:
    from .cache import CodeStore

    if isinstance(engine.compiler.code, CodeStore):
        engine.compiler.code.save()


def case(path: Path, library: Library) -> Case:
    """A case file, refused with its findings if it does not fit the library."""
    loaded: Loaded = load_document(path, {"case"})
    errors = [
        f for f in lint_case(loaded.model, library, loaded.source.path) if f.severity == "error"
    ]
    findings: list[TriableError] = locate_findings(errors, {loaded.source.path: loaded.source})
    if findings:
        raise InvalidDocument(findings)
    return loaded.model
