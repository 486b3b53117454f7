"""The engine's evaluation modules, compiled to C with mypyc where a C compiler is at hand.

The modules stay ordinary Python: where compiling is impossible (no C compiler, or
``TRIABLE_PURE_PYTHON=1`` is set), triable installs and runs them as they are, with the
same reports, only more slowly. Everything else about the package is in pyproject.toml.
"""

import os
import shutil
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = Path(__file__).resolve().parent
#: The modules a case's evaluation spends its time in.
COMPILED = ("conditions", "evaluate", "explain", "record", "world")
#: Names the one shared library the compiled modules live in (``engine/native__mypyc``).
GROUP = "triable.engine.native"


def _warn(message: str) -> None:
    print(f"triable: {message}; the engine runs as pure Python (slower).", file=sys.stderr)


def compiled_engine() -> list[Extension]:
    if os.environ.get("TRIABLE_PURE_PYTHON"):
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        _warn("mypyc is not available")
        return []
    # mypyc names a module by the packages around its file, and the engine's folder is
    # mapped to ``triable.engine``: it compiles a copy laid out under the names it is
    # imported by.
    stage = HERE / "build" / "mypyc-src"
    shutil.rmtree(stage, ignore_errors=True)
    shutil.copytree(
        HERE / "engine",
        stage / "triable" / "engine",
        ignore=shutil.ignore_patterns("__pycache__", "*.so", "*.pyd"),
    )
    (stage / "triable" / "__init__.py").write_text("", encoding="utf-8")
    paths = [str(stage / "triable" / "engine" / f"{name}.py") for name in COMPILED]
    try:
        return list(mypycify(paths, opt_level="3", group_name=GROUP))
    except (Exception, SystemExit) as error:  # mypyc reports type errors by exiting
        _warn(f"mypyc could not compile the engine ({error})")
        return []


class OptionalBuildExt(build_ext):
    """Builds the compiled engine, or nothing: a compiler that fails leaves no partial
    set of modules behind (one missing would break the others' import)."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as error:
            for extension in self.extensions:
                built = self.get_ext_fullpath(extension.name)
                if os.path.exists(built):
                    os.remove(built)
            _warn(f"the C compiler failed ({error})")


setup(ext_modules=compiled_engine(), cmdclass={"build_ext": OptionalBuildExt})
