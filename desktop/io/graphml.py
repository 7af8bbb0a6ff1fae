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
from desktop.io.file_values import finite, hex_colour, point
from desktop.io.graph_builder import GraphBuilder
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
    walk = _Walk(builder, keys, defaults, directed_default)
    step, total = tracker.part(0.4, 0.75).every, len(graph)  # nodes and edges are mostly direct children
    # A stack of (graph element, the group node it belongs to): yEd nests a group's members in a <graph>
    # inside the group's <node>. Members get the innermost group; the group node itself is not an actor
    # unless an edge ends on it.
    stack: list[tuple[Element, str]] = [(graph, "")]
    while stack:
        container, group = stack.pop()
        for element in container:
            step(walk.nodes + walk.edges, total)
            if not _graphml(element):
                continue
            name = local(element.tag)
            if name == "node":
                nested = child(element, "graph")
                if nested is None:
                    walk.node(element, group)
                else:
                    stack.append((nested, walk.group(element, group)))
            elif name == "edge":
                walk.edge(element)
            elif name == "hyperedge":
                walk.hyperedge(element)
    walk.finish()
    report.read.append(f"{walk.nodes} node and {walk.edges} edge elements")
    builder.progress = tracker.part(0.75, 1.0)
    return LoadResult(builder.build(path.stem), report)


class _Walk:
    """What the reader has met so far: counts, yEd groups, hyperedges."""

    def __init__(self, builder: GraphBuilder, keys: dict[str, str], defaults: dict[str, dict[str, str]],
                 directed: bool) -> None:
        self.builder, self.keys, self.defaults, self.directed = builder, keys, defaults, directed
        self.nodes = self.edges = self.hyperedges = self.expanded = 0
        self.groups: dict[str, tuple[str, str, str]] = {}  # id -> (label, parent group, where)
        self.group_pictures: dict[str, tuple[tuple[float, float] | None, float | None, str]] = {}

    def node(self, element: Element, group: str) -> None:
        self.nodes += 1
        _node(self.builder, element, self.keys, self.defaults["node"], self.nodes, group,
              self.groups[group][0] if group else "")

    def group(self, element: Element, parent: str) -> str:
        node_id = attr(element, "id") or f"group {len(self.groups) + 1}"
        values, label = _values(element, self.keys, self.defaults["node"])
        label = label or _label_from(values) or node_id
        self.groups[node_id] = (label, parent, f"<node> (id {node_id!r})")
        self.group_pictures[node_id] = _yed_picture(element)
        return node_id

    def edge(self, element: Element) -> None:
        self.edges += 1
        _edge(self.builder, element, self.keys, self.defaults["edge"], self.edges, self.directed)

    def hyperedge(self, element: Element) -> None:
        """A tie among several nodes: one event whose interactions join every pair of its ends."""
        self.hyperedges += 1
        named = [attr(end, "node") for end in children(element, "endpoint")]
        ends = list(dict.fromkeys(e for e in named if e))
        where = f"<hyperedge> #{self.hyperedges}" + (f" (id {attr(element, 'id')!r})" if attr(element, "id") else "")
        if len(ends) < 2:
            self.builder.skipped.add("hyperedges with fewer than two nodes", where)
            return
        self.expanded += 1
        event = f"hyperedge {attr(element, 'id') or self.hyperedges}"
        for i, a in enumerate(ends):
            for b in ends[i + 1:]:
                self.builder.edge(a, b, where, event=event, id=event, extra={"directed": False, "hyperedge": True})

    def finish(self) -> None:
        report = self.builder.report
        if self.expanded:
            report.guessed.append(f"{self.expanded} hyperedges (ties among several nodes) read as one event "
                                  "each, with a tie between every pair of their nodes")
        if not self.groups:
            return
        ends = {x for edge in self.builder.edges for x in (edge.source, edge.target)}
        for group_id, (label, parent, where) in self.groups.items():
            if group_id in ends:  # an edge to the group itself: it is drawn as an actor too
                position, size, colour = self.group_pictures[group_id]
                self.builder.node(group_id, where, label=label, group=parent, position=position, size=size,
                                  colour=colour, group_label=self.groups[parent][0] if parent else "")
        members = sum(1 for node in self.builder.nodes.values() if node.group in self.groups)
        report.read.append(f"{len(self.groups)} yEd group nodes read as groups ({members} members)")


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


def _label_from(values: dict[str, str]) -> str:
    """The label among a node's values: a usual name first, then any key named like one ("station name")."""
    for name in _LABEL_KEYS:
        if (found := _pop(values, (name,))):
            return found
    for key in list(values):
        words = key.lower().replace("_", " ").replace("-", " ").split()
        if words and words[-1] in ("name", "label", "title") and values[key].strip():
            return values.pop(key)
    return ""


def _yed_picture(element: Element) -> tuple[tuple[float, float] | None, float | None, str]:
    """yEd's drawing of a node: the centre of its <y:Geometry> (y flipped: yEd's grows downwards), its
    size and its <y:Fill> colour."""
    for data in children(element, "data"):
        for item in data.iter():
            if local(item.tag) != "Geometry":
                continue
            x, y = finite(attr(item, "x")), finite(attr(item, "y"))
            w, h = finite(attr(item, "width")) or 0.0, finite(attr(item, "height")) or 0.0
            fill = next((attr(f, "color") or "" for f in data.iter() if local(f.tag) == "Fill"), "")
            centre = point(x + w / 2, y + h / 2, flip=True) if x is not None and y is not None else None
            return centre, (max(w, h) or None), fill
    return None, None, ""


def _node(builder: GraphBuilder, element: Element, keys: dict[str, str], defaults: dict[str, str],
          k: int, group: str = "", group_label: str = "") -> None:
    node_id = attr(element, "id")
    where = f"<node> #{k}" + (f" (id {node_id!r})" if node_id else "")
    if not node_id:
        raise DatasetError(builder.path, f"{where}: the node has no id")
    values, label = _values(element, keys, defaults)
    label = label or _label_from(values)
    position, size, colour = _yed_picture(element)
    lowered = {key.lower(): key for key in values}
    if position is None and "x" in lowered and "y" in lowered:  # networkx, Gephi and Cytoscape write x/y keys
        position = point(values[lowered["x"]], values[lowered["y"]])
        if position is not None:
            values.pop(lowered["x"])
            values.pop(lowered["y"])
    if size is None and "size" in lowered:
        size = finite(values[lowered["size"]])
    if {"r", "g", "b"} <= set(lowered):
        colour = hex_colour(*(values.pop(lowered[c]) for c in "rgb"))
    elif "color" in lowered or "colour" in lowered:
        raw = values.pop(lowered.get("color") or lowered["colour"])
        colour = raw  # any CSS form; the builder normalises it
    start, end = _pop(values, _START), _pop(values, _END)
    spells = [(start, end)] if start or end else []
    builder.node(node_id, where, label=label, colour=colour, spells=spells, extra=values, position=position,
                 size=size, group=group, group_label=group_label)


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
