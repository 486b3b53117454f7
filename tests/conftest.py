"""Test-wide settings: every test reads and writes its own cache, never the user's."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRIABLE_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
