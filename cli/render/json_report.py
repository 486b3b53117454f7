"""The JSON report: SPEC section 4, byte-identical for the same input."""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import Any

from triable.engine.model.report import Out, Report

try:  # the C encoder json.dumps itself uses, without importing all of json
    from _json import encode_basestring
except ImportError:  # pragma: no cover - an interpreter without the accelerator
    from json.encoder import encode_basestring


def as_data(value: Any) -> Any:
    """Plain JSON data, field by field in declaration order.

    Report parts become objects of their fields, enums their values, tuples lists.
    """
    if isinstance(value, Out):
        return {name: as_data(getattr(value, name)) for name in value.fields}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list | tuple):
        return [as_data(item) for item in value]
    if isinstance(value, dict):
        return {key: as_data(item) for key, item in value.items()}
    return value


def render(reports: Sequence[Report], **_: Any) -> str:
    """``json.dumps(as_data(...), indent=2, ensure_ascii=False)`` and a newline, written in one
    pass: the standard library's indenting encoder alone costs more than evaluating a case."""
    out: list[str] = []
    _write(reports[0] if len(reports) == 1 else list(reports), 0, out, {})
    out.append("\n")
    return "".join(out)


_INDENTS = ["\n" + "  " * level for level in range(64)]


def _write(value: Any, level: int, out: list[str], shared: dict[tuple[int, int], str]) -> None:
    """``shared``: the text of each report part already written, by identity and depth. The
    engine shares parts between claims, defendants and elements, and they never change."""
    if isinstance(value, str):
        out.append(encode_basestring(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, float):
        out.append(_float(value))
    elif isinstance(value, Out):
        key = (id(value), level)
        text = shared.get(key)
        if text is None:
            part: list[str] = []
            fields = ((name, getattr(value, name)) for name in value.fields)
            _write_object(fields, level, part, shared)
            text = shared[key] = "".join(part)
        out.append(text)
    elif isinstance(value, Enum):
        _write(value.value, level, out, shared)
    elif isinstance(value, list | tuple):
        if not value:
            out.append("[]")
            return
        inner = _indent(level + 1)
        out.append("[")
        separator = inner
        for item in value:
            out.append(separator)
            _write(item, level + 1, out, shared)
            separator = "," + inner
        out.append(_indent(level) + "]")
    elif isinstance(value, dict):
        _write_object(value.items(), level, out, shared)
    else:
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _write_object(
    items: Any, level: int, out: list[str], shared: dict[tuple[int, int], str]
) -> None:
    inner = _indent(level + 1)
    separator = inner
    start = len(out)
    out.append("{")
    for key, item in items:
        out.append(separator)
        out.append(encode_basestring(_key(key)))
        out.append(": ")
        _write(item, level + 1, out, shared)
        separator = "," + inner
    if len(out) == start + 1:
        out[start] = "{}"
    else:
        out.append(_indent(level) + "}")


def _indent(level: int) -> str:
    return _INDENTS[level] if level < len(_INDENTS) else "\n" + "  " * level


def _key(key: Any) -> str:
    if isinstance(key, str):
        return key
    if key is True:
        return "true"
    if key is False:
        return "false"
    if key is None:
        return "null"
    if isinstance(key, int):
        return int.__repr__(key)
    if isinstance(key, float):
        return _float(key)
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == float("inf"):
        return "Infinity"
    if value == float("-inf"):
        return "-Infinity"
    return float.__repr__(value)
