"""Turning a generic graph (nodes and edges, maybe timed) into a Dataset, the same way for every format.

A generic file has no events, only edges. The rules, shared by GEXF, GraphML, CSV, JSON, GML and Pajek:

* each node becomes an :class:`Actor` (label from wherever the file kept it, else the id; ids stay
  strings even when they look like numbers); a node's lifetime becomes ``Actor.start``/``end``;
* each edge, and each separate time of an edge (a spell, a repeated row, a timed weight value), becomes
  an :class:`Event` holding one :class:`Interaction`. Parallel edges are repeated interactions, not
  errors: one letter is one contact. Self-loops cannot be drawn as a tie and are skipped with a report;
* the weight becomes the interaction's weight (intensity); a tone column becomes its tone, clipped to
  -2..+2. When a file has negative weights and no tone, the weights are signed: tone = clip(w) and
  weight = |w|. Otherwise tone is 0, a neutral contact;
* a missing bound of a timed edge is open (±infinity) and clipped to the span of the data; an edge
  without any time in a timed file lasts the whole span; in a file without time every event sits at one
  instant, which makes the dataset static (the app hides the slider);
* endpoints never declared as nodes are created, with a report line (as Gephi does).

Readers hand over raw strings for times; the builder infers one :class:`TimeFormat` for the whole file
so that every instant lives on one axis.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, Literal

from desktop.core.colours import normalise_colour
from desktop.core.model import MAX_WEIGHT, Actor, Dataset, Event, Group, Interaction
from desktop.core.palette import GROUP_PALETTE
from desktop.core.time_axis import TimeAxis, TimeParseError
from desktop.io.file_values import MAX_DIGITS, huge_number
from desktop.io.limits import DEFAULT_LIMITS, Limits, long_text, too_long
from desktop.io.problems import DatasetError, LoadReport, Problem
from desktop.io.progress import Progress
from desktop.io.raw_graph import RawEdge, RawNode, Span, Tally
from desktop.io.timeparse import TimeFormat, TimeValue, classify, infer_format

_TIME_KEYS = ("date", "datetime", "timestamp", "time", "when", "year", "day")
GROUP_NAMES = ("group", "modularity_class", "modularity class", "partition", "community", "cluster",
               "category", "class", "faction", "party", "country", "region", "type")


def pick_group_key(names: Iterable[str]) -> str | None:
    """The attribute that partitions actors (a community, a party, a colour class), if any."""
    lowered = {name.lower().replace("_", " "): name for name in names}
    for wanted in GROUP_NAMES:
        if wanted.replace("_", " ") in lowered:
            return lowered[wanted.replace("_", " ")]
    return None


class GraphBuilder:
    """Collects nodes and edges as a reader meets them, then builds one Dataset with one report."""

    def __init__(self, path: Path, report: LoadReport, limits: Limits = DEFAULT_LIMITS, *,
                 time_hint: str = "", timezone: Any = None) -> None:
        self.path = path
        self.report = report
        self.limits = limits
        self.time_hint = time_hint
        self.timezone = timezone
        self.nodes: dict[str, RawNode] = {}
        self._ids: dict[str, str] = {}
        self._times: dict[str, str] = {}
        self.edges: list[RawEdge] = []
        self.bounds: list[str] = []
        self.static_at: str | None = None
        self.skipped = Tally()
        self.format: TimeFormat | None = None
        self._cache: dict[str, TimeValue | None] = {}
        self.progress = Progress(None)  # readers hand over the last slice of their bar for build()

    def node(self, node_id: str, location: str = "", **fields: Any) -> RawNode:
        node = self.nodes.get(node_id)
        if node is None:
            node_id = self._ids.setdefault(node_id, node_id)
            node = self.nodes[node_id] = RawNode(node_id, location=location)
            if len(self.nodes) > self.limits.max_actors:
                raise DatasetError(self.path, Problem(
                    location, f"more than {self.limits.max_actors:,} nodes, the limit (max_actors)"))
        elif location:
            self.skipped.add("repeated node ids merged into one actor", location)
        self._check_text(location or f"node {node_id[:40]!r}",
                         (node_id, *fields.values(), *fields.get("extra", {}).values()))
        for key, value in fields.items():
            if key == "colour":
                value = normalise_colour(value)  # rgb(), #rgb, CSS names … all become #rrggbb
            if key == "extra":
                node.extra.update(value)
            elif key == "spells":
                node.spells.extend(value)
            elif value:
                setattr(node, key, value)
        return node

    def edge(self, source: str, target: str, location: str, *, start: str | None = None,
             end: str | None = None, weight: float | None = None, tone: float | None = None,
             **fields: Any) -> None:
        if len(self.edges) >= self.limits.max_interactions:
            raise DatasetError(self.path, Problem(
                location, f"more than {self.limits.max_interactions:,} edges, the limit (max_interactions)"))
        self._check_text(location, (source, target, start, end, *fields.values(),
                                    *fields.get("extra", {}).values()))
        for text, what in ((start, "start"), (end, "end")):
            if text is not None and len(text) > MAX_DIGITS and text.lstrip("+-").isdigit():
                raise DatasetError(self.path, huge_number(location, what, len(text.lstrip("+-"))))
        ids = self._ids  # one string per actor id, not one per row that names it
        source, target = ids.setdefault(source, source), ids.setdefault(target, target)
        times = self._times  # and one per distinct time, while there are few
        if len(times) < 65_536:
            start = start if start is None else times.setdefault(start, start)
            end = end if end is None else times.setdefault(end, end)
        self.edges.append(RawEdge(source, target, start, end, weight, tone, location, **fields))

    def _check_text(self, location: str, values: Iterable[Any]) -> None:
        length = long_text(self.limits, values)
        if length:
            raise DatasetError(self.path, too_long(self.limits, location, length))

    # -- building -------------------------------------------------------------------------------

    def _time_values(self) -> list[str]:
        values = [v for e in self.edges for v in (e.start, e.end) if v is not None]
        values += [v for n in self.nodes.values() for spell in n.spells for v in spell if v is not None]
        values += self.bounds
        if self.static_at:
            values.append(self.static_at)
        return values

    def _parse(self, text: str | None, location: str, what: str) -> TimeValue | Literal[False] | None:
        """A value, None if absent (an open bound), False if unusable (already reported)."""
        if text is None:
            return None
        assert self.format is not None
        try:
            value = self._cache[text] if text in self._cache else self._cache.setdefault(text, self.format.parse(text))
        except TimeParseError as exc:
            self.report.warn(location, f"{what}: {exc}; skipped")
            self.skipped.add("edges with an impossible or unreadable time", location)
            return False
        if value is None:
            self.skipped.add(f"edges with an unknown time such as {text.strip()!r}", location)
            return False
        return value

    def adopt_time_attribute(self) -> None:
        """A file without time may still date its edges in an ordinary attribute (a letter's ``date``).

        When no element carries time, the first edge attribute named like a date whose values mostly read
        as times becomes each edge's time; the report says which.
        """
        if self._time_values() or not self.edges:
            return
        keys: Counter[str] = Counter(k for e in self.edges[:2000] for k in e.extra)
        for key in sorted(keys, key=lambda k: (_TIME_KEYS.index(k.lower()) if k.lower() in _TIME_KEYS else 99)):
            if key.lower() not in _TIME_KEYS:
                break
            sample = [str(e.extra[key]) for e in self.edges[:2000] if e.extra.get(key) not in (None, "")]
            good = sum(classify(v) in ("date", "year", "number") for v in sample)
            if sample and good >= 0.5 * len(sample):
                for edge in self.edges:
                    raw = edge.extra.get(key)
                    edge.start = edge.end = "" if raw is None else str(raw)
                self.report.guessed.append(f"edge attribute {key!r} read as the time of each edge")
                return

    def auto_groups(self) -> None:
        """Groups from a partition-like node attribute, or else from distinct node colours."""
        if any(node.group for node in self.nodes.values()):
            return
        names = dict.fromkeys(k for node in self.nodes.values() for k in node.extra)
        key = pick_group_key(names)
        if key is not None:
            values = {str(node.extra[key]) for node in self.nodes.values() if node.extra.get(key) not in (None, "")}
            if 1 <= len(values) <= max(12, len(self.nodes) // 2):
                for node in self.nodes.values():
                    value = node.extra.get(key)
                    if value not in (None, ""):
                        node.group = str(value)
                        node.group_label = str(node.extra.pop("group_label", "") or "")
                        node.group_label = node.group_label or (
                            f"{key} {value}" if str(value).lstrip("-").isdigit() else str(value))
                self.report.guessed.append(f"groups from node attribute {key!r} ({len(values)} groups)")
                return
        colours = {node.colour for node in self.nodes.values() if node.colour}
        if 2 <= len(colours) <= 30:
            for node in self.nodes.values():
                node.group = node.colour
            self.report.guessed.append(f"groups from node colours ({len(colours)} colours)")

    def build(self, title: str, description: str = "", extra: Mapping[str, Any] | None = None) -> Dataset:
        self.adopt_time_attribute()
        self.auto_groups()
        values = self._time_values()
        timed = bool(values)
        self.format = infer_format(values, self.time_hint, self.timezone) if timed else None
        del values  # a reference to every time string: let them go with their edges
        axis = self.format.axis if self.format else TimeAxis("number", "step")
        if self.format:
            unit = "dates" if axis.is_date else f"numbers ({axis.unit}s)"
            self.report.guessed.append(f"time read as {unit}")
        self.progress(0.0)
        spans = self._edge_times()
        self.progress(0.3)
        finite = [t for span in spans if span is not None for t in span[:2] if t is not None and math.isfinite(t)]
        finite += self._finite_bounds()
        finite += [v.start for n in self.nodes.values() for spell in n.spells for text in spell
                   if (v := self._parse_quiet(text)) and math.isfinite(v.start)]
        lo, hi = (min(finite), max(finite)) if finite else (0.0, 0.0)
        events = self._events(spans, lo, hi)
        self.progress(0.85)
        actors, groups = self._actors(lo, hi)
        for line in self.skipped.lines():
            self.report.skipped.append(line)
        if not actors and not events:
            raise DatasetError(self.path, "no nodes or edges found")
        extra = dict(extra or {})
        placed = sum(node.position is not None for node in self.nodes.values())
        if placed:
            extra["file_layout"] = placed == len(self.nodes)
            self.report.read.append(
                f"positions for {placed} of {len(self.nodes)} nodes: "
                + ("the file's layout is used (View → Use the file's layout)" if placed == len(self.nodes)
                   else "a starting point for the layout"))
        dataset = Dataset(title=title, description=description, actors=tuple(actors), events=tuple(events),
                          axis=axis, groups=tuple(groups), origin=str(self.path), extra=extra)
        span = f"{axis.format(dataset.span[0])} – {axis.format(dataset.span[1])}"
        self.report.read.insert(0, f"{len(actors)} actors, {len(events)} events "
                                   f"({'static' if dataset.is_static else span})")
        return dataset

    def _finite_bounds(self) -> list[float]:
        out = []
        for text in [*self.bounds, *([self.static_at] if self.static_at else [])]:
            value = self._parse_quiet(text)
            if value and math.isfinite(value.start):
                out.append(value.start)
        return out

    def _parse_quiet(self, text: str | None) -> TimeValue | None:
        if text is None or self.format is None:
            return None
        try:
            return self.format.parse(text)
        except TimeParseError:
            return None

    def _edge_times(self) -> list[Span | None]:
        """Each edge's (start, end, value), or None for an edge skipped for its time: a list, not a dict,
        because at two million edges a dict's entries alone cost hundreds of megabytes."""
        total = len(self.edges)
        if self.format is None:
            return [_UNTIMED] * total
        out: list[Span | None] = [None] * total
        static_at = self._parse_quiet(self.static_at)
        step = self.progress.part(0.0, 0.3).every
        for i, edge in enumerate(self.edges):
            step(i, total)
            start = self._parse(edge.start, edge.location, "start")
            end = self._parse(edge.end, edge.location, "end") if edge.end != edge.start else start
            if start is False or end is False:
                continue
            if start is None and end is None and static_at is not None:
                start = end = static_at
            s = start.start if start else None
            # A point: a range inside one value (1929--1931) stays a point at its start, with its note.
            last = (end.end if end.end is not None else end.start) if end else None
            e = s if edge.end == edge.start else last
            if s is not None and e is not None and e < s:
                self.report.warn(edge.location, "ends before it starts; skipped")
                self.skipped.add("edges that end before they start", edge.location)
                continue
            out[i] = (s, e, start or end)
        return out

    def _events(self, spans: list[Span | None], lo: float, hi: float) -> list[Event]:
        """One event per edge (or per group of edges sharing an event id), built with as little held per
        edge as possible: ids are generated without a set of them all, and small ``extra`` dicts that
        repeat (``{"directed": True}`` on every Pajek arc) are shared between the frozen events."""
        signed = any(e.weight is not None and e.weight < 0 and e.tone is None for e in self.edges)
        if signed:
            self.report.guessed.append("negative weights found: weights read as signed tone (clipped to ±2)")
        clipped = 0
        out: list[Event] = []
        by_event: dict[str, int] = {}  # an edge's own event id → its event's place in ``out``
        grouped: dict[int, list[Interaction]] = defaultdict(list)
        given = {name for e in self.edges for name in (e.event, e.id) if name}  # ids the file chose
        used_ids: set[str] = set()  # of those, the ones taken
        extras: dict[tuple[Any, ...], dict[str, Any]] = {}
        floats: dict[float, float] = {}
        declared = bool(self.nodes)
        if not declared:
            self.report.read.append("no node list: actors are the edges' endpoints")
        step, total = self.progress.part(0.3, 0.85).every, len(self.edges)
        nodes, skip, isfinite = self.nodes, self.skipped.add, math.isfinite  # hoisted: this loop runs per edge
        too_heavy = Tally()
        edges = self.edges
        for i in range(total):
            step(i, total)
            # Each raw edge is let go as its event is made, so the two never all exist at once: this keeps the
            # peak of a two-million-interaction file near the size of the dataset itself.
            edge, edges[i] = edges[i], _DONE
            span, spans[i] = spans[i], None
            if span is None:
                continue
            source, target = edge.source, edge.target
            if source == target:
                skip("self-loops (an actor cannot have a tie with themselves)", edge.location)
                continue
            if source not in nodes or target not in nodes:
                for end_id in (source, target):
                    if end_id not in nodes:
                        nodes[end_id] = RawNode(end_id, location=edge.location)
                        if declared:
                            skip("endpoints not declared as nodes (created as actors)", edge.location)
            weight = 1.0 if edge.weight is None or not isfinite(edge.weight) else edge.weight
            tone = edge.tone if edge.tone is not None and isfinite(edge.tone) else 0.0
            if signed and edge.tone is None:
                tone, weight = weight, abs(weight)
            if not -MAX_WEIGHT <= weight <= MAX_WEIGHT:  # 1e308 is finite, but two of them sum to infinity
                weight = math.copysign(MAX_WEIGHT, weight)
                too_heavy.add(f"weights above {MAX_WEIGHT:,.0f} clipped to that", edge.location)
            if not -2.0 <= tone <= 2.0:
                clipped += 1
                tone = max(-2.0, min(2.0, tone))
            if len(floats) < 4096:  # tones and weights repeat (-2…2, 1.0): one float object per value
                tone, weight = floats.setdefault(tone, tone), floats.setdefault(weight, weight)
            interaction = Interaction(source, target, tone, weight)
            if edge.event and edge.event in by_event:
                grouped[by_event[edge.event]].append(interaction)
                continue
            s, e, value = span
            s = lo if s is None or not isfinite(s) else s
            e = hi if e is None or not isfinite(e) else e
            candidate = edge.event or edge.id
            if not candidate:
                event_id = f"e{i}"  # unique among the generated ones; only a file's own id can clash
                if event_id in given:
                    event_id = _unique(event_id, used_ids | given)
                    used_ids.add(event_id)
            elif candidate in used_ids:
                event_id = _unique(candidate, used_ids)
            else:
                event_id = candidate
                used_ids.add(candidate)
            if edge.event:
                by_event[edge.event] = len(out)
            title = edge.title or f"{nodes[source].label or source} – {nodes[target].label or target}"
            # The reader made edge.extra for this edge (or its pieces); the frozen Event only reads it.
            out.append(Event(
                id=event_id, time=s, date_precision=value.precision if value else "day",
                end_time=e if e > s else None, title=title, kind=edge.kind, participants=(source, target),
                interactions=(interaction,), date_note=value.note if value else "",
                extra=_shared(edge.extra, extras),
            ))
        if clipped:
            self.report.guessed.append(f"{clipped} tones outside -2..+2 clipped")
        self.report.guessed.extend(too_heavy.lines())
        self.edges = []
        for k, more in grouped.items():
            event = out[k]
            people = dict.fromkeys([*event.participants, *(x for i in more for x in (i.a, i.b))])
            out[k] = replace(event, interactions=(*event.interactions, *more), participants=tuple(people))
        return out

    def _actors(self, lo: float, hi: float) -> tuple[list[Actor], list[Group]]:
        groups: dict[str, Group] = {}
        colours: dict[str, Counter[str]] = defaultdict(Counter)
        for node in self.nodes.values():
            if node.group:
                colours[node.group][node.colour] += 1
        for n, (group_id, counter) in enumerate(colours.items()):
            colour = next((c for c, _ in counter.most_common() if c), GROUP_PALETTE[n % len(GROUP_PALETTE)])
            label = next((x.group_label for x in self.nodes.values() if x.group == group_id and x.group_label),
                         group_id)
            groups[group_id] = Group(group_id, label, colour)
        actors = []
        for node in self.nodes.values():
            start = end = None
            for s_text, e_text in node.spells:
                s, e = self._parse_quiet(s_text), self._parse_quiet(e_text)
                if s and math.isfinite(s.start):
                    start = s.start if start is None else min(start, s.start)
                if e and math.isfinite(e.start):
                    e_val = e.end if e.end is not None else e.start
                    end = e_val if end is None else max(end, e_val)
            extra = dict(node.extra)
            if node.colour:
                extra.setdefault("colour", node.colour)
            if node.position is not None:
                extra["position"] = [node.position[0], node.position[1]]
            if node.size is not None:
                extra["size"] = node.size
            if len(node.spells) > 1:
                extra["spells"] = [list(spell) for spell in node.spells]
            actors.append(Actor(id=node.id, name=node.label or node.id, group=node.group,
                                start=start, end=end, extra=extra))
        return actors, list(groups.values())


_NO_EXTRA: dict[str, Any] = {}
_DONE = RawEdge("", "", None, None, None, None, "")  # stands in for an edge already turned into an event
_UNTIMED: Span = (None, None, None)


def _shared(extra: dict[str, Any], cache: dict[tuple[Any, ...], dict[str, Any]]) -> dict[str, Any]:
    """One dict for every event whose small ``extra`` is the same; events are frozen and never change it."""
    if not extra:
        return _NO_EXTRA
    if len(extra) > 4 or len(cache) >= 4096:
        return extra
    try:
        return cache.setdefault(tuple(extra.items()), extra)
    except TypeError:  # a list or dict value: not hashable, kept as it is
        return extra


def _unique(candidate: str, used: set[str]) -> str:
    name, n = candidate, 1
    while name in used:
        n += 1
        name = f"{candidate}#{n}"
    used.add(name)
    return name
