"""Writing results: to standard output, or atomically to a file that is never clobbered."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from triable.engine.errors import Location, UsageError


def write_output(text: str, path: Path | None, *, force: bool = False) -> None:
    if path is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    write_file(path, text, force=force)


def write_file(path: Path, text: str, *, force: bool = False) -> None:
    """Write ``text`` to ``path`` atomically; refuse to replace a file unless ``force``."""
    if path.is_dir():
        raise UsageError("F002", "is a folder; name a file to write", Location(str(path)))
    if path.exists() and not force:
        raise UsageError(
            "W001", "already exists; pass --force to overwrite it", Location(str(path))
        )
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise UsageError("W002", "its folder does not exist", Location(str(path)))
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
    try:
        # mkstemp creates the file 0600; a written report gets the mode any tool's would.
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    """The process's umask (read by setting it, the only portable way, and restoring it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
