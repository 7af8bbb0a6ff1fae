"""GML (Graph Modelling Language), through networkx's parser.

networkx refuses files whose nodes have no ``label`` unless told otherwise, and simple graphs with a
repeated edge; Newman's files (``Creator "…"`` then ``graph [``) have only ids. So nodes are keyed by
``id`` and a duplicated edge makes the file read as a multigraph: parallel edges are repeated contacts.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from desktop.core.colours import normalise_colour
from desktop.io.file_values import as_number, as_text, finite, point
from desktop.io.graph_builder import GraphBuilder
from desktop.io.limits import DEFAULT_LIMITS, Limits
from desktop.io.problems import DatasetError, LoadReport, LoadResult
from desktop.io.reader import Reader
from desktop.io.tabular import decode

LABEL = "GML graph"
# networkx's GML parser trusts its input: broken files surface as these rather than NetworkXError.
_PARSER_BUGS = (TypeError, ValueError, AttributeError, IndexError, KeyError)
_GRAPH = re.compile(r"^\s*(?:creator\s+\"[^\"]*\"\s*)?graph\s*\[", re.IGNORECASE)


def sniff(path: Path, head: bytes) -> bool:
    # GML allows "#" comment lines anywhere, including before the graph (igraph and yEd write them).
    text = "\n".join(line for line in decode(path, head).splitlines() if not line.lstrip().startswith("#"))
    text = text.lstrip()
    return bool(_GRAPH.match(text)) or (text.lower().startswith("creator") and "graph" in text[:400])


def read(path: Path, *, limits: Limits = DEFAULT_LIMITS, **_: Any) -> LoadResult:
    """Load a GML file."""
    import networkx as nx

    text = decode(path, path.read_bytes())
    too_deep = _nesting_problem(text, limits.max_json_depth)
    if too_deep:
        raise DatasetError(path, too_deep)
    try:
        graph = nx.parse_gml(text, label=None)
    except RecursionError:
        raise DatasetError(path, "lists nested too deeply to read (over the nesting limit)") from None
    except _PARSER_BUGS as exc:
        raise DatasetError(path, _located(text) or f"not valid GML ({_brief(exc)})") from None
    except nx.NetworkXError as exc:
        if "duplicated" not in str(exc):
            raise DatasetError(path, _located(text) or f"not valid GML ({_where(str(exc))})") from None
        try:
            graph = nx.parse_gml(re.sub(r"graph\s*\[", "graph [ multigraph 1 ", text, count=1), label=None)
        except (nx.NetworkXError, RecursionError, *_PARSER_BUGS) as again:
            raise DatasetError(path, _located(text) or f"not valid GML ({_where(_brief(again))})") from None
    report = LoadReport(path, LABEL)
    builder = GraphBuilder(path, report, limits)
    for k, (node, data) in enumerate(graph.nodes(data=True)):
        data = dict(data)
        graphics = data.pop("graphics", {})
        graphics = graphics if isinstance(graphics, dict) else {}
        colour = graphics.get("fill", "")
        # yEd, Cytoscape and igraph write graphics [ x y w h fill ] with y growing downwards, as on screen.
        position = point(graphics.get("x"), graphics.get("y"), flip=True)
        size = finite(graphics.get("w")) or finite(graphics.get("size"))
        label = str(data.pop("label", data.pop("name", "")) or "")
        builder.node(str(node), f"node #{k + 1} (id {node})", label=label,
                     colour=colour if isinstance(colour, str) else "", extra=data, position=position, size=size)
    for k, (a, b, data) in enumerate(graph.edges(data=True)):
        graphics = data.get("graphics") if isinstance(data.get("graphics"), dict) else {}
        data = {key: value for key, value in data.items() if key != "graphics"}
        if isinstance(graphics.get("fill"), str) and normalise_colour(graphics["fill"]):
            data["colour"] = normalise_colour(graphics["fill"])
        if finite(graphics.get("width")) is not None:
            data["thickness"] = finite(graphics.get("width"))
        where = f"edge #{k + 1}"
        weight = as_number(data.pop("weight", data.pop("value", None)), path, where, "weight")
        tone = as_number(data.pop("tone", data.pop("sign", None)), path, where, "tone")
        start = as_text(data.pop("start", None), path, where, "start")
        end = as_text(data.pop("end", None), path, where, "end")
        builder.edge(str(a), str(b), where, start=start, end=end, weight=weight,
                     tone=tone, title=str(data.pop("label", "") or ""), extra=data)
    report.read.append(f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges"
                       f"{' (directed)' if graph.is_directed() else ''}")
    return LoadResult(builder.build(path.stem), report)


_TEXT = re.compile(r'"[^"]*"|#[^\n]*')
_INNERMOST = re.compile(r"\[[^\[\]]*\]")


def _nesting_problem(text: str, limit: int) -> str:
    """Where the lists nest deeper than ``limit``, or ``""``.

    Real files nest three or four levels, so the cheap test strips the innermost lists a level at a
    time (each pass one regular-expression sweep in C) and stops once nothing is left; only a file that
    still has lists after ``limit`` passes is walked bracket by bracket to find the line.
    """
    rest = _TEXT.sub("", text)
    for _ in range(limit):
        rest, removed = _INNERMOST.subn("", rest)
        if not removed or "[" not in rest:
            return ""
    bare = _TEXT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)  # same lines and columns, no strings
    depth = 0
    for k, char in enumerate(bare):
        if char == "[":
            depth += 1
            if depth > limit:
                line = bare.count("\n", 0, k) + 1
                column = k - (bare.rfind("\n", 0, k) + 1) + 1
                return (f"line {line}, column {column}: lists nested deeper than the limit of {limit} levels "
                        "(max_json_depth)")
        elif char == "]":
            depth = max(0, depth - 1)
    return ""


# A number glued to letters (``10G``, ``3px``): networkx reads ``10`` then a key ``G`` and complains at the
# next token, one token (often one line) late. Strings and comments are skipped so "10G" inside quotes is fine.
_GLUED = re.compile(r'"[^"]*"|#[^\n]*|(?<![\w.+-])([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[A-Za-z_]\w*)')
_AT = re.compile(r"at \((\d+), (\d+)\)")


def _located(text: str) -> str | None:
    """The first bad value with its own line and column, when there is one networkx would place late."""
    for match in _GLUED.finditer(text):
        if match.group(1):
            start = match.start(1)
            line = text.count("\n", 0, start) + 1
            column = start - (text.rfind("\n", 0, start) + 1) + 1
            return (f"line {line}, column {column}: {match.group(1)[:40]!r} is not a value (a value is a number, "
                    "a string in quotes or a [ list ])")
    return None


def _where(message: str) -> str:
    """networkx's ``at (116, 3)`` in the words the other readers use."""
    return _AT.sub(lambda m: f"at line {m.group(1)}, column {m.group(2)}", message)


def _brief(error: BaseException) -> str:
    """networkx's message, or a plain one where Python's own (``unhashable type: 'dict'``) would puzzle."""
    if isinstance(error, TypeError | AttributeError | KeyError):
        return "a node, edge or id is a list where a number or string belongs, or the reverse"
    if isinstance(error, RecursionError):
        return "lists nested too deeply"
    if isinstance(error, IndexError):
        return "a line ends where a value was expected"
    return str(error)[:200]


READER = Reader(name="gml", label=LABEL, extensions=(".gml",), read=read, sniff=sniff, priority=30)
