"""Nothing read from a file is ever run: the shipped package neither unpickles, unmarshals,
compiles nor evaluates anything."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN_MODULES = {"pickle", "marshal", "cPickle", "_pickle", "dill", "shelve"}
FORBIDDEN_BUILTINS = {"exec", "eval", "compile", "__import__"}


def _shipped() -> list[Path]:
    return sorted(p for folder in ("engine", "cli") for p in (ROOT / folder).rglob("*.py"))


def _uses(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.split(".")[0] in FORBIDDEN_MODULES]
        elif isinstance(node, ast.ImportFrom):
            module = (node.module or "").split(".")[0]
            if module in FORBIDDEN_MODULES:
                found.append(module)
            if module == "builtins":
                found += [a.name for a in node.names if a.name in FORBIDDEN_BUILTINS]
        elif isinstance(node, ast.Name) and node.id in FORBIDDEN_BUILTINS | FORBIDDEN_MODULES:
            found.append(node.id)
        elif (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "builtins"
            and node.attr in FORBIDDEN_BUILTINS
        ):
            found.append(f"builtins.{node.attr}")
    return found


def test_the_package_has_sources_to_check() -> None:
    assert len(_shipped()) > 20


@pytest.mark.parametrize("path", _shipped(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_shipped_module_runs_code_it_did_not_ship(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    assert _uses(tree) == [], path


@pytest.mark.parametrize(
    ("source", "flagged"),
    [
        ("import pickle", True),
        ("from marshal import loads", True),
        ("exec('1')", True),
        ("x = eval", True),
        ("compile('1', 'f', 'eval')", True),
        ("import builtins\nbuiltins.exec('1')", True),
        ("import re\nre.compile('a')", False),
        ("pattern.compile()", False),
    ],
)
def test_the_check_tells_running_code_from_a_regular_expression(source: str, flagged: bool) -> None:
    assert bool(_uses(ast.parse(source))) is flagged
