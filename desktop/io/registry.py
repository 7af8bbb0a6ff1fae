"""The reader registry: one module per format, picked by sniffing the file.

Each format module offers a READER (:class:`~desktop.io.reader.Reader`) and is listed in :data:`READERS`:
a label, the extensions it claims, a priority and a ``sniff`` that looks at the first bytes, so a GraphML
file named ``.xml`` or a native dataset named ``.json`` still finds its reader.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

from desktop.io import csv_tables, event_csv, gexf, gml, graphml, native, node_link, pajek
from desktop.io.limits import DEFAULT_LIMITS, Limits, check_file
from desktop.io.problems import DatasetError, LoadResult
from desktop.io.progress import Progress, ProgressCallback
from desktop.io.reader import Reader

SNIFF_BYTES = 8192

# The reader table, in the order readers of equal priority are tried. A new format is a module with a
# READER and a line here.
READERS: tuple[Reader, ...] = (
    native.READER,
    gexf.READER,
    graphml.READER,
    csv_tables.READER,
    event_csv.READER,
    node_link.READER,
    gml.READER,
    pajek.READER,
)


def readers() -> list[Reader]:
    """Every reader, highest priority first."""
    return sorted(READERS, key=lambda reader: -reader.priority)


def open_filter() -> str:
    """The File → Open name filter listing every format."""
    parts = []
    every = sorted({f"*{ext}" for reader in readers() for ext in reader.extensions})
    parts.append(f"All supported files ({' '.join(every)})")
    for reader in readers():
        parts.append(f"{reader.label} ({' '.join('*' + ext for ext in reader.extensions)})")
    return ";;".join(parts)


def sniff(path: Path) -> Reader:
    """The reader for a file: content first, then extension; a clear error when nothing fits."""
    path = Path(path)
    check_file(path, None)  # the size limit is the caller's to check, with its own limits
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError as exc:
        raise DatasetError(path, f"cannot read the file ({exc.strerror or exc})") from None
    if not head.strip():
        raise DatasetError(path, "the file is empty")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 (and UTF-32) byte-order marks
        raise DatasetError(path, "byte 0: the file is UTF-16 or UTF-32 text; save it as UTF-8 and open it again")
    candidates = readers()
    by_extension = [reader for reader in candidates if reader.claims_extension(path)]
    for reader in by_extension + [r for r in candidates if r not in by_extension]:
        if reader.sniff(path, head):
            return reader
    if by_extension:  # nothing recognised the first bytes: the extension's reader tries, and explains
        return by_extension[0]
    known = ", ".join(sorted({ext for reader in candidates for ext in reader.extensions}))
    raise DatasetError(path, f"not a format Relmap reads (known: {known})")


def load(path: Path | str, *, limits: Limits = DEFAULT_LIMITS, progress: ProgressCallback | None = None,
         **options: Any) -> LoadResult:
    """Read any supported file into a :class:`~desktop.core.model.Dataset`.

    ``progress(fraction)`` is called now and then from the reading thread; returning False stops the load
    with :class:`~desktop.io.progress.LoadCancelled`. Readers without progress of their own report only
    the start and the end.
    """
    path = Path(path)
    check_file(path, limits)
    reader = sniff(path)
    # A known extension whose reader did not recognise the first bytes (a .gml opening with an unusual
    # comment, a Pajek file with a title line) still gets the first try; the sniffed reader is the fallback.
    named = next((r for r in readers() if r.claims_extension(path)), None)
    order = [reader] if named is None or reader.claims_extension(path) else [named, reader]
    tracker = Progress(progress)
    tracker(0.0)
    # A load allocates hundreds of thousands of objects that all survive: the cyclic collector would
    # rescan them again and again for nothing (half the time of a large CSV), so it waits until the end.
    collecting = gc.isenabled()
    first_error: DatasetError | None = None
    gc.disable()
    try:
        for k, candidate in enumerate(order):
            try:
                result = candidate.read(path, limits=limits, progress=tracker if progress is not None else None,
                                        **options)
                if first_error is not None:
                    result.report.guessed.append(
                        f"read as {candidate.label}: not readable as its extension says ({first_error})")
                break
            except DatasetError as exc:
                if k == len(order) - 1:
                    raise first_error or exc from None
                first_error = exc
    finally:
        if collecting:
            gc.enable()
    tracker(1.0)
    return result
