"""The JSON report: SPEC section 4, byte-identical for the same input."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from triable.engine.model.report import Report


def as_data(report: Report) -> dict[str, Any]:
    return report.model_dump(mode="json")


def render(reports: Sequence[Report]) -> str:
    data: Any = as_data(reports[0]) if len(reports) == 1 else [as_data(r) for r in reports]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
