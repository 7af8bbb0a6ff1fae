"""Atomic file writes, shared by the dataset writers and the exports: the one way Relmap writes a file.

A file is written under a temporary name beside its destination, flushed to disk, checked, and moved
over the destination with :func:`os.replace`, so a crash, a ``kill -9`` or a full disk never leaves
half a file where a good one was.

* **Temporary names** say whose they are: ``.map.png.relmap-tmp-<pid>-<random>.png``. A run that is
  killed cannot clean up after itself, so every write first removes the temporaries of ours in that
  folder whose process is gone (:func:`remove_stale`); other programs' files are never touched.
* **Permissions**: the temporary file is private (``mkstemp`` makes it 0600). A file that replaces an
  existing one keeps that file's mode (a 0600 file stays 0600); a new file gets what any newly created
  file would get (0666 less the umask).
* **Symbolic links**: writing to a link writes through to the file it points at, and the link stays a
  link (:func:`resolve_destination`), as editors do. A link whose target folder does not exist is an
  error, like any missing folder.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

TEMP_MARK = ".relmap-tmp-"
# ".<destination name>.relmap-tmp-<pid>-<mkstemp's 8 random characters><suffix>"
_OURS = re.compile(r"^\..+\.relmap-tmp-(\d+)-[a-z0-9_]{8}(?:\.[\w.-]*)?$")
STALE_AFTER = 7 * 24 * 3600  # a live process holding a temporary this long is a recycled pid


def resolve_destination(path: Path | str) -> Path:
    """Where writing ``path`` really goes: the file a symbolic link points at, or ``path`` itself."""
    path = Path(path)
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


def _folder(path: Path) -> Path:
    return path.parent if str(path.parent) else Path(".")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's live process, or a number we cannot ask about: keep the file
    return True


def remove_stale(folder: Path | str) -> list[Path]:
    """Remove the temporaries of ours in ``folder`` left by runs that are gone; returns what was removed.

    A temporary is ours when its name has our mark and the pid of the run that made it; it is stale when
    that process no longer exists (or, pids being recycled, after :data:`STALE_AFTER`). Errors are
    ignored: cleaning up must never stop a write.
    """
    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _OURS.match(entry.name) if entry.name.startswith(".") and TEMP_MARK in entry.name else None
        if match is None:
            continue
        with contextlib.suppress(OSError):
            if not entry.is_file(follow_symlinks=False):
                continue
            pid = int(match.group(1))
            if pid == os.getpid():
                continue  # a write of this run, in progress
            if _alive(pid) and now - entry.stat(follow_symlinks=False).st_mtime < STALE_AFTER:
                continue
            os.unlink(entry.path)
            removed.append(Path(entry.path))
    return removed


def _mkstemp(path: Path, suffix: str) -> tuple[int, Path]:
    folder = _folder(path)
    remove_stale(folder)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}{TEMP_MARK}{os.getpid()}-", suffix=suffix, dir=folder)
    return handle, Path(name)


def temp_beside(path: Path | str, suffix: str = ".tmp") -> Path:
    """Create an empty private temporary file beside where ``path`` really goes (raises OSError if it cannot)."""
    handle, temp = _mkstemp(resolve_destination(path), suffix)
    os.close(handle)
    return temp


def sync(path: Path | str) -> None:
    """Flush a written file to the disk, so a full disk or a failing device shows up now, not after the move."""
    handle = os.open(path, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def publish(temp: Path | str, path: Path | str, *, size: int | None = None) -> None:
    """Check, flush and move ``temp`` over ``path`` in one step, with the permissions it should have.

    ``size``, when known, is how many bytes the file must hold: a shorter file (a writer that stopped
    without saying so) raises ``OSError(EIO)`` and nothing is replaced.
    """
    destination = resolve_destination(path)
    written = os.stat(temp).st_size
    if size is not None and written != size:
        raise OSError(errno.EIO, f"only {written:,} of {size:,} bytes were written")
    sync(temp)
    try:
        mode = stat.S_IMODE(os.stat(destination).st_mode)
    except OSError:
        mode = 0o666 & ~umask()
    os.chmod(temp, mode)
    os.replace(temp, destination)


def atomic_write_path(path: Path | str, write: Callable[[Path], None], suffix: str = ".tmp") -> None:
    """Call ``write(temp_path)``, then :func:`publish` it over ``path``; on any failure remove the temporary."""
    temp = temp_beside(path, suffix)
    try:
        write(temp)
        publish(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def atomic_write(path: Path | str, write: Callable[[IO[bytes]], None]) -> None:
    """Call ``write(handle)`` on a binary handle, flushed to disk, then :func:`publish` it over ``path``."""
    handle, temp = _mkstemp(resolve_destination(path), ".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
            size = stream.tell()
        publish(temp, path, size=size)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_bytes(path: Path | str, data: bytes, suffix: str = ".tmp") -> None:
    """Write ``data`` atomically, checking that every byte reached the file before it is published."""
    temp = temp_beside(path, suffix)
    try:
        with open(temp, "wb") as stream:
            stream.write(data)
        publish(temp, path, size=len(data))
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def describe_os_error(exc: OSError, target: Path | str) -> str:
    """One line naming the cause and the file: ``no space left on device writing map.png``."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"no space left on device writing {target}"
    if exc.errno == errno.EISDIR:
        return f"{target}: is a folder, not a file"
    reason = exc.strerror or str(exc) or type(exc).__name__
    return f"{target}: {reason}"


def umask() -> int:
    """The process's umask, read without changing it where the system allows."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
