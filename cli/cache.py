"""A content-addressed cache, so re-checking files that have not changed costs nothing.

Keys cover everything an answer depends on: the bytes of every input file and of every
rubric, and the size and modification time of triable's own code. A stale entry can only
be found under a key that no longer occurs. The cache is an optimisation: any problem
reading or writing it is ignored, and ``TRIABLE_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import marshal
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from types import CodeType
from typing import Any

try:  # the C pickler alone: pickle.py's pure-Python half costs a timed check 2 ms to import
    from _pickle import dumps, loads
except ImportError:  # pragma: no cover - an interpreter without the accelerator
    from pickle import dumps, loads

FORMAT_VERSION = b"triable-cache-2"
#: Compiled conditions kept, at most (a library has a few dozen); past it only those a run
#: compiled are kept, so that loading the store stays cheap.
MAX_STORED_CODE = 500


def directory() -> Path | None:
    if os.environ.get("TRIABLE_NO_CACHE"):
        return None
    explicit = os.environ.get("TRIABLE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "triable"


def _code_roots() -> list[str]:
    import triable.cli
    import triable.engine

    return [os.path.dirname(triable.engine.__file__), os.path.dirname(triable.cli.__file__)]


def _walk(root: str | Path) -> list[str]:
    """Every file under ``root`` but compiled code, as sorted path strings (a check on
    every save walks triable's code and the rubrics: Path objects would double its cost)."""
    found: list[str] = []
    stack = [os.fspath(root)]
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.is_dir() and entry.name != "__pycache__":
                    stack.append(entry.path)
                elif entry.is_file():
                    found.append(entry.path)
    found.sort()
    return found


@functools.cache
def _code_digest() -> bytes | None:
    """What identifies triable's own code and the interpreter running it (entries hold
    pickled objects and compiled code); computed once a run, as several keys need it."""
    digest = hashlib.sha256(FORMAT_VERSION)
    digest.update(sys.version.encode() + b"\0")
    try:
        for root in _code_roots():
            for path in _walk(root):
                stat = os.stat(path)
                digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    except OSError:
        return None
    return digest.digest()


def key(kind: str, files: Iterable[str | Path], *extra: str) -> str | None:
    """A key for ``kind`` computed from file contents, or None if a file cannot be read."""
    code = _code_digest()
    if code is None:
        return None
    digest = hashlib.sha256(code + kind.encode())
    try:
        for path in files:
            with open(path, "rb") as handle:
                digest.update(os.fsencode(path) + b"\0" + handle.read() + b"\0")
    except OSError:
        return None
    for part in extra:
        digest.update(part.encode() + b"\0")
    return digest.hexdigest()


def rubric_files(folder: Path) -> list[str]:
    return [p for p in _walk(folder) if p.endswith(".yaml")] if folder.is_dir() else []


def load(entry: str | None) -> Any:
    folder = directory()
    if entry is None or folder is None:
        return None
    try:
        return loads((folder / entry).read_bytes())
    except Exception:  # a missing, partial or foreign entry is simply a miss
        return None


def store(entry: str | None, value: Any) -> None:
    folder = directory()
    if entry is None or folder is None:
        return
    # Written beside the entry under a name no other process uses, then renamed over it, so
    # a reader never sees half an entry (without tempfile, whose import a timed check pays).
    tmp = folder / f".{entry}.{os.getpid()}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(dumps(value, -1))  # -1: the highest protocol
        os.replace(tmp, folder / entry)
    except Exception:
        with contextlib.suppress(OSError):
            tmp.unlink()


class CodeStore(dict[str, CodeType]):
    """Compiled conditions kept between runs, as Python keeps compiled modules: compiling
    a library's conditions costs a check more than evaluating its case."""

    def __init__(self) -> None:
        self.entry = key("conditions", [])
        stored = load(self.entry)
        super().__init__()
        if isinstance(stored, dict):
            with contextlib.suppress(Exception):  # a foreign entry is simply a miss
                self.update((source, marshal.loads(code)) for source, code in stored.items())
        self.loaded = frozenset(self)

    def save(self) -> None:
        """Store what was compiled since loading, if anything was."""
        if len(self) == len(self.loaded):
            return
        kept = self.items()
        if len(self) > MAX_STORED_CODE:
            kept = {s: c for s, c in self.items() if s not in self.loaded}.items()
        store(self.entry, {source: marshal.dumps(code) for source, code in kept})
