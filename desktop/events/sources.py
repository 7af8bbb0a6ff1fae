"""Finding the input files and recognising each one's format, without reading more than its first line.

Sources are files, folders (searched recursively) and glob patterns. ``.gz`` files and Parquet are
read where they lie by every engine. Neither DuckDB nor Spark reads ``.zip`` archives (GDELT ships its
daily files that way), so a zip's members are streamed into a temporary folder for the run and deleted
afterwards; convert a large archive to ``.gz`` once to skip that step.
"""

from __future__ import annotations

import csv
import glob
import gzip
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from desktop.events.layouts import GDELT_WIDTHS, LAYOUTS, Layout, layout_for_header, layout_for_width

DATA_SUFFIXES = {".csv", ".tsv", ".txt", ".tab", ".zip", ".gz", ".parquet"}
_DATE_FORMATS = ((re.compile(r"^\d{8}$"), "%Y%m%d"), (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "%Y-%m-%d"),
                 (re.compile(r"^\d{1,2} [A-Za-z]+ \d{4}$"), "%d %B %Y"),
                 (re.compile(r"^\d{1,2}-[A-Za-z]+-\d{4}$"), "%d-%B-%Y"))


class SourceError(Exception):
    """A source that cannot be used: missing, unreadable, or in no known format (exit 2)."""


@dataclass(frozen=True)
class SourceFile:
    """One readable file, its format and how its lines look."""

    path: Path | str    # what the engine reads (a zip member's temporary copy; a URL for a cluster's storage)
    name: str           # what reports call it (``day.zip:day.CSV`` for a zip member)
    layout: Layout
    has_header: bool
    parquet: bool = False
    date_format: str | None = None  # how the date column is written, when its first value says so

    @property
    def group_key(self) -> tuple[object, ...]:
        """Files read by one engine scan: same columns, header, delimiter and date format."""
        return (self.layout.name, self.layout.columns, self.has_header, self.parquet, self.date_format)


def expand(sources: list[str]) -> list[Path]:
    """Files named by ``sources`` (files, folders searched recursively, glob patterns), in a stable order."""
    found: list[Path] = []
    for source in sources:
        path = Path(source)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and _is_data(p))
            if not files:
                raise SourceError(f"{source}: the folder holds no event files ({', '.join(sorted(DATA_SUFFIXES))})")
            found += files
        elif path.is_file():
            found.append(path)
        elif glob.has_magic(source):
            files = sorted(Path(p) for p in glob.glob(source, recursive=True) if Path(p).is_file())
            if not files:
                raise SourceError(f"{source}: no file matches")
            found += files
        else:
            raise SourceError(f"{source}: no such file")
    return list(dict.fromkeys(found))


def _is_data(path: Path) -> bool:
    return path.suffix.lower() in DATA_SUFFIXES and not path.name.startswith(".")


class Unpacked:
    """A temporary folder holding the members of zip archives for the length of one run."""

    def __init__(self) -> None:
        self._folder: tempfile.TemporaryDirectory[str] | None = None

    def extract(self, archive: Path) -> list[tuple[Path, str]]:
        if self._folder is None:
            self._folder = tempfile.TemporaryDirectory(prefix="relmap-events-")
        try:
            with zipfile.ZipFile(archive) as zipped:
                members = [m for m in zipped.infolist() if not m.is_dir()]
                out = []
                for number, member in enumerate(members):
                    target = Path(self._folder.name) / f"{len(list(Path(self._folder.name).iterdir()))}-{number}"
                    target = target.with_suffix(Path(member.filename).suffix or ".txt")
                    with zipped.open(member) as source, open(target, "wb") as sink:
                        shutil.copyfileobj(source, sink, 1 << 20)
                    out.append((target, f"{archive.name}:{member.filename}"))
                return out
        except (zipfile.BadZipFile, OSError) as exc:
            raise SourceError(f"{archive}: not a readable zip archive ({exc})") from None

    def close(self) -> None:
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None


def _first_lines(path: Path, count: int = 2) -> list[str]:
    opener = gzip.open if path.suffix.lower() == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8", errors="replace", newline="") as handle:
            lines = []
            for line in handle:
                if line.strip():
                    lines.append(line.rstrip("\r\n"))
                if len(lines) == count:
                    break
            return lines
    except (OSError, EOFError) as exc:
        raise SourceError(f"{path}: cannot be read ({exc})") from None


def _split(line: str, delimiter: str) -> list[str]:
    return next(csv.reader([line], delimiter=delimiter)) if delimiter == "," else line.split(delimiter)


def describe(path: Path, name: str, fmt: str = "auto") -> SourceFile | None:
    """Recognise one file (None for an empty file); ``fmt`` forces a layout instead of guessing."""
    if path.suffix.lower() == ".parquet":
        import pyarrow.parquet as pq

        columns = list(pq.read_schema(path).names)
        layout = LAYOUTS[fmt] if fmt != "auto" else layout_for_header(columns)
        if layout is None:
            raise SourceError(f"{name}: Parquet columns are not GDELT, ICEWS or ACLED ({', '.join(columns[:6])} …)")
        return SourceFile(path, name, layout.with_columns(tuple(columns)), True, parquet=True)
    lines = _first_lines(path)
    if not lines:
        return None
    first = lines[0].lstrip("\ufeff")
    delimiter = "\t" if "\t" in first else ","
    fields = _split(first, delimiter)
    header_layout = layout_for_header(fields)
    has_header = header_layout is not None
    if fmt != "auto":
        layout = LAYOUTS[fmt]
        if has_header:
            layout = layout.with_columns(tuple(fields))
        elif fmt == "gdelt1" and len(fields) in (57, 58):
            layout = layout.with_columns(GDELT_WIDTHS[len(fields)][1])
    elif header_layout is not None:
        layout = header_layout.with_columns(tuple(fields))
    else:
        guessed = layout_for_width(len(fields), delimiter)
        if guessed is None:
            kind = "tab-separated" if delimiter == "\t" else "comma-separated"
            raise SourceError(f"{name}: line 1: not GDELT, ICEWS or ACLED ({len(fields)} {kind} fields and no "
                              "known header); name the format with --format")
        layout = guessed
    if layout.delimiter != delimiter and not has_header:
        raise SourceError(f"{name}: line 1: {layout.label} files are "
                          f"{'tab' if layout.delimiter == chr(9) else 'comma'}-separated")
    if has_header:
        missing = layout.missing(layout.columns)
        if missing:
            raise SourceError(f"{name}: line 1: the header lacks {', '.join(missing)} for {layout.label}")
        layout = Layout(layout.name, layout.label, layout.columns, delimiter, layout.roles, layout.quoted,
                        layout.score_label)
    return SourceFile(path, name, layout, has_header, date_format=_date_format(layout, lines, has_header))


def _date_format(layout: Layout, lines: list[str], has_header: bool) -> str | None:
    data = lines[1:] if has_header else lines
    column = layout.column("date")
    if not data or column is None:
        return None
    fields = _split(data[0], layout.delimiter)
    try:
        value = fields[[c.lower() for c in layout.columns].index(column.lower())].strip()
    except (ValueError, IndexError):
        return None
    return next((fmt for pattern, fmt in _DATE_FORMATS if pattern.match(value)), None)


def remote(source: str) -> bool:
    """A URL of a cluster's storage (``hdfs://``, ``s3a://``, ``gs://``) rather than a local path."""
    return "://" in source and not source.startswith("file://")


def _remote_file(source: str, fmt: str) -> SourceFile:
    if fmt == "auto":
        raise SourceError(f"{source}: name the format of files on a cluster's storage with --format")
    layout = LAYOUTS[fmt]
    return SourceFile(source, source, layout, has_header=fmt in ("icews", "acled"))


def collect(sources: list[str], fmt: str, unpacked: Unpacked, *,
            allow_remote: bool = False) -> tuple[list[SourceFile], list[str]]:
    """Every readable file of ``sources`` recognised, and notes on files left out (empty ones).

    With ``allow_remote`` (Spark), URLs such as ``hdfs://…/*.CSV`` are handed to the engine unread:
    their format must be given, since only the cluster can open them.
    """
    files: list[SourceFile] = [_remote_file(s, fmt) for s in sources if allow_remote and remote(s)]
    notes: list[str] = []
    for path in expand([s for s in sources if not (allow_remote and remote(s))]):
        members = unpacked.extract(path) if path.suffix.lower() == ".zip" else [(path, str(path))]
        for real, name in members:
            described = describe(real, name, fmt)
            if described is None:
                notes.append(f"{name}: empty, nothing read")
            else:
                files.append(described)
    return files, notes
