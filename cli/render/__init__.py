"""Report renderers, chosen by name; each module is imported only when used."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum
from importlib import import_module

from triable.engine.model.report import Report


class Format(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"
    HTML = "html"


_MODULES = {
    Format.TEXT: "text",
    Format.MARKDOWN: "markdown",
    Format.JSON: "json_report",
    Format.HTML: "html",
}


def renderer(fmt: Format) -> Callable[[Sequence[Report]], str]:
    """The function that renders reports in ``fmt``: ``render(reports) -> str``."""
    module = import_module(f"{__name__}.{_MODULES[fmt]}")
    return module.render  # type: ignore[no-any-return]
