"""A case file read as far as it validates, so that a schema error in one part does not
hide the cross-reference findings in the others."""

from __future__ import annotations

from functools import cache
from typing import Any, get_args, get_origin

from pydantic import TypeAdapter, ValidationError

from triable.engine.model.case import Case

#: The parts a case's references are looked up in: without one, every reference into it
#: would seem unknown, so the case is not checked further.
_LOOKED_UP = frozenset({"defendants", "claims", "facts"})


class _Broken:
    pass


_BROKEN = _Broken()


def partial_case(data: dict[str, Any]) -> Case | None:
    """The case with None wherever a part did not validate: a top-level value, an entry of
    a mapping (its id kept), or an item of a list (the others keeping their places). None
    when a part that references are looked up in is missing or not even a mapping or list."""
    values: dict[str, Any] = {}
    for name, field in Case.model_fields.items():
        key = field.alias or name
        if key in data:
            value = _part(name, data[key])
        elif field.is_required():
            value = _BROKEN
        else:
            value = field.get_default(call_default_factory=True)
        if value is _BROKEN:
            if name in _LOOKED_UP:
                return None
            value = None
        values[name] = value
    return Case.model_construct(**values)


def _part(name: str, raw: Any) -> Any:
    try:
        return _adapter(name).validate_python(raw)
    except ValidationError:
        pass
    annotation = Case.model_fields[name].annotation
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is dict and isinstance(raw, dict):
        return {k: _valid_or_none(args[1], v) for k, v in raw.items()}
    if origin is list and isinstance(raw, list):
        return [_valid_or_none(args[0], v) for v in raw]
    return _BROKEN


@cache
def _adapter(name: str) -> TypeAdapter[Any]:
    return TypeAdapter(Case.model_fields[name].annotation)


def _valid_or_none(kind: Any, raw: Any) -> Any:
    try:
        return _item_adapter(kind).validate_python(raw)
    except ValidationError:
        return None


@cache
def _item_adapter(kind: Any) -> TypeAdapter[Any]:
    return TypeAdapter(kind)
