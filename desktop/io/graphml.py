"""GraphML as networkx, Gephi, Cytoscape and yEd write it.

Keys are resolved to their ``attr.name``; a node's label comes from a ``label``/``name`` key or from
yEd's nested ``<y:NodeLabel>`` / ``<y:Label.Text>``; colours from ``r``/``g``/``b`` or a hex ``color`` key.
Keys named like time become time: ``start``/``end`` (and their synonyms) bound a node's life or an edge's
interval, ``date``/``time``/``timestamp`` make an edge a point in time. Nodes and edges may be
interleaved, and edges may name nodes never declared (they are created, with a report line).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

from desktop.io._xml import attr, child, children, head_text, local, parse_xml
from desktop.io.graph_builder import GraphBuilder, hex_colour
from desktop.io.limits import DEFAULT_LIMITS, Limits
from desktop.io.problems import DatasetError, LoadReport, LoadResult
from desktop.io.progress import Progress, ProgressCallback
from desktop.io.reader import Reader

LABEL = "GraphML graph (networkx, yEd, Cytoscape, Gephi)"
_START = {"start", "onset", "begin", "start date", "startdate", "from", "valid from", "starttime"}
_END = {"end", "terminus", "stop", "end date", "enddate", "until", "valid to", "endtime"}
_POINT = {"date", "time", "timestamp", "datetime", "year", "when"}
_LABEL_KEYS = ("label", "name", "shared name", "title")
_TONE = {"tone", "sign", "polarity", "goldstein", "goldsteinscale"}


def sniff(path: Path, head: bytes) -> bool:
    text = head_text(head)
    return text.startswith("<") and "<graphml" in text


def _text(data: Element) -> str:
    """A data element's value; for yEd, the text of the first nested label."""
    if len(data) == 0:
        return (data.text or "").strip()
    for element in data.iter():
        name = local(element.tag)
        if name in ("NodeLabel", "EdgeLabel", "Label.Text") and (element.text or "").strip():
            return (element.text or "").strip()
    return ""


def _is_label_data(data: Element) -> bool:
    return any(local(e.tag) in ("NodeLabel", "EdgeLabel", "Label.Text") for e in data.iter())


def read(path: Path, *, limits: Limits = DEFAULT_LIMITS, progress: Progress | ProgressCallback | None = None,
         **_: Any) -> LoadResult:
    """Load a GraphML file; see the module docstring for what is mapped where."""
    tracker = Progress.of(progress)
    root = parse_xml(path, tracker.part(0.0, 0.4) if tracker.callback else None)
    if local(root.tag) != "graphml":
        raise DatasetError(path, f"<{local(root.tag)}>: not a GraphML document (the root must be <graphml>)")
    keys: dict[str, str] = {}
    defaults: dict[str, dict[str, str]] = {"node": {}, "edge": {}}
    for key in children(root, "key"):
        key_id = attr(key, "id") or ""
        name = attr(key, "attr.name") or key_id
        keys[key_id] = name
        default = child(key, "default")
        if default is not None and default.text and not name.startswith("modification"):
            for cls in ("node", "edge") if attr(key, "for") in (None, "all") else (attr(key, "for") or "",):
                defaults.setdefault(cls, {})[name] = default.text.strip()
    graph = child(root, "graph")
    if graph is None:
        raise DatasetError(path, "<graphml>: no <graph> element")
    report = LoadReport(path, LABEL)
    builder = GraphBuilder(path, report, limits)
    directed_default = (attr(graph, "edgedefault") or "directed") == "directed"
    node_count = edge_count = 0
    step, total = tracker.part(0.4, 0.75).every, len(graph)  # nodes and edges are mostly direct children
    for element in graph.iter():
        step(node_count + edge_count, total)
        name = local(element.tag)
        if name == "node" and _graphml(element):
            node_count += 1
            _node(builder, element, keys, defaults["node"], node_count)
        elif name == "edge" and _graphml(element):
            edge_count += 1
            _edge(builder, element, keys, defaults["edge"], edge_count, directed_default)
    report.read.append(f"{node_count} node and {edge_count} edge elements")
    builder.progress = tracker.part(0.75, 1.0)
    return LoadResult(builder.build(path.stem), report)


def _graphml(element: Element) -> bool:
    tag = element.tag if isinstance(element.tag, str) else ""
    return not tag.startswith("{") or tag.startswith("{http://graphml.graphdrawing.org")


def _values(element: Element, keys: dict[str, str], defaults: dict[str, str]) -> tuple[dict[str, str], str]:
    values = dict(defaults)
    label = ""
    for data in children(element, "data"):
        name = keys.get(attr(data, "key") or "", attr(data, "key") or "")
        if _is_label_data(data):
            label = label or _text(data)
        elif len(data) == 0:
            values[name] = _text(data)
    return values, label


def _pop(values: dict[str, str], names: set[str] | tuple[str, ...]) -> str | None:
    for key in list(values):
        if key.lower().replace("_", " ") in names:
            return values.pop(key) or None
    return None


def _node(builder: GraphBuilder, element: Element, keys: dict[str, str], defaults: dict[str, str],
          k: int) -> None:
    node_id = attr(element, "id")
    where = f"<node> #{k}" + (f" (id {node_id!r})" if node_id else "")
    if not node_id:
        raise DatasetError(builder.path, f"{where}: the node has no id")
    values, label = _values(element, keys, defaults)
    for name in _LABEL_KEYS:
        label = label or _pop(values, (name,)) or ""
    lowered = {key.lower(): key for key in values}
    colour = ""
    if {"r", "g", "b"} <= set(lowered):
        colour = hex_colour(*(values.pop(lowered[c]) for c in "rgb"))
    elif "color" in lowered or "colour" in lowered:
        raw = values.pop(lowered.get("color") or lowered["colour"])
        colour = raw  # any CSS form; the builder normalises it
    start, end = _pop(values, _START), _pop(values, _END)
    spells = [(start, end)] if start or end else []
    builder.node(node_id, where, label=label, colour=colour, spells=spells, extra=values)


def _edge(builder: GraphBuilder, element: Element, keys: dict[str, str], defaults: dict[str, str], k: int,
          directed: bool) -> None:
    edge_id = attr(element, "id") or ""
    where = f"<edge> #{k}" + (f" (id {edge_id!r})" if edge_id else "")
    source, target = attr(element, "source"), attr(element, "target")
    if not source or not target:
        builder.report.warn(where, "edge without a source or target; skipped")
        builder.skipped.add("edges without a source or target", where)
        return
    values, label = _values(element, keys, defaults)
    weight = _number(_pop(values, {"weight", "value"}))
    tone = _number(_pop(values, _TONE))
    start, end = _pop(values, _START), _pop(values, _END)
    if not (start or end):
        start = end = _pop(values, _POINT)
    title = label or _pop(values, ("label", "edge label", "title")) or ""
    is_directed = attr(element, "directed")
    extra: dict[str, Any] = {**values, "directed": directed if is_directed is None else is_directed == "true"}
    builder.edge(source, target, where, start=start, end=end, weight=weight, tone=tone, id=edge_id, title=title,
                 kind=_pop(values, ("kind", "interaction", "relation")) or "", extra=extra)


def _number(text: str | None) -> float | None:
    try:
        return float(text) if text else None
    except ValueError:
        return None


READER = Reader(name="graphml", label=LABEL, extensions=(".graphml",), read=read, sniff=sniff, priority=50)
