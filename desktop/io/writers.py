"""Writing datasets: the native JSON format, and GEXF 1.3 so that Gephi users can go back.

Both writes are atomic (:mod:`desktop.io.atomic`): the file is written beside its destination and
moved over it, so a crash or a full disk never leaves half a file where a good one was.

GEXF cannot hold events, so each interaction becomes one edge carrying the event's id, title and kind
and the interaction's tone and weight; the GEXF reader gathers edges sharing an event id back into one
event. Actor groups travel as node attributes ``group``/``group_label`` plus the group's colour.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import xml.etree.ElementTree as ET  # writing only: user files are parsed with defusedxml
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from desktop.core.model import Actor, Dataset, Event
from desktop.core.time_axis import Instant
from desktop.io.atomic import atomic_write

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def _when(dataset: Dataset, instant: Instant, precision: str = "day") -> str | float:
    return dataset.axis.format_iso(instant, precision)  # type: ignore[arg-type]


def _empty(value: object) -> bool:
    """What the native writer leaves out: None, False and empty text or lists — never a zero."""
    if value is None or value is False:
        return True
    return isinstance(value, str | list | tuple) and len(value) == 0


def _picture(actor: Actor) -> dict[str, Any]:
    """The drawing the source file gave an actor (position, size, own colour), for a lossless convert."""
    out: dict[str, Any] = {}
    where = actor.extra.get("position")
    if isinstance(where, list | tuple) and len(where) == 2 and all(_finite(v) for v in where):
        out["position"] = [float(where[0]), float(where[1])]
    if _finite(actor.extra.get("size")):
        out["size"] = float(actor.extra["size"])
    colour = str(actor.extra.get("colour") or "")
    if _HEX.match(colour):
        out["colour"] = colour.lower()
    return out


def _finite(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def native_document(dataset: Dataset) -> dict[str, Any]:
    """The native JSON document of a dataset (format version 1)."""

    def compact(item: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in item.items() if not _empty(v)}

    actors = [compact({"id": a.id, "name": a.name or a.id, "group": a.group, "role": a.role, "kind": a.kind,
                       "aliases": list(a.aliases), "note": a.note,
                       "start": None if a.start is None else _when(dataset, a.start),
                       "end": None if a.end is None else _when(dataset, a.end), **_picture(a)})
              for a in dataset.actors]
    return compact({
        "relmap": 1,
        "title": dataset.title or "Untitled",
        "description": dataset.description,
        "time": {"kind": dataset.axis.kind, "unit": dataset.axis.unit},
        "sources": [compact({"id": s.id, "title": s.title, "publisher": s.publisher, "date": s.date, "url": s.url,
                             "authors": list(s.authors)}) for s in dataset.sources],
        "groups": [compact({"id": g.id, "label": g.label, "colour": g.colour if _HEX.match(g.colour) else ""})
                   for g in dataset.groups],
        "kinds": [compact({"id": k.id, "label": k.label, "cameo": k.cameo, "cameo_label": k.cameo_label})
                  for k in dataset.kinds],
        "actors": actors,
        "events": [_event(dataset, e, compact) for e in dataset.events],
        "chapters": [compact({"id": c.id, "title": c.title, "start": _when(dataset, c.start),
                              "end": _when(dataset, c.end), "summary": c.summary}) for c in dataset.chapters],
        "notes": [compact({"topic": n.topic, "text": n.text,
                           "sources": [compact({"source": r.source, "section": r.section}) for r in n.sources]})
                  for n in dataset.notes],
    })


def _event(dataset: Dataset, event: Event, compact: Callable[[dict[str, Any]], dict[str, Any]]) -> dict[str, Any]:
    return compact({
        "id": event.id, "date": _when(dataset, event.time, event.date_precision),
        "date_precision": event.date_precision if dataset.axis.is_date else "",
        "end_date": None if event.end_time is None else _when(dataset, event.end_time),
        "title": event.title, "summary": event.summary, "kind": event.kind, "place": event.place,
        "participants": list(event.participants),
        "sources": [compact({"source": r.source, "section": r.section}) for r in event.sources],
        # The format holds only positive weights (schema: exclusiveMinimum 0); a zero weight is left out,
        # which reads back as the default 1, rather than written into a file that would then be refused.
        "interactions": [compact({"a": i.a, "b": i.b, "tone": i.tone, "weight": i.weight or None, "note": i.note})
                         | {"tone": i.tone} for i in event.interactions],
        "date_note": event.date_note, "background": event.background,
    })


def write_native(dataset: Dataset, path: Path | str) -> None:
    """Save as a native ``.relmap.json`` file."""
    text = json.dumps(native_document(dataset), ensure_ascii=False, indent=1)
    data = text.encode("utf-8") + b"\n"

    def write(handle: IO[bytes]) -> None:
        handle.write(data)

    atomic_write(path, write)


def _gexf_time(dataset: Dataset, instant: Instant) -> str:
    if dataset.axis.is_date:
        day = dataset.axis.to_date(instant)
        return (day or dt.date.min).isoformat()
    return repr(float(instant))


def gexf_tree(dataset: Dataset) -> ET.Element:
    """A GEXF 1.3 dynamic document of the dataset."""
    root = ET.Element("gexf", {"xmlns": "http://gexf.net/1.3", "xmlns:viz": "http://gexf.net/1.3/viz",
                               "version": "1.3"})
    meta = ET.SubElement(root, "meta", {"lastmodifieddate": dt.date.today().isoformat()})
    ET.SubElement(meta, "creator").text = "Relmap"
    ET.SubElement(meta, "description").text = dataset.description or dataset.title
    graph = ET.SubElement(root, "graph", {
        "mode": "dynamic", "defaultedgetype": "undirected", "timerepresentation": "interval",
        "timeformat": "date" if dataset.axis.is_date else "double"})
    node_attrs = ET.SubElement(graph, "attributes", {"class": "node", "mode": "static"})
    for name in ("group", "group_label", "role"):
        ET.SubElement(node_attrs, "attribute", {"id": name, "title": name, "type": "string"})
    edge_attrs = ET.SubElement(graph, "attributes", {"class": "edge", "mode": "static"})
    for name, kind in (("event", "string"), ("tone", "double"), ("date_precision", "string")):
        ET.SubElement(edge_attrs, "attribute", {"id": name, "title": name, "type": kind})
    nodes = ET.SubElement(graph, "nodes")
    groups = dataset.group_by_id
    for actor in dataset.actors:
        node = ET.SubElement(nodes, "node", {"id": actor.id, "label": actor.name})
        if actor.start is not None:
            node.set("start", _gexf_time(dataset, actor.start))
        if actor.end is not None:
            node.set("end", _gexf_time(dataset, actor.end))
        values = {"group": actor.group, "role": actor.role,
                  "group_label": groups[actor.group].label if actor.group in groups else ""}
        _attvalues(node, values)
        picture = _picture(actor)
        colour = picture.get("colour") or (groups[actor.group].colour if actor.group in groups else "")
        if _HEX.match(colour):
            r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
            ET.SubElement(node, "viz:color", {"r": str(r), "g": str(g), "b": str(b)})
        if "position" in picture:
            x, y = picture["position"]
            ET.SubElement(node, "viz:position", {"x": repr(x), "y": repr(y), "z": "0.0"})
        if "size" in picture:
            ET.SubElement(node, "viz:size", {"value": repr(picture["size"])})
    edges = ET.SubElement(graph, "edges")
    for event in dataset.events:
        for k, interaction in enumerate(event.interactions):
            edge = ET.SubElement(edges, "edge", {
                "id": f"{event.id}:{k}", "source": interaction.a, "target": interaction.b,
                "weight": repr(float(interaction.weight)), "start": _gexf_time(dataset, event.time),
                "end": _gexf_time(dataset, event.end_time if event.end_time is not None else event.time)})
            if event.title:
                edge.set("label", event.title)
            if event.kind:
                edge.set("kind", event.kind)
            _attvalues(edge, {"event": event.id, "tone": repr(float(interaction.tone)),
                              "date_precision": event.date_precision})
            _edge_picture(edge, event)
    return root


def _edge_picture(edge: ET.Element, event: Event) -> None:
    """The colour and thickness the source file drew an edge with (GEXF, GML graphics), when it gave them."""
    colour = str(event.extra.get("colour") or "")
    if _HEX.match(colour):
        r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
        ET.SubElement(edge, "viz:color", {"r": str(r), "g": str(g), "b": str(b)})
    if _finite(event.extra.get("thickness")):
        ET.SubElement(edge, "viz:thickness", {"value": repr(float(event.extra["thickness"]))})


def _attvalues(element: ET.Element, values: dict[str, str]) -> None:
    present = {k: v for k, v in values.items() if v}
    if present:
        holder = ET.SubElement(element, "attvalues")
        for key, value in present.items():
            ET.SubElement(holder, "attvalue", {"for": key, "value": value})


def write_gexf(dataset: Dataset, path: Path | str) -> None:
    """Save as GEXF 1.3 (dynamic), readable by Gephi 0.9+."""
    tree = ET.ElementTree(gexf_tree(dataset))
    ET.indent(tree, space=" ")
    atomic_write(path, lambda handle: tree.write(handle, encoding="utf-8", xml_declaration=True))
