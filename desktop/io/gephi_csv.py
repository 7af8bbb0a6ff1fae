"""Gephi's two other spreadsheet shapes: the adjacency list and the adjacency matrix.

Gephi's CSV importer reads, besides edge tables, an **adjacency list** (``a;b;c`` on a row: a–b and
a–c, rows of any length, no header) and an **adjacency matrix** (a first row ``;a;b;c`` naming the
columns, then one row per node, ``a;0;1;3.5``: a cell is the weight of the tie from the row's node to
the column's, 0 or empty for none). Read as edge tables they make actors such as ``0`` and ``3.5``, so
:func:`detect` recognises them first, on the same evidence Gephi's importer would need: the matrix's empty
corner cell, matching row and column names and numeric cells; the list's header-less rows of names of
varying length.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Literal

from desktop.io.graph_builder import GraphBuilder
from desktop.io.limits import Limits
from desktop.io.problems import DatasetError, LoadReport, LoadResult
from desktop.io.tabular import HEADER_WORDS, decode
from desktop.io.timeparse import classify

Shape = Literal["matrix", "adjacency"]
_HEAD_BYTES = 256 * 1024


def _rows(text: str) -> tuple[str, list[tuple[int, list[str]]]]:
    lines = [(n, line) for n, line in enumerate(text.splitlines(), start=1)
             if line.strip() and not line.startswith(("#", "%"))]
    best = ""
    for delimiter in (";", ",", "\t", "|"):
        if sum(delimiter in line for _, line in lines[:30]) >= max(1, len(lines[:30]) * 0.8):
            best = delimiter
            break
    if not best:
        return "", []
    rows = [(n, [cell.strip() for cell in row]) for (n, _), row in
            zip(lines, csv.reader((line for _, line in lines), delimiter=best), strict=False)]
    return best, rows


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def detect(text: str) -> Shape | None:
    """``"matrix"``, ``"adjacency"`` or None (an ordinary table) for the first part of a file."""
    _, rows = _rows(text)
    if len(rows) < 2:
        return None
    first = rows[0][1]
    names = [c for c in first[1:] if c]
    data = rows[1:]
    if not first[0] and len(names) >= 2 and len(names) == len(first) - 1:
        labels = [row[0] for _, row in data]
        cells = [c for _, row in data for c in row[1:] if c]
        if set(labels) <= set(names) and cells and all(_number(c) is not None for c in cells):
            return "matrix"
        return None
    lowered = {c.lower() for c in first}
    if lowered & HEADER_WORDS or any(len(row) < 2 for _, row in rows):
        return None
    widths = {len(row) for _, row in rows}
    cells = [c for _, row in rows for c in row if c]
    if any(classify(c) in ("date",) or (_number(c) is not None and not c.isdigit()) for c in cells):
        return None  # dates or fractional numbers: an edge table with a time or weight column
    wide = [row for _, row in rows if len(row) > 2]
    # Names recur in a real adjacency list (a row's head is another row's neighbour); a header over
    # rows of numbers that merely lost their delimiter does not.
    later = {c for _, row in rows[1:] for c in row if c}
    if len(widths) > 1 and wide and any(c in later for c in first if c):
        return "adjacency"
    return None


def sniff_file(path: Path) -> Shape | None:
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEAD_BYTES)
    except OSError:
        return None
    text = decode(path, head)
    if len(head) == _HEAD_BYTES:
        text = text[: text.rfind("\n")]  # the last line may be cut
    return detect(text)


def read(path: Path, shape: Shape, limits: Limits, label: str) -> LoadResult:
    """Load a file :func:`detect` recognised."""
    report = LoadReport(path, label)
    builder = GraphBuilder(path, report, limits)
    delimiter, rows = _rows(decode(path, path.read_bytes(), report))
    if shape == "matrix":
        names = rows[0][1][1:]
        for name in names:
            if name:
                builder.node(name, "line 1", label=name)
        cells = {(row[0], names[c]): cell for _, row in rows[1:] for c, cell in enumerate(row[1:]) if c < len(names)}
        symmetric = all(cells.get((b, a), "") == value for (a, b), value in cells.items())
        order = {name: k for k, name in enumerate(names)}
        for line, row in rows[1:]:
            for column, cell in enumerate(row[1:]):
                weight = _number(cell) if cell else None
                if column >= len(names) or not names[column] or not weight:
                    continue
                if symmetric and order.get(row[0], -1) > column:
                    continue  # the same undirected tie, seen from the other side
                builder.edge(row[0], names[column], f"line {line}, column {column + 2}", weight=weight,
                             extra={"directed": not symmetric})
        if symmetric:
            report.guessed.append("the matrix is symmetric: each tie read once, undirected")
        report.read.append(f"Gephi adjacency matrix: {len(names)} columns, {len(rows) - 1} rows; a cell is "
                           "the weight of the tie from the row's node to the column's")
    else:
        for line, row in rows:
            source = row[0]
            if not source:
                continue
            for name in (c for c in row if c):
                builder.node(name, "", label=name)
            for target in (c for c in row[1:] if c):
                builder.edge(source, target, f"line {line}")
        report.read.append(f"Gephi adjacency list: {len(rows)} rows; each row's first name is tied to every "
                           "other name on it")
    report.guessed.append(f"read as a Gephi {'adjacency matrix' if shape == 'matrix' else 'adjacency list'} "
                          f"({'semicolon' if delimiter == ';' else repr(delimiter)}-separated)")
    if not builder.edges and not builder.nodes:
        raise DatasetError(path, "no nodes or edges found")
    return LoadResult(builder.build(path.stem), report)
