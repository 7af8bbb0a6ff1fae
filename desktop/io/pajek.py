"""Pajek ``.net`` networks, ``.paj`` projects and ``.tim`` event files.

Read by hand rather than with networkx so that every problem has a line number, and so that the
drawing keywords Pajek appends to lines (``c Blue``, ``l "Bezier loop"``, ``h2 0`` …) are ignored
instead of misread. Vertices are numbered from 1; the number is the actor id and the quoted label its
name. Arc weights may be negative (signed networks): see the builder's rule on signed weights.

A project file holds several ``*Network`` blocks (the marriage, business and kinship ties of one family
network are three networks, not one): the first is read, or the one chosen with ``network=N`` (the
command line's ``--network N``, the window's File → Choose network…), and the report names the others.
``*Partition`` blocks become groups (the first) or node attributes (the rest), ``*Vector`` blocks node
attributes. Temporal Pajek marks vertices and lines with time intervals, ``[1,2,5-8]`` or ``[3-*]``;
each interval of a line is one event, a vertex's intervals its lifetime. ``*Events`` files (``.tim``)
are read by :mod:`desktop.io.pajek_events`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.io.file_values import point
from desktop.io.graph_builder import GraphBuilder
from desktop.io.limits import DEFAULT_LIMITS, Limits
from desktop.io.pajek_lines import split_line
from desktop.io.problems import DatasetError, LoadReport, LoadResult, Problem
from desktop.io.reader import Reader
from desktop.io.tabular import decode

LABEL = "Pajek network (.net, .paj, .tim)"
_OPENERS = ("*vertices", "*network", "*events")
_LINES = ("*arcs", "*edges", "*arcslist", "*edgeslist", "*matrix")
_SKIPPED_BLOCKS = ("*permutation", "*cluster", "*hierarchy")


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


@dataclass
class _Block:
    """A ``*Partition`` or ``*Vector``: one value per vertex, in vertex order."""

    kind: str
    name: str
    line: int
    values: list[str] = field(default_factory=list)


@dataclass
class _Project:
    networks: list[tuple[str, int]] = field(default_factory=list)  # (title, line)
    blocks: list[_Block] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def read(path: Path, *, limits: Limits = DEFAULT_LIMITS, network: int | None = None, **_: Any) -> LoadResult:
    """Load a Pajek network or project; ``network`` (1-based) picks a ``*Network`` of a project."""
    text = decode(path, path.read_bytes())
    if _first_keyword(text) == "*events":
        from desktop.io.pajek_events import read_events

        return read_events(path, text, limits)
    chosen = network or 1
    report = LoadReport(path, LABEL)
    builder = GraphBuilder(path, report, limits)
    project = _Project()
    mode, section, title, declared, row, kind = "network", "", path.stem, 0, 0, ""
    block: _Block | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        where = f"line {number}"
        if not stripped or stripped.startswith("%"):
            continue
        if stripped.startswith("*"):
            head, _sep, rest = stripped.partition(" ")
            keyword = head.lower().split(":")[0]
            if keyword == "*network":
                project.networks.append((rest.strip() or f"network {len(project.networks) + 1}", number))
                mode = "network" if len(project.networks) == chosen else "other"
                if mode == "network" and rest.strip():
                    title = rest.strip()
                section, block = "", None
            elif keyword in ("*partition", "*vector"):
                block = _Block(keyword[1:], rest.strip() or keyword[1:], number)
                project.blocks.append(block)
                mode, section = "block", keyword
            elif keyword in _SKIPPED_BLOCKS:
                project.skipped.append(f"{head} {rest.strip()} ({where})".strip())
                mode, section, block = "skip", keyword, None
            elif mode in ("block", "skip") and keyword == "*vertices":
                pass  # the vertex count of a partition or vector
            elif keyword == "*vertices" and mode == "network":
                declared = _declare(builder, rest, where, path, limits, declared)
                section = keyword
            elif keyword in _LINES and mode in ("network", "block", "skip"):
                if mode != "network":  # lines after a partition belong to the network it follows
                    mode = "network" if len(project.networks) in (0, chosen) else "other"
                section, row = keyword, 0
                kind = _relation(rest)
            elif mode == "network" and keyword not in ("*vertices", *_LINES):
                report.warn(where, f"section {head} is not read")
                section = keyword
            continue
        if mode == "other" or mode == "skip":
            continue
        if mode == "block" and block is not None:
            block.values.append(stripped.split()[0])
            continue
        parts, spells = split_line(stripped, where, path)
        if section == "*vertices":
            # "1 "label" x y z …": coordinates in 0…1 with y growing downwards, as Pajek draws them
            where_drawn = point(parts[2], parts[3], flip=True) if len(parts) > 3 else None
            builder.node(_vertex(parts[0], where, path), "", label=parts[1] if len(parts) > 1 else "",
                         spells=spells, position=where_drawn)
        elif section in ("*arcs", "*edges"):
            if len(parts) < 2:
                raise DatasetError(path, Problem(where, "an arc needs two vertex numbers"))
            weight = _number(parts[2]) if len(parts) > 2 else None
            for start, end in spells or [(None, None)]:
                builder.edge(_vertex(parts[0], where, path), _vertex(parts[1], where, path), where, weight=weight,
                             start=start, end=end, kind=kind, extra={"directed": section == "*arcs"})
        elif section in ("*arcslist", "*edgeslist"):
            source = _vertex(parts[0], where, path)
            for target in parts[1:]:
                builder.edge(source, _vertex(target, where, path), where, kind=kind,
                             extra={"directed": section == "*arcslist"})
        elif section == "*matrix":
            row += 1
            for column, value in enumerate(parts, start=1):
                weight = _number(value)
                if weight:
                    builder.edge(str(row), str(column), f"{where}, column {column}", weight=weight, kind=kind)
        elif section == "":
            # Some exporters put a title or a comment without "%" on the first lines; Pajek ignores them.
            report.warn(where, "text before the first *Vertices section is not read")
    if chosen < 1 or chosen > max(1, len(project.networks)):
        raise DatasetError(path, f"network {chosen} asked for, but the file has {max(1, len(project.networks))}")
    if not declared:
        raise DatasetError(path, "no *Vertices section")
    report.read.append(f"{declared} vertices")
    _apply_blocks(builder, project, declared, report)
    _report_networks(project, chosen, report)
    extra: dict[str, Any] = {}
    if len(project.networks) > 1:
        extra = {"networks": [name for name, _ in project.networks], "network": chosen}
    return LoadResult(builder.build(title, extra=extra), report)


def _first_keyword(text: str) -> str:
    for line in text.splitlines()[:50]:
        stripped = line.strip().lower()
        if stripped.startswith("*"):
            return stripped.split()[0].split(":")[0]
    return ""


def _declare(builder: GraphBuilder, rest: str, where: str, path: Path, limits: Limits, before: int) -> int:
    count = rest.split()[0] if rest.split() else ""
    if not count.isdecimal() or len(count) > 12:  # "-5", "3.5", "¹" and a thousand digits are no count
        raise DatasetError(path, Problem(where, f"*Vertices needs the number of vertices (a whole number from 0), "
                                                f"not {count[:20]!r}" if count else
                                                "*Vertices needs the number of vertices"))
    declared = int(count)
    if declared > limits.max_actors:
        raise DatasetError(path, Problem(where, f"{declared:,} vertices declared, over the limit of "
                                                f"{limits.max_actors:,} (max_actors)"))
    for n in range(before + 1, declared + 1):
        builder.node(str(n), "", label="")
    return max(declared, before)


def _relation(rest: str) -> str:
    """``*Arcs :2 "business"`` names relation 2; its label (or number) becomes the events' kind."""
    rest = rest.strip()
    if not rest.startswith(":"):
        return "" if rest.isdecimal() else rest.strip('"')
    number, _, label = rest[1:].partition(" ")
    return label.strip().strip('"') or f"relation {number}"


def _apply_blocks(builder: GraphBuilder, project: _Project, declared: int, report: LoadReport) -> None:
    grouped = False
    for block in project.blocks:
        where = f"line {block.line}"
        if len(block.values) != declared:
            report.skipped.append(f"*{block.kind.title()} {block.name!r} ({where}): {len(block.values)} values "
                                  f"for {declared} vertices")
            continue
        for n, value in enumerate(block.values, start=1):
            node = builder.nodes[str(n)]
            if block.kind == "partition" and not grouped:
                node.group, node.group_label = value, f"{block.name} {value}"
            node.extra[block.name] = _number(value) if block.kind == "vector" else value
        if block.kind == "partition" and not grouped:
            grouped = True
            report.read.append(f"groups from *Partition {block.name!r} ({len(set(block.values))} groups)")
        else:
            report.read.append(f"*{block.kind.title()} {block.name!r} as the node attribute {block.name!r}")
    for line in project.skipped:
        report.skipped.append(f"{line}: not read")


def _report_networks(project: _Project, chosen: int, report: LoadReport) -> None:
    if len(project.networks) <= 1:
        return
    name = project.networks[chosen - 1][0]
    others = "; ".join(f"{k} {title!r} (line {line})" for k, (title, line) in enumerate(project.networks, 1)
                       if k != chosen)
    report.read.append(f"network {chosen} of {len(project.networks)}: {name!r}")
    report.skipped.append(f"{len(project.networks) - 1} other networks in the file, not read: {others} "
                          "(choose one with --network N, or File → Choose network…)")


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


READER = Reader(name="pajek", label=LABEL, extensions=(".net", ".paj", ".tim"), read=read, sniff=sniff,
                priority=30)
