"""``relmap convert IN OUT``: read any supported file, write the native format or GEXF.

The output format follows the destination's name (``.gexf``; ``.json``/``.relmap.json``). The returned
report is the reader's, with a line saying what was written, so the command can print what was read,
guessed and skipped on the way.

The destination is never the input (compared after resolving links, and hard links too). Writing keeps
an existing destination's permissions, and a destination that is a symbolic link is written through:
the file it points at is replaced and the link stays (see :mod:`desktop.io.atomic`).
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

from desktop.io.limits import DEFAULT_LIMITS, Limits
from desktop.io.problems import DatasetError, LoadReport
from desktop.io.registry import load
from desktop.io.writers import write_gexf, write_native

WRITERS = {".gexf": ("GEXF 1.3", write_gexf), ".json": ("Relmap dataset", write_native)}


def convert(in_path: Path | str, out_path: Path | str, *, limits: Limits = DEFAULT_LIMITS,
            **options: Any) -> LoadReport:
    """Convert one file; raises :class:`DatasetError` if the input cannot be read or the output is unknown."""
    in_path, out_path = Path(in_path), Path(out_path)
    if out_path.is_dir():
        raise DatasetError(out_path.resolve(), f"{str(out_path)!r} is a folder; give a file name ending in "
                                               f"{' or '.join(sorted(WRITERS))}")
    if _same_file(in_path, out_path):
        raise DatasetError(out_path, f"is the file being converted ({in_path}); Relmap never writes over a file "
                                     "it reads: choose another name")
    writer = WRITERS.get(out_path.suffix.lower())
    if writer is None:
        known = ", ".join(sorted(WRITERS))
        raise DatasetError(out_path, f"cannot write this kind of file (known endings: {known})")
    result = load(in_path, limits=limits, **options)
    label, write = writer
    try:
        write(result.dataset, out_path)
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise DatasetError(out_path, f"no space left on device writing {out_path}") from None
        raise DatasetError(out_path, f"cannot write the file ({exc.strerror or exc})") from None
    result.report.read.append(f"wrote {out_path.name} ({label})")
    return result.report


def _same_file(a: Path, b: Path) -> bool:
    """Whether ``b`` is ``a`` under another name: the same path once links are resolved, or a hard link."""
    try:
        return os.path.realpath(a) == os.path.realpath(b) or (b.exists() and os.path.samefile(a, b))
    except OSError:
        return False
