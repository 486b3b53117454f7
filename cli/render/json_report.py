"""The JSON report: SPEC section 4, byte-identical for the same input."""

from __future__ import annotations

import json
from collections.abc import Sequence
from enum import Enum
from typing import Any

from pydantic import BaseModel

from triable.engine.model.report import Report


def as_data(value: Any) -> Any:
    """Plain JSON data, field by field in declaration order.

    The same result as ``model_dump(mode="json")``, without building pydantic's
    serializers, which would cost more than the whole evaluation of a case.
    """
    if isinstance(value, BaseModel):
        return {name: as_data(getattr(value, name)) for name in type(value).model_fields}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list | tuple):
        return [as_data(item) for item in value]
    if isinstance(value, dict):
        return {key: as_data(item) for key, item in value.items()}
    return value


def render(reports: Sequence[Report], **_: Any) -> str:
    data: Any = as_data(reports[0]) if len(reports) == 1 else [as_data(r) for r in reports]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
