"""The reader registry: one module per format, picked by sniffing the file.

A reader registers a label, the extensions it claims, a priority and a ``sniff`` that looks at the first
bytes, so a GraphML file named ``.xml`` or a native dataset named ``.json`` still finds its reader.
"""

from __future__ import annotations

import gc
import importlib
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.io.limits import DEFAULT_LIMITS, Limits, mebibytes
from desktop.io.problems import DatasetError, LoadResult
from desktop.io.progress import Progress, ProgressCallback

SNIFF_BYTES = 8192

ReadFunction = Callable[..., LoadResult]
SniffFunction = Callable[[Path, bytes], bool]


@dataclass(frozen=True)
class Reader:
    """A format the app can open."""

    name: str
    label: str
    extensions: tuple[str, ...]
    read: ReadFunction
    sniff: SniffFunction
    priority: int = 0

    def claims_extension(self, path: Path) -> bool:
        name = path.name.lower()
        return any(name.endswith(ext) for ext in self.extensions)


_READERS: dict[str, Reader] = {}
_BUILTIN_MODULES = (
    "desktop.io.native",
    "desktop.io.gexf",
    "desktop.io.graphml",
    "desktop.io.csv_tables",
    "desktop.io.event_csv",
    "desktop.io.node_link",
    "desktop.io.gml",
    "desktop.io.pajek",
)
_loaded_builtins = False


def register(reader: Reader) -> Reader:
    _READERS[reader.name] = reader
    return reader


def _load_builtins() -> None:
    global _loaded_builtins
    if _loaded_builtins:
        return
    _loaded_builtins = True
    for module in _BUILTIN_MODULES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise


def readers() -> list[Reader]:
    """Every registered reader, highest priority first."""
    _load_builtins()
    return sorted(_READERS.values(), key=lambda reader: -reader.priority)


def open_filter() -> str:
    """The File → Open name filter listing every format."""
    parts = []
    every = sorted({f"*{ext}" for reader in readers() for ext in reader.extensions})
    parts.append(f"All supported files ({' '.join(every)})")
    for reader in readers():
        parts.append(f"{reader.label} ({' '.join('*' + ext for ext in reader.extensions)})")
    return ";;".join(parts)


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
