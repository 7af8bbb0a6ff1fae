"""Limits that keep a hostile or broken file from exhausting memory or hanging the app.

A file from a stranger can claim a billion nodes, nest a list a hundred thousand levels deep or hold a
"name" of a gigabyte. Each ceiling here is checked by every reader (through the shared graph builder or
:func:`check_document`) and, when hit, named in a sentence that says which limit and where, so the
user can tell a hostile file from one that is simply bigger than the defaults allow.
"""

from __future__ import annotations

import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.io.problems import DatasetError, Problem, json_location


@dataclass(frozen=True, slots=True)
class Limits:
    """Configurable ceilings; every reader checks the ones that apply and names the one it hit.

    ``max_json_depth`` bounds any nesting a reader follows: JSON arrays and objects, GEXF's nested
    ``<nodes>``, GML's nested lists.
    """

    max_file_bytes: int = 512 * 1024 * 1024
    max_actors: int = 250_000
    max_interactions: int = 2_000_000
    max_string_length: int = 100_000
    max_json_depth: int = 64


DEFAULT_LIMITS = Limits()


def mebibytes(size: int) -> str:
    """A size in the unit the limits are documented in: ``512 MiB`` (never "537 MB")."""
    if size < 2**20:
        return f"{size:,} bytes"
    mib = size / 2**20
    return f"{mib:,.0f} MiB" if mib >= 10 or mib == int(mib) else f"{mib:,.1f} MiB"


def more_than(limits: Limits, name: str, what: str, location: str = "") -> Problem:
    """The problem for a count that passed the limit ``name`` (counted while reading, so "more than")."""
    return Problem(location, f"more than {getattr(limits, name):,} {what}, the limit ({name})")


def too_long(limits: Limits, location: str, length: int, what: str = "text") -> Problem:
    """The problem for a string over ``max_string_length``."""
    return Problem(location, f"{what} of {length:,} characters, over the limit of "
                             f"{limits.max_string_length:,} (max_string_length)")


def long_text(limits: Limits, values: Iterable[Any]) -> int:
    """The length of the first string in ``values`` over the limit, or 0: a cheap per-element check."""
    ceiling = limits.max_string_length
    for value in values:
        if isinstance(value, str) and len(value) > ceiling:
            return len(value)
    return 0


def check_document(document: Any, limits: Limits = DEFAULT_LIMITS,
                   where: tuple[str | int, ...] = ()) -> Problem | None:
    """The first place a parsed JSON document is nested too deep or holds too long a string, or None.

    Iterative, so a document deep enough to break a recursive walk is still measured; keys are
    strings too and are checked like values. ``where``: the path of ``document`` inside a larger one
    (a reader checking one element at a time).
    """
    ceiling = limits.max_string_length
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(document, where)]
    while stack:
        item, where = stack.pop()
        if len(where) >= limits.max_json_depth:
            return Problem(json_location(where), f"nested deeper than the limit of {limits.max_json_depth} levels "
                                                 "(max_json_depth)")
        if isinstance(item, str):
            if len(item) > ceiling:
                return too_long(limits, json_location(where), len(item))
        elif isinstance(item, dict):
            for key, value in item.items():
                if len(key) > ceiling:
                    return too_long(limits, json_location(where), len(key), "a key")
                stack.append((value, (*where, key)))
        elif isinstance(item, list):
            stack.extend((value, (*where, i)) for i, value in enumerate(item))
    return None


def check_file(path: Path, limits: Limits | None = DEFAULT_LIMITS) -> int:
    """The size of ``path``, after refusing what must not be read: not a regular file, or over the size limit.

    A FIFO, a socket or a device would block the reader forever or never end, so only regular files
    (or links to them) are opened, and this is decided from the file's metadata, before any read.
    ``limits=None`` checks the kind of file only.
    """
    try:
        info = path.stat()
    except OSError as exc:
        raise DatasetError(path, f"cannot open the file ({exc.strerror or exc})") from None
    if not stat.S_ISREG(info.st_mode):
        kind = ("a folder" if stat.S_ISDIR(info.st_mode) else "a named pipe (FIFO)" if stat.S_ISFIFO(info.st_mode)
                else "a device" if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)
                else "a socket" if stat.S_ISSOCK(info.st_mode) else "not a regular file")
        raise DatasetError(path, f"is {kind}, not a regular file; Relmap reads only ordinary files")
    if limits is not None and info.st_size > limits.max_file_bytes:
        raise DatasetError(path, f"the file is {mebibytes(info.st_size)}, over the limit of "
                                 f"{mebibytes(limits.max_file_bytes)} (max_file_bytes)")
    return info.st_size
