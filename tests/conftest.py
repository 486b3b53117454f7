"""Test-wide settings: every test reads and writes its own cache, never the user's; and no
test runs a compiled engine older than its source."""

from __future__ import annotations

from pathlib import Path

import pytest


def pytest_sessionstart(session: pytest.Session) -> None:
    import triable.engine

    folder = Path(triable.engine.__file__).parent
    built = [p.stat().st_mtime for p in folder.iterdir() if p.suffix in {".so", ".pyd"}]
    if not built:
        return  # the engine runs from source
    changed = sorted(
        str(p.relative_to(folder.parent))
        for p in folder.rglob("*.py")
        if p.stat().st_mtime > min(built)
    )
    if changed:
        pytest.exit(
            f"the compiled engine is older than {', '.join(changed)}: run `make test`, "
            "which compiles it again before testing",
            returncode=2,
        )


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRIABLE_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
