"""The JSON report: SPEC section 4, byte-identical for the same input."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import fields
from enum import Enum
from functools import cache
from typing import Any

from triable.engine.model.report import Out, Report


def as_data(value: Any) -> Any:
    """Plain JSON data, field by field in declaration order.

    Report parts become objects of their fields, enums their values, tuples lists.
    """
    if isinstance(value, Out):
        data = {}
        for name, omit_empty in _fields(type(value)):  # type: ignore[arg-type]
            item = getattr(value, name)
            if not (omit_empty and not item):
                data[name] = as_data(item)
        return data
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list | tuple):
        return [as_data(item) for item in value]
    if isinstance(value, dict):
        return {key: as_data(item) for key, item in value.items()}
    return value


@cache
def _fields(cls: type[Out]) -> tuple[tuple[str, bool], ...]:
    """A report part's fields in order, and whether each is left out while empty."""
    return tuple((f.name, bool(f.metadata.get("omit_empty"))) for f in fields(cls))


def render(reports: Sequence[Report], **_: Any) -> str:
    data = as_data(reports[0] if len(reports) == 1 else list(reports))
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
