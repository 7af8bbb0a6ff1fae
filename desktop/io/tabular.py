"""Reading delimited text as spreadsheets export it: the layer under every CSV-like reader.

Handles what real files do: a UTF-8 byte-order mark, Windows-1252 from old spreadsheets, CRLF or
CR-only line ends, comment lines (``# period 1``), comma, semicolon, tab, pipe or space delimiters
(sniffed from the first lines, quotes respected), a missing header row (numbered columns are made up),
and ragged rows, which are padded or cut and reported by line rather than refused.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from desktop.io.problems import DatasetError, LoadReport
from desktop.io.progress import EVERY, Progress
from desktop.io.timeparse import classify

# The csv module refuses fields over 128 KiB with csv.Error, which surfaced as an internal error (also for
# a neighbouring file the node-table search opened). Long fields are the limits' business instead:
# max_string_length names them with their line.
csv.field_size_limit(2**31 - 1)

DELIMITERS = ("\t", ",", ";", "|", " ")
_NAMES = {"\t": "tab", ",": "comma", ";": "semicolon", "|": "pipe", " ": "space"}
HEADER_WORDS = frozenset(
    {"source", "target", "from", "to", "id", "label", "name", "weight", "date", "time", "start", "end",
     "type", "node", "edge", "tail", "head", "onset", "terminus", "value", "group", "timeset"}
)


@dataclass
class Table:
    """A parsed table: header names and data rows, each with the line it started on."""

    path: Path
    header: list[str]
    rows: list[tuple[int, list[str]]]
    delimiter: str
    has_header: bool = True
    notes: list[str] = field(default_factory=list)

    def column(self, name: str) -> int:
        return self.header.index(name)

    def values(self, name: str, limit: int | None = None) -> list[str]:
        i = self.column(name)
        rows = self.rows if limit is None else self.rows[:limit]
        return [row[i] for _, row in rows]


def decode(path: Path, data: bytes, report: LoadReport | None = None) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if report is not None:
            report.guessed.append(f"not UTF-8 (byte {exc.start}); read as Windows-1252")
        return data.decode("cp1252", "replace")


def sniff_delimiter(lines: list[str]) -> str:
    """The delimiter that splits the first lines into the same number (>1) of fields most often."""
    best, best_score = ",", (-1.0, 0)
    sample = [line for line in lines if line.strip()][:30]
    for delimiter in DELIMITERS:
        counts = [len(row) for row in csv.reader(sample, delimiter=delimiter)]
        if not counts:
            continue
        mode, freq = Counter(counts).most_common(1)[0]
        if mode < 2:
            continue
        score = (freq / len(counts), -DELIMITERS.index(delimiter))
        if score > best_score:
            best, best_score = delimiter, score
    return best


def looks_like_header(first: list[str], rest: list[list[str]]) -> bool:
    """A header names its columns: known words, or text where the data below is not the same kind."""
    cells = [c.strip().lower() for c in first]
    if any(c in HEADER_WORDS or c.replace(".", " ").split()[:1] in (["source"], ["target"]) for c in cells):
        return True
    if any(classify(c) in ("number", "year", "date") for c in cells if c):
        return False
    seen = [{row[i].strip().lower() for row in rest if i < len(row)} for i in range(len(first))]
    return not any(c in seen[i] for i, c in enumerate(cells))


def read_table(path: Path, text: str, report: LoadReport | None = None, *, max_rows: int | None = None,
               progress: Progress | None = None) -> Table:
    """Parse a whole table; ragged rows are fitted to the header and reported with their line.

    The text is handed to the csv module a line at a time, straight from ``text``: splitting it into a
    list of lines and joining them again (or wrapping it in a StringIO, four bytes a character) cost
    several copies of a 57 MB table at the row limit.
    """
    if "\n" not in text and "\r" in text:  # old Mac line ends: CR only
        text = text.replace("\r", "\n")
    start, skip = _first_row(text)
    if start >= len(text):
        raise DatasetError(path, "the file has no rows")
    delimiter = sniff_delimiter(text[start:start + 65536].splitlines()[:60])
    total = text.count("\n", start) + 1
    parsed: list[tuple[int, list[str]]] = []
    reader = csv.reader(_lines(text, start), delimiter=delimiter)
    previous = 0
    try:
        for row in reader:
            line = skip + previous + 1
            previous = reader.line_num
            if not row or (line > skip + 1 and row[0].startswith("#") and len(row) == 1):
                continue
            parsed.append((line, row))
            if progress is not None and not len(parsed) % EVERY:
                progress(reader.line_num / total)
            if max_rows is not None and len(parsed) > max_rows:
                break
    except csv.Error as exc:
        raise DatasetError(path, f"line {skip + reader.line_num}: cannot be read as a table ({exc})") from None
    if not parsed:
        raise DatasetError(path, "the file has no rows")
    has_header = looks_like_header(parsed[0][1], [row for _, row in parsed[1:50]])
    if has_header:
        header = [h.strip() or f"column {i + 1}" for i, h in enumerate(parsed[0][1])]
        header = _dedupe(header)
        rows = parsed[1:]
    else:
        width = Counter(len(row) for _, row in parsed).most_common(1)[0][0]
        header = [f"column {i + 1}" for i in range(width)]
        rows = parsed
    table = Table(path, header, [], delimiter, has_header)
    table.notes.append(f"{_NAMES[delimiter]}-separated, {'with' if has_header else 'no'} header row")
    width = len(header)
    ragged: list[int] = []
    for line, row in rows:
        if len(row) != width:
            if all(not cell.strip() for cell in row):
                continue
            ragged.append(line)
            if report is not None and len(ragged) <= 20:
                fix = "missing ones left empty" if len(row) < width else "extra ones ignored"
                report.warn(f"line {line}", f"{len(row)} fields where the header has {width}; {fix}")
            row = (row + [""] * width)[:width]
        table.rows.append((line, row))
    if ragged and report is not None and len(ragged) > 20:
        report.warn("", f"{len(ragged)} rows in all have the wrong number of fields")
    if ragged and len(ragged) > len(rows) // 2 and len(rows) > 4:
        raise DatasetError(path, f"line {ragged[0]}: most rows ({len(ragged)} of {len(rows)}) do not have the "
                                 f"{width} fields of the header; is the delimiter {_NAMES[delimiter]!r} right?")
    return table


def _first_row(text: str) -> tuple[int, int]:
    """Where the table starts after leading comment (``#``, ``%``) and blank lines, and how many there were."""
    position, skipped, size = 0, 0, len(text)
    while position < size:
        end = text.find("\n", position)
        end = size if end < 0 else end
        line = text[position:end]
        if not (line.startswith(("#", "%")) or not line.strip()):
            break
        skipped += 1
        position = end + 1
    return position, skipped


def _lines(text: str, start: int) -> Iterator[str]:
    """The lines of ``text`` from ``start``, each with its line end, without a list of them all."""
    find, size, position = text.find, len(text), start
    while position < size:
        end = find("\n", position)
        if end < 0:
            yield text[position:]
            return
        yield text[position:end + 1]
        position = end + 1


def _dedupe(names: list[str]) -> list[str]:
    seen: Counter[str] = Counter()
    out = []
    for name in names:
        seen[name] += 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out
