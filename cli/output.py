"""Writing results: to standard output, or to a file that is never clobbered by accident.

A new file is written whole under a temporary name and then linked to its own name, which
fails if the name exists: of several runs writing the same file, one wins and the others
are told. ``--force`` renames over the old file instead. A device or a pipe named with
``--force`` (``/dev/null``, a FIFO) is written into, never replaced by a file. No file is
ever written over one this run reads.
"""

from __future__ import annotations

import errno
import os
import signal
import stat
import sys
import tempfile
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from triable.engine.errors import Location, UsageError

_HELD = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
#: Where a hard link cannot be made; the file is then created exclusively and written.
_NO_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EMLINK, errno.ENOSYS}


def write_output(
    text: str, path: Path | None, *, force: bool = False, inputs: Iterable[Path] = ()
) -> None:
    if path is None:
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise _cannot_write(exc, "<stdout>") from None
        return
    write_file(path, text, force=force, inputs=inputs)


def write_file(path: Path, text: str, *, force: bool = False, inputs: Iterable[Path] = ()) -> None:
    """Write ``text`` to ``path``; refuse to replace a file unless ``force``, and refuse to
    replace one of ``inputs`` at all."""
    shown = str(path)
    try:
        info: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise _cannot_write(exc, shown) from None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise UsageError("F002", "is a folder; name a file to write", Location(shown))
        if _is_one_of(info, inputs):
            raise UsageError(
                "W003",
                "is one of the files this command reads; name another file to write "
                "(--force does not overwrite an input)",
                Location(shown),
            )
        if not force:
            raise UsageError(
                "W001", "already exists; pass --force to overwrite it", Location(shown)
            )
        if stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode):
            _write_into(path, text.encode("utf-8"), shown)
            return
        if not stat.S_ISREG(info.st_mode):
            raise UsageError(
                "W005",
                "is not a regular file (a socket or a block device); name a file to write",
                Location(shown),
            )
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise UsageError("W002", "its folder does not exist", Location(shown))
    _write_new(path, parent, text.encode("utf-8"), replace=info is not None, shown=shown)


def _write_new(path: Path, parent: Path, data: bytes, *, replace: bool, shown: str) -> None:
    # Ctrl-C or a termination request waits until the temporary file is renamed or gone.
    with _signals_held():
        try:
            fd, tmp = tempfile.mkstemp(prefix=".triable-", suffix=".tmp", dir=parent)
        except OSError as exc:
            raise _cannot_write(exc, shown) from None
        try:
            try:
                # mkstemp creates the file 0600; a written report gets the mode any tool's
                # would.
                os.fchmod(fd, 0o666 & ~_umask())
                _write_all(fd, data)
            finally:
                os.close(fd)
            if replace:
                os.replace(tmp, path)
            else:
                _link_exclusively(tmp, path, data, shown)
        except OSError as exc:
            raise _cannot_write(exc, shown) from None
        finally:
            with suppress(FileNotFoundError):
                os.unlink(tmp)


def _link_exclusively(tmp: str, path: Path, data: bytes, shown: str) -> None:
    try:
        os.link(tmp, path)
        return
    except FileExistsError:
        raise _exists(shown) from None
    except OSError as exc:
        if exc.errno not in _NO_LINKS:
            raise
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
    except FileExistsError:
        raise _exists(shown) from None
    try:
        _write_all(fd, data)
    except BaseException:
        os.close(fd)
        path.unlink(missing_ok=True)
        raise
    os.close(fd)


def _write_into(path: Path, data: bytes, shown: str) -> None:
    """Into a device or a pipe, as it is; a pipe nobody reads is refused, not waited on."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise UsageError(
                "W004",
                "cannot write: it is a pipe that nothing reads; start the reader first",
                Location(shown),
            ) from None
        raise _cannot_write(exc, shown) from None
    try:
        os.set_blocking(fd, True)
        _write_all(fd, data)
    except OSError as exc:
        raise _cannot_write(exc, shown) from None
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


@contextmanager
def _signals_held() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _is_one_of(info: os.stat_result, inputs: Iterable[Path]) -> bool:
    for path in inputs:
        try:
            other = os.stat(path)
        except (OSError, ValueError):
            continue
        if (other.st_dev, other.st_ino) == (info.st_dev, info.st_ino):
            return True
    return False


def _exists(shown: str) -> UsageError:
    return UsageError("W001", "already exists; pass --force to overwrite it", Location(shown))


def _cannot_write(exc: OSError, shown: str) -> UsageError:
    reasons = {
        errno.EACCES: "permission denied; check the folder's permissions",
        errno.EPERM: "not permitted; check the folder's permissions",
        errno.EROFS: "the file system is read-only",
        errno.ENOSPC: "no space left on the device; free some space",
        errno.EDQUOT: "the disk quota is used up; free some space",
        errno.ENAMETOOLONG: "the file name is too long; choose a shorter name",
        errno.ENOENT: "its folder does not exist",
        errno.ENOTDIR: "part of the path is a file, not a folder",
    }
    reason = reasons.get(exc.errno or 0, exc.strerror or str(exc))
    return UsageError("W004", f"cannot write: {reason}", Location(shown))


def _umask() -> int:
    """The process's umask (read by setting it, the only portable way, and restoring it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
