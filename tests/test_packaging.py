"""`pip install .` ships every module under `triable.` and the bundled rubrics."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAPPED = {"engine": "triable/engine", "cli": "triable/cli", "rubrics": "triable/rubrics"}


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    out = tmp_path_factory.mktemp("wheel")
    # Built with the setuptools the test extra installs, rather than one pip would fetch
    # into an isolated build environment: the tests install nothing.
    build = subprocess.run(
        [
            *(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"),
            *("--quiet", "-w", str(out), str(ROOT)),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if build.returncode != 0:
        pytest.fail(f"building the wheel failed:\n{build.stderr}")
    [wheel] = out.glob("triable-*.whl")
    # Pure Python: installing needs no compiler, on any platform.
    assert wheel.name.endswith("-py3-none-any.whl"), wheel.name
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def test_every_source_module_and_rubric_is_in_the_wheel(wheel_names: set[str]) -> None:
    expected = {
        f"{MAPPED[top]}/{path.relative_to(ROOT / top).as_posix()}"
        for top in MAPPED
        for path in (ROOT / top).rglob("*")
        if path.suffix in {".py", ".yaml", ".j2", ".html", ".css"}
        and "__pycache__" not in path.parts
    }
    assert expected, "nothing to check"
    missing = sorted(expected - wheel_names)
    assert not missing, f"not shipped: {missing}"


def test_no_bare_generic_import_names_are_installed(wheel_names: set[str]) -> None:
    top_levels = {name.split("/")[0] for name in wheel_names if not name.startswith("triable-")}
    assert top_levels == {"triable"}
