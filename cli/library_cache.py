"""The validated rubric library, kept between runs as plain JSON.

Reading and validating the rubric files is most of what a short command does besides
starting Python. A library that loaded cleanly is written to
``$XDG_CACHE_HOME/triable`` (``~/.cache/triable`` by default) and read back on the next
run instead of the files. Nothing read back is ever run: the entry is JSON data, turned
into the same models the files give through a fixed table of model and enum classes.

An entry is used only when all of this holds, and is otherwise ignored without a word
(the files are read as if there were no cache):

- the folder belongs to the user running triable and is closed to everyone else (mode
  0700); triable creates it so, and never loosens or takes over a folder it finds;
- the entry is a regular file of that user, writable by nobody else;
- it was written for exactly this triable (the digest of its source), these versions of
  Python, pydantic and PyYAML, and these rubric files (their names and contents);
- its data is intact (the digest of its content) and decodes into models.

Delete the folder to drop the cache; pointing ``XDG_CACHE_HOME`` at a folder triable may
not use (for example one open to others) turns it off.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import stat
import sys
import tempfile
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from triable.engine.library import Library
from triable.engine.model.base import Period

from .reading import MAX_FILE_BYTES

#: Bumped whenever the layout of an entry changes.
FORMAT = 1
#: No entry for a rubric library comes near this; a bigger file is not one of ours.
MAX_ENTRY_BYTES = 64 * 1024 * 1024
_PRIVATE = 0o700


def folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base, "triable")


def load(rubrics: Path) -> Library:
    """The library of the folder ``rubrics``: from the cache where a usable entry exists,
    else from the files (which may raise their findings), then kept for the next run."""
    from .documents import load_library

    if not _private_folder(folder(), create=True):
        return load_library(rubrics)[0]
    key = _key(rubrics)
    if key is not None:
        found = _read(rubrics, key)
        if found is not None:
            return found
    library, _ = load_library(rubrics)
    # A file changed while it was read: the entry would not match what the key names.
    if key is not None and _key(rubrics) == key:
        _write(rubrics, key, library)
    return library


# --- what an entry is valid for --------------------------------------------------------------


def _key(rubrics: Path) -> str | None:
    """The digest of everything the validated library depends on, or None where a rubric
    file cannot simply be read (the files are then read in full, and report it)."""
    from .documents import rubric_files

    try:
        files, problems = rubric_files(rubrics)
    except Exception:
        return None
    if problems:
        return None
    digest = hashlib.sha256()
    digest.update(_environment().encode())
    digest.update(f"\0{rubrics}\0".encode())
    for path in files:
        content = _small_file(path)
        if content is None:
            return None
        digest.update(f"{path}\0{len(content)}\0".encode())
        digest.update(content)
    return digest.hexdigest()


def _small_file(path: Path) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
                return None
            # Read to its size, not to the bound: a read allocates what it is asked for.
            content = handle.read(info.st_size + 1)
            return content if len(content) == info.st_size else None
    except OSError:
        return None


@cache
def _environment() -> str:
    """This triable, as the size and time of change of each of its source files, and the
    versions of what validates."""
    import pydantic_core
    import yaml

    here = Path(__file__).resolve().parent
    sources = []
    # The engine is the command line's sibling, in a checkout as in an installed package.
    for package in (here, here.parent / "engine"):
        for root, dirs, names in os.walk(package):
            dirs.sort()
            for name in sorted(names):
                if name.endswith(".py"):
                    info = os.stat(os.path.join(root, name))
                    sources.append([root, name, info.st_size, info.st_mtime_ns])
    return json.dumps([FORMAT, sys.version, pydantic_core.__version__, yaml.__version__, sources])


# --- the folder and its entries --------------------------------------------------------------


def _entry(rubrics: Path) -> Path:
    """One entry per rubric folder, replaced when its files change."""
    name = hashlib.sha256(str(rubrics).encode()).hexdigest()[:32]
    return folder() / f"library-{name}.json"


def _private_folder(path: Path, create: bool) -> bool:
    """Whether ``path`` is a folder of this user's that nobody else may use; with
    ``create``, made so where it does not exist yet."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        if not create:
            return False
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            os.mkdir(path, _PRIVATE)
            os.chmod(path, _PRIVATE)  # the mode the umask may have narrowed, never wider
            info = os.lstat(path)
        except OSError:
            return False
    except OSError:
        return False
    return (
        stat.S_ISDIR(info.st_mode)
        and info.st_uid == os.getuid()
        and stat.S_IMODE(info.st_mode) == _PRIVATE
    )


def _read(rubrics: Path, key: str) -> Library | None:
    path = _entry(rubrics)
    if not _private_folder(path.parent, create=False):
        return None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if (
            not stat.S_ISREG(info.st_mode)
            or info.st_uid != os.getuid()
            or info.st_mode & 0o022
            or info.st_size > MAX_ENTRY_BYTES
        ):
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            raw = handle.read(info.st_size + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    header, _, body = raw.partition(b"\n")
    try:
        meta = json.loads(header)
        if meta != {"format": FORMAT, "key": key, "digest": hashlib.sha256(body).hexdigest()}:
            return None
        library = decode_library(body)
    except Exception:  # a damaged entry, whatever the damage, is not used
        return None
    return library


def _write(rubrics: Path, key: str, library: Library) -> None:
    path = _entry(rubrics)
    if not _private_folder(path.parent, create=False):
        return
    try:
        body = json.dumps(encode_library(library), ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError):  # a value this format does not keep: no entry
        return
    data = body.encode()
    header = json.dumps({"format": FORMAT, "key": key, "digest": hashlib.sha256(data).hexdigest()})
    try:
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".library-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(header.encode() + b"\n" + data)
            os.replace(temporary, path)
        except OSError:
            os.unlink(temporary)
    except OSError:
        pass


# --- the library as JSON ---------------------------------------------------------------------
#
# Every JSON object in an entry is one tagged value: a model {"m": class, "f": [[field,
# value], ...], "s": [fields set]}, an enum member {"e": class, "v": value}, a tuple
# {"t": [...]}, a dict {"d": [[key, value], ...]}, a date {"date": "YYYY-MM-DD"}, a
# partial date {"period": [start, end, as written]}, and the library itself
# {"library": [...]}. Lists, text, numbers, booleans and null are themselves.


def _classes() -> dict[str, type]:
    import triable.engine.model.case as case
    import triable.engine.model.conditions as conditions
    import triable.engine.model.rubric as rubric
    import triable.engine.vocab as vocab

    found: dict[str, type] = {}
    for module in (sys.modules[Period.__module__], conditions, rubric, case, vocab):
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and value.__module__ == module.__name__
                and (issubclass(value, BaseModel) or issubclass(value, Enum))
            ):
                found[_name(value)] = value
    return found


def _name(cls: type) -> str:
    return f"{cls.__module__.rsplit('.', 1)[-1]}.{cls.__qualname__}"


def encode_library(library: Library) -> Any:
    return {"library": [_encode(part) for part in library[:-1]] + [_encode(dict(library[-1]))]}


def decode_library(text: str | bytes) -> Library:
    """The library an entry holds; ValueError (or another error) where it holds none."""
    library = json.loads(text, object_hook=_Decoder(_classes()))
    if not isinstance(library, Library):
        raise ValueError("not a library")
    return library


def _encode(value: Any) -> Any:
    if value is None or type(value) in (str, int, float, bool):
        return value
    if isinstance(value, Enum):
        return {"e": _name(type(value)), "v": value.value}
    if isinstance(value, BaseModel):
        return {
            "m": _name(type(value)),
            "f": [[name, _encode(item)] for name, item in value.__dict__.items()],
            "s": sorted(value.model_fields_set),
        }
    if type(value) is list:
        return [_encode(item) for item in value]
    if type(value) is tuple:
        return {"t": [_encode(item) for item in value]}
    if type(value) is dict:
        return {"d": [[_encode(k), _encode(v)] for k, v in value.items()]}
    if type(value) is dt.date:
        return {"date": value.isoformat()}
    if type(value) is Period:
        return {"period": [value.start.isoformat(), value.end.isoformat(), value.written]}
    raise TypeError(f"not kept in the library cache: {type(value).__name__}")


class _Decoder:
    """Each JSON object of an entry, innermost first, as the value it stands for;
    constructing only the classes in ``classes``."""

    def __init__(self, classes: dict[str, type]) -> None:
        self.classes = classes

    def __call__(self, data: dict[str, Any]) -> Any:
        if "m" in data and len(data) == 3:
            cls: Any = self.classes[data["m"]]
            fields = dict(data["f"])
            fields_set = set(data["s"])
            if fields.keys() != cls.__pydantic_fields__.keys() or not fields_set <= fields.keys():
                raise ValueError(f"the fields of {data['m']} differ")
            return cls.model_construct(fields_set, **fields)
        if "e" in data and len(data) == 2:
            cls = self.classes[data["e"]]
            if not issubclass(cls, Enum):
                raise ValueError(f"{data['e']} is not a vocabulary")
            return cls(data["v"])
        if len(data) != 1:
            raise ValueError("not a value of the library cache")
        if "t" in data:
            return tuple(data["t"])
        if "d" in data:
            return dict(data["d"])
        if "date" in data:
            return dt.date.fromisoformat(data["date"])
        if "period" in data:
            start, end, written = data["period"]
            return Period(dt.date.fromisoformat(start), dt.date.fromisoformat(end), written)
        if "library" in data:
            parts = data["library"]
            if len(parts) != len(Library._fields) or not all(
                type(parts[i]) is dict for i in (0, 1, 3, 4, 5)
            ):
                raise ValueError("not a library")
            return Library(*parts)
        raise ValueError("not a value of the library cache")
