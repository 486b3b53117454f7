"""The YAML files under a folder, and what in it could not be looked at.

A sub-folder that cannot be listed, or a link that loops or leads nowhere, would otherwise
drop files from a run without a word; each is a finding beside the files that were found.
Links to folders are not followed (a link back to a parent would never end), as
``Path.rglob`` does not follow them.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import NamedTuple

from triable.engine.errors import Location, TriableError, UnusableInput


class Listing(NamedTuple):
    files: list[Path]
    problems: list[TriableError]


def yaml_files(
    folder: Path, suffixes: tuple[str, ...] = (".yaml",), *, skip_hidden: bool = False
) -> Listing:
    files: list[Path] = []
    problems: list[TriableError] = []

    def unlisted(exc: OSError) -> None:
        problems.append(_problem(exc, str(exc.filename or folder), "folder"))

    for root, dirs, names in os.walk(folder, onerror=unlisted):
        if skip_hidden:
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            names = [n for n in names if not n.startswith(".")]
        for name in names:
            if not name.endswith(suffixes):
                continue
            path = Path(root, name)
            if os.path.islink(path):
                try:
                    os.stat(path)
                except OSError as exc:
                    problems.append(_problem(exc, str(path), "file"))
                    continue
                if os.path.isdir(path):
                    continue
            files.append(path)
    problems.sort(key=lambda p: p.where.path if p.where else "")
    return Listing(sorted(files), problems)


def _problem(exc: OSError, shown: str, what: str) -> UnusableInput:
    if exc.errno == errno.ELOOP:
        reason = "is a symbolic link that leads back to itself (a loop); remove or fix it"
        return UnusableInput("F003", f"cannot be read: {reason}", Location(shown))
    if exc.errno == errno.ENOENT:
        return UnusableInput(
            "F001", "is a symbolic link to nothing; remove it or fix its target", Location(shown)
        )
    if isinstance(exc, PermissionError):
        reason = f"this {what} cannot be read (permission denied); its files were not checked"
        return UnusableInput("F003", reason, Location(shown))
    return UnusableInput(
        "F003", f"this {what} cannot be read: {exc.strerror or exc}", Location(shown)
    )
