"""Reading a rubric or case file's bytes, never more than the size bound, whatever it is.

A regular file is refused on its size before anything is read. Pipes are read too, under
the same bound, because a shell's ``<(…)`` and ``/dev/stdin`` are pipes; ``-`` is
standard input. Devices and sockets are refused: none of them holds a file.

A named pipe is opened without blocking, so that one with nothing writing to it is a
finding instead of a hang: its first read says whether a writer holds it (no data yet,
so the rest is read blocking) or not (the end of the file straight away, and a finding).
A writer that holds a pipe open and never writes keeps triable waiting, as it would keep
any reader of standard input waiting.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path

from triable.engine.errors import Location, UnusableInput

MAX_FILE_BYTES = 8 * 1024 * 1024
STDIN = "-"
STDIN_NAME = "<stdin>"
_CHUNK = 1024 * 1024

_NOT_A_FILE = {
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}


def source_name(path: Path | str) -> str:
    """How findings name a file: its path, or ``<stdin>`` for ``-``."""
    return STDIN_NAME if str(path) == STDIN else str(path)


def read_text(path: Path) -> str:
    """The file's text, or an UnusableInput naming what is wrong and what to do."""
    shown = source_name(path)
    if str(path) == STDIN:
        return decode(_read_stdin(), shown)
    fd = _open(path, shown)
    try:
        return decode(_read_open(fd, shown), shown)
    finally:
        os.close(fd)


def _open(path: Path, shown: str) -> int:
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        return os.open(path, flags)
    except FileNotFoundError:
        raise UnusableInput("F001", "no such file; check the path", Location(shown)) from None
    except IsADirectoryError:
        raise _folder(shown) from None
    except OSError as exc:
        raise _unreadable(exc, shown) from None


def _read_open(fd: int, shown: str) -> bytes:
    info = os.fstat(fd)
    kind = stat.S_IFMT(info.st_mode)
    if kind == stat.S_IFDIR:
        raise _folder(shown)
    if kind in _NOT_A_FILE:
        raise UnusableInput(
            "F003",
            f"is {_NOT_A_FILE[kind]}, not a file; name a .yaml file",
            Location(shown),
        )
    if kind == stat.S_IFREG:
        if info.st_size > MAX_FILE_BYTES:
            raise _too_big(shown, info.st_size)
        os.set_blocking(fd, True)
        return _bounded(fd, shown)
    try:
        first = os.read(fd, _CHUNK)
    except BlockingIOError:
        first = None  # a writer holds the pipe and has written nothing yet
    except OSError as exc:
        raise _unreadable(exc, shown) from None
    if first == b"":
        raise UnusableInput(
            "F003",
            "is a pipe that ended before anything was written to it; start what writes it "
            "first, "
            "or name a .yaml file",
            Location(shown),
        )
    os.set_blocking(fd, True)
    return _bounded(fd, shown, first or b"")


def _read_stdin() -> bytes:
    stream = sys.stdin
    if stream is None:
        return b""
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):
        data = stream.buffer.read(MAX_FILE_BYTES + 1) if hasattr(stream, "buffer") else b""
        if len(data) > MAX_FILE_BYTES:
            raise _too_big(STDIN_NAME, None) from None
        return data
    return _bounded(fd, STDIN_NAME)


def _bounded(fd: int, shown: str, first: bytes = b"") -> bytes:
    """At most the bound plus one byte: one more than the bound is enough to refuse."""
    data = bytearray(first)
    try:
        while len(data) <= MAX_FILE_BYTES:
            chunk = os.read(fd, min(_CHUNK, MAX_FILE_BYTES + 1 - len(data)))
            if not chunk:
                break
            data += chunk
    except OSError as exc:
        raise _unreadable(exc, shown) from None
    if len(data) > MAX_FILE_BYTES:
        raise _too_big(shown, None)
    return bytes(data)


def _folder(shown: str) -> UnusableInput:
    return UnusableInput(
        "F002", "is a folder, not a file; name a .yaml file inside it", Location(shown)
    )


def _too_big(shown: str, size: int | None) -> UnusableInput:
    limit = MAX_FILE_BYTES // 1_048_576
    said = f"is {size / 1_048_576:.1f} MB" if size is not None else f"holds more than {limit} MB"
    return UnusableInput(
        "F004",
        f"file {said}; triable reads rubric and case files up to {limit} MB — split it into "
        "smaller files",
        Location(shown),
    )


def _unreadable(exc: OSError, shown: str) -> UnusableInput:
    if isinstance(exc, PermissionError):
        reason = "cannot be read (permission denied); check its permissions"
    elif exc.errno == errno.ELOOP:
        reason = "cannot be read: it is a symbolic link that leads back to itself (a loop)"
    elif exc.errno == errno.ENXIO:
        reason = "cannot be read: it is a socket or a device with nothing behind it"
    else:
        reason = f"cannot be read: {exc.strerror or exc}"
    return UnusableInput("F003", reason, Location(shown))


def decode(raw: bytes, shown: str) -> str:
    if b"\x00" in raw:
        before = raw[: raw.index(b"\x00")]
        line = before.count(b"\n") + 1
        col = len(before) - before.rfind(b"\n")
        raise UnusableInput(
            "F005",
            "is a binary file, not YAML text (it holds a NUL byte); name a .yaml text file",
            Location(shown, line, col),
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise UnusableInput(
            "F005",
            f"is not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8",
            Location(shown, line, col),
        ) from None
    return text
