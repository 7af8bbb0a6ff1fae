"""CSV and TSV tables: an edge table alone, or an edge table with one or more node tables.

Spreadsheet users keep people and ties in separate files (``…Edges.csv`` + ``…Nodes.csv`` +
``…Attributes.csv``; Palladio's two tables). When one table is opened, sibling files in the same folder
whose names share a prefix are read too if they fit: a node table whose ids cover the edge table's
endpoints, or, when a node table was opened, the edge table that uses its ids. Candidates are found by
name, and only their first 64 KiB (header and first rows) is read to tell a node table from an edge
table; a file is read whole only once its header makes it a candidate, so an archive of big edge
tables beside a small one costs nothing. The report names every file joined or left out, so nothing
happens silently.

Each edge row is one event (repeated rows are repeated contacts). A Gephi interval set in the time column
(``"[2016-02-03, 2016-02-04]; [2016-03-01, Infinity]"``) gives one event per interval; a Gephi interval
map in the weight column (``"<[1, 2, 1]; [2, 3, 2]>"``) gives one event per timed value.
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

from desktop.io import gephi_csv
from desktop.io.csv_mapping import ColumnMapping, guess_mapping
from desktop.io.graph_builder import GraphBuilder
from desktop.io.intervals import Piece, looks_like_intervals, parse_intervals
from desktop.io.limits import DEFAULT_LIMITS, Limits, check_file
from desktop.io.problems import DatasetError, LoadReport, LoadResult
from desktop.io.progress import Progress, ProgressCallback
from desktop.io.reader import Reader
from desktop.io.tabular import Table, decode, read_table

LABEL = "CSV / TSV table"
_SIBLING_BYTES = 64 * 1024 * 1024
_HEAD_BYTES = 64 * 1024  # what is read of a companion candidate before it is chosen


def sniff(path: Path, head: bytes) -> bool:
    if b"\x00" in head:
        return False
    text = decode(path, head).lstrip()
    if not text or text[0] in "<{[" or text.lower().startswith(("*vertices", "*network", "graph", "creator")):
        return False
    first = next((line for line in text.splitlines() if line.strip() and not line.startswith(("#", "%"))), "")
    if first.lstrip().startswith("*"):
        return False
    return any(d in first for d in "\t,;| ")


def load_table(path: Path, report: LoadReport | None = None, max_rows: int | None = None,
               progress: Progress | None = None) -> Table:
    check_file(path, None)  # a FIFO named as a node table would block the read forever
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DatasetError(path, f"cannot read the file ({exc.strerror or exc})") from None
    return read_table(path, decode(path, data, report), report, max_rows=max_rows, progress=progress)


def sample(table: Table, count: int = 200) -> list[list[str]]:
    return [row for _, row in table.rows[:count]]


def read(path: Path, *, limits: Limits = DEFAULT_LIMITS, mapping: ColumnMapping | None = None,
         node_tables: list[Path] | None = None, progress: Progress | ProgressCallback | None = None,
         **_: Any) -> LoadResult:
    """Load a table; without ``mapping`` the guess is used and reported, without ``node_tables`` siblings
    are looked for."""
    if mapping is None and node_tables is None:
        shape = gephi_csv.sniff_file(path)
        if shape is not None:
            return gephi_csv.read(path, shape, limits, LABEL)
    tracker = Progress.of(progress)
    report = LoadReport(path, LABEL)
    # Counted while reading: parsing stops one row past max_interactions, and that row is the builder's
    # located "more than … (max_interactions)" refusal, instead of parsing millions more rows first.
    table = load_table(path, report, max_rows=limits.max_interactions + 1,
                       progress=tracker.part(0.0, 0.3) if tracker.callback else None)
    report.read.append(f"{path.name}: {len(table.rows)} rows, {table.notes[0]}")
    if mapping is None:
        mapping = guess_mapping(table.header, sample(table))
        report.guessed.append(f"columns: {mapping.describe()}")
        report.guessed.extend(mapping.guessed)
    else:
        report.read.append(f"columns as chosen: {mapping.describe()}")
    nodes: list[tuple[Table, ColumnMapping]] = []
    siblings: _Siblings = {}  # each sibling file read and guessed once, shared by both searches
    if not mapping.is_edges:
        if not mapping.id:
            raise DatasetError(path, f"line 1: no source and target columns found among {table.header}")
        found = _find_edge_table(path, table, mapping, siblings, limits, report)
        if found is None:
            report.warn("", "a node table without an edge table: actors only, no ties")
            nodes.append((table, mapping))
            builder = GraphBuilder(path, report, limits)
            _add_nodes(builder, nodes)
            return LoadResult(builder.build(path.stem), report)
        nodes.append((table, mapping))
        table, mapping = found
        report.guessed.append(f"edges from {table.path.name}: {mapping.describe()}")
    endpoints = _endpoints(table, mapping)
    if node_tables is not None:
        for other in node_tables:
            other_table = load_table(other, report)
            nodes.append((other_table, guess_mapping(other_table.header, sample(other_table))))
    else:
        nodes.extend(_find_node_tables(path, endpoints, {t.path for t, _ in nodes} | {table.path}, siblings,
                                       limits, report))
    for other_table, other_mapping in nodes:
        if other_table.path != path:
            report.guessed.append(f"node table {other_table.path.name}: {other_mapping.describe()}")
    builder = GraphBuilder(path, report, limits)
    _add_nodes(builder, nodes)
    add_edges(builder, table, mapping, tracker.part(0.3, 0.6))
    builder.progress = tracker.part(0.6, 1.0)
    return LoadResult(builder.build(path.stem), report)


def _endpoints(table: Table, mapping: ColumnMapping) -> set[str]:
    assert mapping.source and mapping.target
    s, t = table.column(mapping.source), table.column(mapping.target)
    return {row[i].strip() for _, row in table.rows for i in (s, t)} - {""}


_NODE_WORDS = ("node", "actor", "vert", "people", "person", "attrib", "member")
_EDGE_WORDS = ("edge", "link", "tie", "relation", "arc", "interaction")


def _siblings(path: Path, skip: set[Path], words: tuple[str, ...]) -> list[Path]:
    """Files beside ``path`` that may be its companion tables, chosen by name only (nothing is read):
    the same suffix, a shared prefix of four or more characters, a regular file of at most
    :data:`_SIBLING_BYTES`. Names with one of ``words`` come first, then the closest names."""
    stem = path.stem.lower()
    ranked = []
    try:
        entries = sorted(path.parent.iterdir())
    except OSError:
        return []
    for other in entries:
        if other in skip or other == path or other.suffix.lower() != path.suffix.lower():
            continue
        prefix = len(_common_prefix(stem, other.stem.lower()))
        if prefix < 4:
            continue
        try:
            info = other.stat()
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode) and info.st_size <= _SIBLING_BYTES:
            hinted = any(word in other.stem.lower() for word in words)
            ranked.append((not hinted, -prefix, info.st_size, other))
    return [other for *_, other in sorted(ranked)][:8]


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


class _Sibling:
    """A companion candidate: its first rows (enough to guess its columns) and, once chosen, all of it."""

    def __init__(self, head: Table, mapping: ColumnMapping) -> None:
        self.head = head
        self.mapping = mapping
        self.whole: Table | None = None


_Siblings = dict[Path, _Sibling | None]


def _peek(other: Path, cache: _Siblings) -> _Sibling | None:
    """The header and first rows of ``other`` (at most :data:`_HEAD_BYTES` read), guessed once per open."""
    if other not in cache:
        try:
            with other.open("rb") as handle:
                data = handle.read(_HEAD_BYTES + 1)
            if len(data) > _HEAD_BYTES:
                data = data[: data.rfind(b"\n", 0, _HEAD_BYTES) + 1]  # whole lines only
            head = read_table(other, decode(other, data), max_rows=200)
        except (OSError, DatasetError):
            cache[other] = None
        else:
            cache[other] = _Sibling(head, guess_mapping(head.header, sample(head)))
    return cache[other]


def _whole(other: Path, sibling: _Sibling, limits: Limits, report: LoadReport) -> Table | None:
    """All of a chosen companion, or None (with a warning) when it cannot be joined."""
    if sibling.whole is None:
        try:
            table = load_table(other)
        except DatasetError as exc:
            report.warn("", f"{other.name} not joined: {exc.problems[0] if exc.problems else exc}")
            return None
        longest = max((len(cell) for _, row in table.rows for cell in row), default=0)
        if longest > limits.max_string_length:
            report.warn("", f"{other.name} not joined: a field of {longest:,} characters, over the limit of "
                            f"{limits.max_string_length:,} (max_string_length)")
            return None
        sibling.whole = table
    return sibling.whole


def _find_node_tables(path: Path, endpoints: set[str], skip: set[Path], cache: _Siblings, limits: Limits,
                      report: LoadReport) -> list[tuple[Table, ColumnMapping]]:
    found = []
    for other in _siblings(path, skip, _NODE_WORDS):
        sibling = _peek(other, cache)
        if sibling is None or sibling.mapping.is_edges or not sibling.mapping.id:
            continue  # decided from the header: an edge table or no id column is no node table
        table = _whole(other, sibling, limits, report)
        if table is None:
            continue
        ids = {v.strip() for v in table.values(sibling.mapping.id)}
        if endpoints and len(ids & endpoints) >= 0.5 * len(endpoints):
            found.append((table, sibling.mapping))
    return found


def _find_edge_table(path: Path, nodes: Table, mapping: ColumnMapping, cache: _Siblings, limits: Limits,
                     report: LoadReport) -> tuple[Table, ColumnMapping] | None:
    assert mapping.id
    ids = {v.strip() for v in nodes.values(mapping.id)}
    for other in _siblings(path, set(), _EDGE_WORDS):
        sibling = _peek(other, cache)
        if sibling is None or not sibling.mapping.is_edges:
            continue
        table = _whole(other, sibling, limits, report)
        if table is not None and len(_endpoints(table, sibling.mapping) & ids) >= 0.5 * max(1, len(ids)):
            return table, sibling.mapping
    return None


def _times(mapping: ColumnMapping, table: Table, row: list[str]) -> list[Piece | tuple[str | None, str | None]]:
    """Every (start, end) a row states; a single date is a point, an interval set gives several."""
    if mapping.start or mapping.end:
        start = row[table.column(mapping.start)] if mapping.start else None
        end = row[table.column(mapping.end)] if mapping.end else None
        return [(start or None, end or None)]
    if mapping.time:
        value = row[table.column(mapping.time)]
        if looks_like_intervals(value):
            pieces = parse_intervals(value, points="stamp" in mapping.time.lower()) or []
            return list(pieces)
        return [(value, value)]
    return [(None, None)]


def _add_nodes(builder: GraphBuilder, nodes: list[tuple[Table, ColumnMapping]]) -> None:
    for table, mapping in nodes:
        assert mapping.id
        used = {c for c in (mapping.id, mapping.label, mapping.group, mapping.start, mapping.end, mapping.time) if c}
        seen: set[str] = set()
        for line, row in table.rows:
            node_id = row[table.column(mapping.id)].strip()
            where = f"{table.path.name} line {line}"
            if not node_id:
                builder.skipped.add("node rows without an id", where)
                continue
            repeated = node_id in seen  # within this table; joining another table's ids is not a repeat
            seen.add(node_id)
            spells = [(p.start, p.end) if isinstance(p, Piece) else p for p in _times(mapping, table, row)]
            extra = {name: row[i] for i, name in enumerate(table.header) if name not in used and row[i] != ""}
            builder.node(node_id, where if repeated else "",
                         label=row[table.column(mapping.label)].strip() if mapping.label else "",
                         group=row[table.column(mapping.group)].strip() if mapping.group else "",
                         spells=[s for s in spells if s != (None, None)], extra=extra)


def add_edges(builder: GraphBuilder, table: Table, mapping: ColumnMapping,
              progress: Progress | ProgressCallback | None = None) -> None:
    """One event per row (or per interval of a row), with located skips.

    The table's rows are handed over as they are read (``table.rows`` is empty afterwards), so a parsed
    row and the raw edge made from it do not both stay alive for two million rows.
    """
    assert mapping.source and mapping.target
    index = {name: i for i, name in enumerate(table.header)}  # looked up once, not per row and role
    s, t = index[mapping.source], index[mapping.target]
    tone_i, label_i, group_i, id_i, weight_i = (
        index[name] if name else None
        for name in (mapping.tone, mapping.label, mapping.group, mapping.id, mapping.weight))
    roles = (mapping.source, mapping.target, mapping.time, mapping.start, mapping.end, mapping.weight,
             mapping.tone, mapping.label, mapping.group, mapping.id)
    others = [(i, name) for i, name in enumerate(table.header) if name not in roles]
    step, total = Progress.of(progress).every, len(table.rows)
    rows, table.rows = table.rows, []
    rows.reverse()  # popped from the end, each row is freed once its edges are made
    for k in range(total):
        step(k, total)
        line, row = rows.pop()
        where = f"line {line}"
        source, target = row[s].strip(), row[t].strip()
        if not source or not target:
            builder.skipped.add("rows without a source or target", where)
            continue
        tone = _number(row[tone_i]) if tone_i is not None else None
        if tone is not None:
            tone /= mapping.tone_scale
        fields: dict[str, Any] = {
            "title": row[label_i] if label_i is not None else "",
            "kind": row[group_i] if group_i is not None else "",
            "id": row[id_i] if id_i is not None else "",
            "extra": {name: row[i] for i, name in others if row[i] != ""},
        }
        weight_text = row[weight_i] if weight_i is not None else ""
        timed_weights = parse_intervals(weight_text) if weight_text and looks_like_intervals(weight_text) else None
        if timed_weights:
            for piece in timed_weights:
                builder.edge(source, target, where, start=piece.start, end=piece.end, tone=tone,
                             weight=_number(piece.value or ""), **fields)
            continue
        weight = _number(weight_text)
        for stated in _times(mapping, table, row):
            start, end = (stated.start, stated.end) if isinstance(stated, Piece) else stated
            builder.edge(source, target, where, start=start, end=end, weight=weight, tone=tone, **fields)


def _number(text: str) -> float | None:
    try:
        return float(text) if text.strip() else None
    except ValueError:
        return None


READER = Reader(name="csv", label=LABEL, extensions=(".csv", ".tsv", ".tab", ".txt"), read=read,
                sniff=sniff, priority=0)
