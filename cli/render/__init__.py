"""Report renderers, chosen by name; each module is imported only when used."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from importlib import import_module


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


def renderer(fmt: Format) -> Callable[..., str]:
    """The function that renders reports in ``fmt``: ``render(reports, library=...) -> str``."""
    module = import_module(f"{__name__}.{_MODULES[fmt]}")
    return module.render  # type: ignore[no-any-return]
