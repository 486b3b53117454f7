"""The compiled engine (setup.py) reports exactly what the engine's Python source does."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from triable.engine import compiled

ROOT = Path(__file__).resolve().parent.parent

# Evaluates the bundled cases and generated ones with every ``triable.engine`` module
# imported from its source, compiled modules beside it notwithstanding; prints the reports.
REPORTS = """
import importlib.machinery as machinery, json, sys
from pathlib import Path

import triable.engine

class FromSource:
    @staticmethod
    def find_spec(name, path=None, target=None):
        if not name.startswith("triable.engine."):
            return None
        folder = path[0] if path else triable.engine.__path__[0]
        loaders = (machinery.SourceFileLoader, machinery.SOURCE_SUFFIXES)
        return machinery.FileFinder(folder, loaders).find_spec(name)

source = len(sys.argv) > 2
if source:
    sys.meta_path.insert(0, FromSource)
root = Path(sys.argv[1])
sys.path.insert(0, str(root / "bench"))
import generate
from triable.cli.documents import load_document
from triable.cli.render.json_report import render
from triable.engine import compiled
from triable.engine.evaluate import Engine

assert compiled() is not source
library = generate.bundled_library()
engine = Engine(library)
cases = [load_document(p).model for p in sorted((root / "cases").glob("*.yaml"))]
cases += [generate.generate_case(library, n, seed=s, n_defendants=2 + s % 3)
          for s in range(12) for n in (8, 25, 60)]
print(json.dumps([render([engine.evaluate(case)], library=library) for case in cases]))
"""


def _reports(*source: str) -> list[str]:
    run = subprocess.run(
        [sys.executable, "-c", REPORTS, str(ROOT), *source],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    reports: list[str] = json.loads(run.stdout)
    return reports


@pytest.mark.skipif(not compiled(), reason="the engine was installed without compiling it")
def test_the_compiled_engine_reports_what_its_source_does() -> None:
    compiled_reports = _reports()
    source_reports = _reports("source")
    assert len(compiled_reports) == len(source_reports) > 40
    for ours, theirs in zip(compiled_reports, source_reports, strict=True):
        assert ours == theirs
