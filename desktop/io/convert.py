"""``relmap convert IN OUT``: read any supported file, write the native format or GEXF.

The output format follows the destination's name (``.gexf``; ``.json``/``.relmap.json``). The returned
report is the reader's, with a line saying what was written, so the command can print what was read,
guessed and skipped on the way.
"""

from __future__ import annotations

from pathlib import Path

from desktop.io.limits import DEFAULT_LIMITS, Limits
from desktop.io.problems import DatasetError, LoadReport
from desktop.io.registry import load
from desktop.io.writers import write_gexf, write_native

WRITERS = {".gexf": ("GEXF 1.3", write_gexf), ".json": ("Relmap dataset", write_native)}


def convert(in_path: Path | str, out_path: Path | str, *, limits: Limits = DEFAULT_LIMITS,
            **options: object) -> LoadReport:
    """Convert one file; raises :class:`DatasetError` if the input cannot be read or the output is unknown."""
    in_path, out_path = Path(in_path), Path(out_path)
    writer = WRITERS.get(out_path.suffix.lower())
    if writer is None:
        known = ", ".join(sorted(WRITERS))
        raise DatasetError(out_path, f"cannot write this kind of file (known endings: {known})")
    result = load(in_path, limits=limits, **options)
    label, write = writer
    try:
        write(result.dataset, out_path)
    except OSError as exc:
        raise DatasetError(out_path, f"cannot write the file ({exc.strerror or exc})") from None
    result.report.read.append(f"wrote {out_path.name} ({label})")
    return result.report
