"""Cross-reference checks: findings about rubric and case files, located by YAML path.

Pure: findings name a file and a path inside it; the CLI turns paths into lines. Each
finding code's checks live in the module for what they look at, registered by code
(``registry.rule``); the runners in ``run`` walk the files.
"""

# The check modules register themselves on import, in this order: a part of a file handed
# to several checks gets their findings in it.
from . import parties, facts, expected, case_wide, episodes, record  # noqa: F401, I001
from . import ids, authorities, conditions, claims, coverage, balance  # noqa: F401
from .codes import CODES, WARNINGS
from .registry import Finding, RubricFile, Severity, YamlPath, documentation
from .run import lint_case, lint_coverage, lint_library
from .values import check_value, did_you_mean

__all__ = [
    "CODES",
    "WARNINGS",
    "Finding",
    "RubricFile",
    "Severity",
    "YamlPath",
    "check_value",
    "did_you_mean",
    "documentation",
    "lint_case",
    "lint_coverage",
    "lint_library",
]
