"""Pajek ``*Events`` files (``.tim``): a network told as a sequence of changes at time points.

``TI t`` sets the current time; ``AV v "label"`` adds a vertex, ``HV``/``DV`` hide or delete it and
``SV`` shows it again; ``AA u v w`` / ``AE u v w`` add an arc or edge (weight ``w``), ``HA``/``HE`` and
``DA``/``DE`` hide or delete it, ``SA``/``SE`` show it again and ``CA``/``CE`` change its value. Each
stretch during which a line exists becomes one event from the time it was added to the time it went (a
line still there at the end of the file stays to the end of the data); a vertex's stretches are its
lifetime. Commands the map has nothing for (``CV``, ``CT``, drawing commands) are counted in the report.
"""

from __future__ import annotations

from pathlib import Path

from desktop.io.graph_builder import GraphBuilder
from desktop.io.limits import Limits
from desktop.io.pajek_lines import split_line
from desktop.io.problems import DatasetError, LoadReport, LoadResult, Problem

LABEL = "Pajek time events (.tim)"


def read_events(path: Path, text: str, limits: Limits) -> LoadResult:
    """Load an ``*Events`` file (the caller has checked its first keyword)."""
    report = LoadReport(path, LABEL)
    builder = GraphBuilder(path, report, limits)
    now: str | None = None
    vertex_since: dict[str, str | None] = {}
    line_since: dict[tuple[str, str, bool], tuple[str | None, float | None, str]] = {}
    ignored: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        where = f"line {number}"
        if not stripped or stripped.startswith(("%", "*")):
            continue
        parts, _ = split_line(stripped, where, path)
        command, args = parts[0].upper(), parts[1:]
        if command == "TI":
            if not args:
                raise DatasetError(path, Problem(where, "TI needs a time"))
            now = args[0]
        elif command in ("AV", "SV"):
            _need(args, 1, where, path, command)
            builder.node(args[0], where if command == "AV" else "",
                         label=args[1] if command == "AV" and len(args) > 1 else "")
            vertex_since.setdefault(args[0], now)
        elif command in ("HV", "DV"):
            _need(args, 1, where, path, command)
            if args[0] in vertex_since:
                builder.node(args[0], spells=[(vertex_since.pop(args[0]), now)])
            for key in [k for k in line_since if args[0] in k[:2]]:  # its lines go with it
                _close(builder, line_since, key, now)
        elif command in ("AA", "AE", "SA", "SE", "CA", "CE"):
            _need(args, 2, where, path, command)
            key = (args[0], args[1], command[1] == "A")
            if command[0] == "C" or key in line_since:
                _close(builder, line_since, key, now)
            line_since[key] = (now, _number(args[2]) if len(args) > 2 else None, where)
        elif command in ("HA", "HE", "DA", "DE"):
            _need(args, 2, where, path, command)
            _close(builder, line_since, (args[0], args[1], command[1] == "A"), now)
        else:
            ignored[command] = ignored.get(command, 0) + 1
    for key in list(line_since):
        _close(builder, line_since, key, None)
    for vertex, since in vertex_since.items():
        builder.node(vertex, spells=[(since, None)])
    for command, count in ignored.items():
        report.skipped.append(f"{count} {command} commands (nothing on the map shows them)")
    report.read.append("time events: each stretch a line exists is one event")
    return LoadResult(builder.build(path.stem), report)


def _close(builder: GraphBuilder, open_lines: dict[tuple[str, str, bool], tuple[str | None, float | None, str]],
           key: tuple[str, str, bool], now: str | None) -> None:
    if key not in open_lines:
        return
    since, weight, where = open_lines.pop(key)
    builder.edge(key[0], key[1], where, start=since, end=now, weight=weight, extra={"directed": key[2]})


def _need(args: list[str], count: int, where: str, path: Path, command: str) -> None:
    if len(args) < count:
        raise DatasetError(path, Problem(where, f"{command} needs {count} vertex number{'s' * (count > 1)}"))


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None
