"""Atomic file writes, shared by the dataset writers and the exports.

A file is written under a temporary name beside its destination and moved over it with
:func:`os.replace`, so a crash or a full disk never leaves half a file where a good one was. The
temporary file is private (``mkstemp`` makes it 0600); before the move it gets the permissions any
newly created file would get (0666 less the umask), since what is written is an ordinary user file.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO


def _mkstemp(path: Path, suffix: str) -> tuple[int, Path]:
    folder = path.parent if str(path.parent) else Path(".")
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=folder)
    return handle, Path(name)


def temp_beside(path: Path | str, suffix: str = ".tmp") -> Path:
    """Create an empty private temporary file in ``path``'s folder (raises OSError if it cannot)."""
    handle, temp = _mkstemp(Path(path), suffix)
    os.close(handle)
    return temp


def publish(temp: Path | str, path: Path | str) -> None:
    """Give ``temp`` ordinary permissions and move it over ``path`` in one step."""
    os.chmod(temp, 0o666 & ~umask())
    os.replace(temp, path)


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
    handle, temp = _mkstemp(Path(path), ".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        publish(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


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
