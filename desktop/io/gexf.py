"""GEXF 1.1, 1.2 and 1.3, static and dynamic, as Gephi and the GEXF examples write it.

Read without networkx (its ``read_gexf`` knows three namespaces, drops timestamps and rejects open
bounds). Elements are matched by local name so every namespace variant reads the same. Time can sit on
nodes and edges (``start``/``end``, ``startopen``/``endopen``, ``timestamp``), in ``<spells>`` or the
legacy ``<slices>``, and on ``<attvalue>``s; a file in ``mode="slice"`` is one snapshot at the graph's
``timestamp``. An edge becomes one event per spell, or one per timed value of a dynamic ``weight``
(a weight that changes is a series of contacts of that intensity). A missing ``timeformat`` is inferred
from the values. See :mod:`desktop.io.graph_builder` for how nodes and edges become actors and events.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

from desktop.core.colours import normalise_colour
from desktop.io._xml import attr, attrs, child, children, head_text, local, parse_xml
from desktop.io.file_values import finite, hex_colour, point
from desktop.io.graph_builder import GraphBuilder
from desktop.io.intervals import parse_intervals
from desktop.io.limits import DEFAULT_LIMITS, Limits
from desktop.io.problems import DatasetError, LoadReport, LoadResult
from desktop.io.progress import Progress, ProgressCallback
from desktop.io.reader import Reader

LABEL = "GEXF graph (Gephi)"
_TONE_NAMES = ("tone", "sign", "polarity", "goldstein", "goldsteinscale")

Bounds = tuple[str | None, str | None]


def sniff(path: Path, head: bytes) -> bool:
    text = head_text(head)
    return text.startswith("<") and "<gexf" in text


def _bounds(element: Element, names: Mapping[str, str] | None = None) -> list[Bounds]:
    """Every (start, end) an element states on itself: an interval, a timestamp or a timestamp set."""
    get = (attrs(element) if names is None else names).get
    stamp = get("timestamp")
    if stamp:
        return [(stamp, stamp)]
    stamps = get("timestamps")
    if stamps:
        return [(p.start, p.start) for p in parse_intervals(stamps, points=True) or []]
    start = get("start") or get("startopen") or None
    end = get("end") or get("endopen") or None
    return [(start, end)] if start or end else []


def _spells(element: Element) -> list[Bounds]:
    out: list[Bounds] = []
    if not len(element):  # most elements have no children at all
        return out
    for holder, name in (("spells", "spell"), ("slices", "slice")):
        for group in children(element, holder):
            for spell in children(group, name):
                out.extend(_bounds(spell) or [(None, None)])
    return out


def _attvalues(element: Element) -> Iterator[Element]:
    yield from children(element, "attvalue")
    for group in children(element, "attvalues"):
        yield from children(group, "attvalue")


def _colour(element: Element) -> str:
    viz = child(element, "color")
    if viz is None:
        return ""
    hex_value = attr(viz, "hex")
    if hex_value:
        return hex_value
    return hex_colour(attr(viz, "r"), attr(viz, "g"), attr(viz, "b"))


def _viz(element: Element) -> tuple[tuple[float, float] | None, float | None]:
    """Gephi's drawing of a node: ``<viz:position x y>`` (y up, as Gephi shows it) and ``<viz:size>``."""
    if not len(element):
        return None, None
    where = child(element, "position")
    size = child(element, "size")
    return (point(attr(where, "x"), attr(where, "y")) if where is not None else None,
            finite(attr(size, "value")) if size is not None else None)


class _Schema:
    """The declared attributes per class, so ``for="2"`` can be read as ``indegree``."""

    def __init__(self, graph: Element) -> None:
        self.titles: dict[tuple[str, str], str] = {}
        self.defaults: dict[str, dict[str, str]] = {"node": {}, "edge": {}}
        for block in children(graph, "attributes"):
            cls = (attr(block, "class") or "node").lower()
            for item in children(block, "attribute"):
                key = attr(item, "id") or attr(item, "title") or ""
                title = attr(item, "title") or key
                self.titles[(cls, key)] = title
                default = child(item, "default")
                if default is not None and default.text is not None:
                    self.defaults.setdefault(cls, {})[title] = default.text.strip()

    def values(self, cls: str, element: Element) -> tuple[dict[str, Any], dict[str, list[tuple[str, Bounds]]]]:
        """Static values by title, and timed values by title as (value, bounds) lists."""
        static: dict[str, Any] = dict(self.defaults.get(cls, {}))
        timed: dict[str, list[tuple[str, Bounds]]] = {}
        if not len(element):
            return static, timed
        for value in _attvalues(element):
            key = attr(value, "for") or attr(value, "id") or ""
            title = self.titles.get((cls, key), key)
            text = attr(value, "value") or ""
            bounds = _bounds(value)
            if bounds:
                timed.setdefault(title, []).extend((text, b) for b in bounds)
            else:
                static[title] = text
        return static, timed


def _nodes(container: Element, path: Path, limits: Limits) -> Iterator[Element]:
    """Nodes in document order, nested ones (GEXF hierarchies) after their parent; a stack, not
    recursion, so a hostile file nesting thousands of levels is refused, not a crash."""
    stack: list[tuple[Iterator[Element], int]] = [(iter(_child_nodes(container)), 1)]
    while stack:
        level, depth = stack[-1]
        node = next(level, None)
        if node is None:
            stack.pop()
            continue
        yield node
        if depth >= limits.max_json_depth:
            raise DatasetError(path, f"<node>: nodes nested deeper than the limit of {limits.max_json_depth} "
                                     "levels (max_json_depth)")
        stack.append((iter(_child_nodes(node)), depth + 1))


def _child_nodes(container: Element) -> list[Element]:
    return [node for group in children(container, "nodes") for node in children(group, "node")]


def read(path: Path, *, limits: Limits = DEFAULT_LIMITS, progress: Progress | ProgressCallback | None = None,
         **_: Any) -> LoadResult:
    """Load a GEXF file; see the module docstring for how its time is read."""
    tracker = Progress.of(progress)
    root = parse_xml(path, tracker.part(0.0, 0.4) if tracker.callback else None)
    if local(root.tag) != "gexf":
        raise DatasetError(path, f"<{local(root.tag)}>: not a GEXF document (the root element must be <gexf>)")
    graph = child(root, "graph")
    if graph is None:
        raise DatasetError(path, "<gexf>: no <graph> element")
    report = LoadReport(path, LABEL)
    version = attr(root, "version") or "?"
    mode = (attr(graph, "mode") or "static").lower()
    timezone = None
    if attr(graph, "timezone"):
        try:
            timezone = zoneinfo.ZoneInfo(attr(graph, "timezone") or "")
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            report.warn("<graph>", f"unknown time zone {attr(graph, 'timezone')!r}; times read as written")
    builder = GraphBuilder(path, report, limits, time_hint=attr(graph, "timeformat") or "", timezone=timezone)
    builder.bounds = [b for b in (attr(graph, "start"), attr(graph, "end")) if b]
    if mode == "slice":
        builder.static_at = attr(graph, "timestamp") or attr(graph, "start")
        builder.bounds = []
    default_type = (attr(graph, "defaultedgetype") or "directed").lower()
    schema = _Schema(graph)
    step = tracker.part(0.4, 0.5).every
    total = sum(len(group) for group in children(graph, "nodes"))
    for k, element in enumerate(_nodes(graph, path, limits)):
        step(k, total)
        names = attrs(element)
        node_id = names.get("id")
        where = f"<node> #{k + 1}" + (f" (id {node_id!r})" if node_id else "")
        if not node_id:
            raise DatasetError(path, f"{where}: the node has no id")
        static, timed = schema.values("node", element)
        spells = _bounds(element, names) + _spells(element)
        label = names.get("label") or static.get("label") or static.get("name") or ""
        extra = {**static, **{title: [[v, s, e] for v, (s, e) in items] for title, items in timed.items()}}
        position, size = _viz(element)
        builder.node(node_id, where, label=label, colour=_colour(element), spells=spells, extra=extra,
                     position=position, size=size)
    edges = child(graph, "edges")
    step = tracker.part(0.5, 0.75).every
    total = len(edges) if edges is not None else 0
    for k, element in enumerate(children(edges, "edge") if edges is not None else []):
        step(k, total)
        _edge(builder, schema, element, k, default_type)
    meta = child(root, "meta")
    description = ""
    if meta is not None and child(meta, "description") is not None:
        description = (child(meta, "description").text or "").strip()  # type: ignore[union-attr]
    report.read.append(f"GEXF {version}, mode {mode}")
    builder.progress = tracker.part(0.75, 1.0)
    dataset = builder.build(path.stem, description)
    return LoadResult(dataset, report)


def _edge(builder: GraphBuilder, schema: _Schema, element: Element, k: int, default_type: str) -> None:
    names = attrs(element)
    get = names.get
    edge_id = get("id") or ""
    where = f"<edge> #{k + 1}" + (f" (id {edge_id!r})" if edge_id else "")
    source, target = get("source"), get("target")
    if not source or not target:
        builder.report.warn(where, "edge without a source or target; skipped")
        builder.skipped.add("edges without a source or target", where)
        return
    if not len(element) and not schema.defaults.get("edge"):
        # The common bare edge (no attvalues, spells or defaults): the general path below, minus its empty work.
        directed = (get("type") or default_type).lower() != "undirected"
        bare = {"id": edge_id, "title": get("label") or "", "kind": get("kind") or "", "event": ""}
        weight = _number(get("weight") or None)
        for start, end in _bounds(element, names) or [(None, None)]:
            builder.edge(source, target, where, start=start, end=end, weight=weight, tone=None,
                         extra={"directed": directed}, **bare)
        return
    static, timed = schema.values("edge", element)
    lower = {title.lower(): title for title in [*static, *timed]}
    weight_key = lower.get("weight") or lower.get("value") or ""
    weight = _number(get("weight") or static.pop(weight_key, None))
    tone_key = next((lower[name] for name in _TONE_NAMES if name in lower), None)
    tone = _number(static.pop(tone_key, None)) if tone_key else None
    fields: dict[str, Any] = {
        "id": edge_id, "title": get("label") or static.pop("title", ""),
        "kind": get("kind") or static.pop("kind", ""), "event": static.pop("event", ""),
    }
    edge_type = (get("type") or default_type).lower()
    extra = {**static, **_edge_viz(element), "directed": edge_type != "undirected"}
    extra.update({title: [[v, s, e] for v, (s, e) in items] for title, items in timed.items()
                  if title != weight_key})
    own = _bounds(element, names) + _spells(element)
    weights = timed.get(weight_key, [])
    if weights:
        own_start = own[0][0] if own else None
        for value, (start, end) in weights:
            builder.edge(source, target, where, start=start or own_start, end=end, weight=_number(value),
                         tone=tone, extra=extra, **fields)
        return
    for start, end in own or [(None, None)]:
        builder.edge(source, target, where, start=start, end=end, weight=weight, tone=tone, extra=extra,
                     **fields)


def _edge_viz(element: Element) -> dict[str, Any]:
    """An edge's ``<viz:color>`` and ``<viz:thickness>``, kept with the edge's attributes (``extra``)."""
    out: dict[str, Any] = {}
    colour = normalise_colour(_colour(element))
    if colour:
        out["colour"] = colour
    thickness = child(element, "thickness")
    if thickness is not None and (value := finite(attr(thickness, "value"))) is not None:
        out["thickness"] = value
    return out


def _number(text: Any) -> float | None:
    if text is None or text == "":
        return None
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


READER = Reader(name="gexf", label=LABEL, extensions=(".gexf",), read=read, sniff=sniff, priority=50)
