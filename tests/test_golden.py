"""Every bundled case's reports, byte for byte as reviewed and kept in tests/golden/.

A golden file changes only with a deliberate change to the law, the engine or a renderer:
regenerate them with `python tests/test_golden.py`, and read the diff before committing it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from triable.cli.app import main

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
CASES = sorted((ROOT / "cases").glob("*.yaml"))
FORMATS = ("json", "markdown", "text")


def _report(case: Path, fmt: str, folder: Path) -> bytes:
    written = folder / f"{case.stem}.{fmt}"
    code = main(["check", str(case), "--format", fmt, "-o", str(written)])
    assert code == 0, f"triable check {case.name} --format {fmt} exited {code}"
    return written.read_bytes()


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_report_matches_its_golden_file(case: Path, fmt: str, tmp_path: Path) -> None:
    golden = GOLDEN / f"{case.stem}.{fmt}"
    assert golden.exists(), f"no golden file {golden.name}: run `python {__file__}`"
    assert _report(case, fmt, tmp_path) == golden.read_bytes()


def test_every_golden_file_belongs_to_a_bundled_case() -> None:
    expected = {f"{case.stem}.{fmt}" for case in CASES for fmt in FORMATS}
    assert {p.name for p in GOLDEN.iterdir()} == expected


if __name__ == "__main__":
    GOLDEN.mkdir(exist_ok=True)
    for stale in GOLDEN.iterdir():
        stale.unlink()
    for case in CASES:
        for fmt in FORMATS:
            _report(case, fmt, GOLDEN)
    sys.exit(0)
