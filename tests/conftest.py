"""Test-wide settings: no test reads or writes anything under the user's home.

Each test has a home of its own; the cache folder is one per test run, outside the home,
so that the rubric library is validated once and not again for every test that loads it.
Commands run in their own process keep their bytecode for the run, outside the checkout,
as an installed triable's is kept, rather than compiling every module on every run.
"""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def _run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("run")


@pytest.fixture(autouse=True)
def _private_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, _run_folder: Path
) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(_run_folder / "cache"))
    monkeypatch.setenv("PYTHONPYCACHEPREFIX", str(_run_folder / "bytecode"))
    monkeypatch.delenv("PYTHONDONTWRITEBYTECODE", raising=False)
