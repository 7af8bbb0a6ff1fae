"""Pajek ``.net``: ``*Vertices``, ``*Arcs``, ``*Edges``, ``*Arcslist``, ``*Edgeslist`` and ``*Matrix``.

Read by hand rather than with networkx so that every problem has a line number, and so that the
drawing keywords Pajek appends to lines (``c Blue``, ``l "Bezier loop"``, ``h2 0`` …) are ignored
instead of misread. Vertices are numbered from 1; the number is the actor id and the quoted label its
name. Arc weights may be negative (signed networks): see the builder's rule on signed weights.
"""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

from desktop.io.graph_builder import GraphBuilder
from desktop.io.limits import DEFAULT_LIMITS, Limits
from desktop.io.problems import DatasetError, LoadReport, LoadResult, Problem
from desktop.io.registry import Reader, register
from desktop.io.tabular import decode

LABEL = "Pajek network (.net)"
_OPENERS = ("*vertices", "*network", "*events")
_SECTIONS = ("*vertices", "*arcs", "*edges", "*arcslist", "*edgeslist", "*matrix", "*network", "*partition")


def sniff(path: Path, head: bytes) -> bool:
    """A section keyword among the first few lines (a title line may come first)."""
    seen = 0
    for line in decode(path, head).splitlines():
        stripped = line.strip().lower()
        if not stripped or stripped.startswith("%"):
            continue
        if stripped.startswith(_OPENERS):
            return True
        seen += 1
        if seen >= 3:
            break
    return False


def _split(text: str, where: str, path: Path) -> list[str]:
    try:
        return shlex.split(text, posix=True)
    except ValueError as exc:
        raise DatasetError(path, Problem(where, f"cannot read the line ({exc})")) from None


def read(path: Path, *, limits: Limits = DEFAULT_LIMITS, **_: Any) -> LoadResult:
    """Load a Pajek network."""
    report = LoadReport(path, LABEL)
    builder = GraphBuilder(path, report, limits)
    section, title, declared, row = "", path.stem, 0, 0
    for number, line in enumerate(decode(path, path.read_bytes()).splitlines(), start=1):
        stripped = line.strip()
        where = f"line {number}"
        if not stripped or stripped.startswith("%"):
            continue
        if stripped.startswith("*"):
            head, _, rest = stripped.partition(" ")
            section = head.lower().split(":")[0]
            if section not in _SECTIONS:
                report.warn(where, f"section {head} is not read")
            if section == "*network" and rest.strip():
                title = rest.strip()
            if section == "*vertices":
                try:
                    declared = int(rest.split()[0])
                except (ValueError, IndexError):
                    raise DatasetError(path, Problem(where, "*Vertices needs the number of vertices")) from None
                if declared > limits.max_actors:
                    raise DatasetError(path, Problem(where, f"{declared:,} vertices declared, over the limit of "
                                                            f"{limits.max_actors:,} (max_actors)"))
                for n in range(1, declared + 1):
                    builder.node(str(n), "", label="")
            row = 0
            continue
        parts = _split(stripped, where, path)
        if section == "*vertices":
            builder.node(_vertex(parts[0], where, path), "", label=parts[1] if len(parts) > 1 else "")
        elif section in ("*arcs", "*edges"):
            if len(parts) < 2:
                raise DatasetError(path, Problem(where, "an arc needs two vertex numbers"))
            weight = _number(parts[2]) if len(parts) > 2 else None
            builder.edge(_vertex(parts[0], where, path), _vertex(parts[1], where, path), where, weight=weight,
                         extra={"directed": section == "*arcs"})
        elif section in ("*arcslist", "*edgeslist"):
            source = _vertex(parts[0], where, path)
            for target in parts[1:]:
                builder.edge(source, _vertex(target, where, path), where,
                             extra={"directed": section == "*arcslist"})
        elif section == "*matrix":
            row += 1
            for column, value in enumerate(parts, start=1):
                weight = _number(value)
                if weight:
                    builder.edge(str(row), str(column), f"{where}, column {column}", weight=weight)
        elif section == "":
            # Some exporters put a title or a comment without "%" on the first lines; Pajek ignores them.
            report.warn(where, "text before the first *Vertices section is not read")
    if not declared:
        raise DatasetError(path, "no *Vertices section")
    report.read.append(f"{declared} vertices")
    return LoadResult(builder.build(title), report)


def _vertex(text: str, where: str, path: Path) -> str:
    if not text.isdecimal():  # isdigit() lets "³" through, which int() refuses
        raise DatasetError(path, Problem(where, f"{text[:40]!r} is not a vertex number"))
    if len(text) > 12:
        raise DatasetError(path, Problem(where, f"vertex number {text[:20]}… is impossibly large"))
    return str(int(text))


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


register(Reader(name="pajek", label=LABEL, extensions=(".net", ".paj"), read=read, sniff=sniff, priority=30))
