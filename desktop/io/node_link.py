"""Node-link JSON: networkx ``node_link_data`` (``links`` or ``edges``), d3 and graphology exports.

d3 files often give nodes no id and refer to them by position (``"source": 3``); networkx files give
ids, which may themselves be numbers. A link end is read as an id when a node has that id, else as a
position when it is an integer in range (the report says so), else it names an undeclared node, which
is created with a report line. An out-of-range position in an index-based file is a located error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop.io.file_values import as_number, as_text, finite, point
from desktop.io.graph_builder import GraphBuilder
from desktop.io.json_values import load_json
from desktop.io.limits import DEFAULT_LIMITS, Limits, check_document
from desktop.io.problems import DatasetError, LoadReport, LoadResult, Problem
from desktop.io.reader import Reader

LABEL = "Node-link JSON (networkx, d3)"
_LABELS = ("label", "name", "title")
_TONE = ("tone", "sign", "polarity", "goldstein")


def sniff(path: Path, head: bytes) -> bool:
    text = head.decode("utf-8", "ignore").lstrip("\ufeff \t\r\n")
    return text.startswith("{") and '"nodes"' in text and '"relmap"' not in text[:200]


def _flat(item: Any) -> dict[str, Any]:
    """graphology nests attributes under ``attributes``; d3 and networkx keep them flat."""
    if not isinstance(item, dict):
        return {}
    flat = {k: v for k, v in item.items() if k != "attributes"}
    if isinstance(item.get("attributes"), dict):
        flat.update(item["attributes"])
    return flat


def read(path: Path, *, limits: Limits = DEFAULT_LIMITS, **_: Any) -> LoadResult:
    """Load a node-link JSON graph."""
    document, repeated = load_json(path, path.read_bytes(), limits)
    over = check_document(document, limits)
    if over is not None:
        raise DatasetError(path, over)
    if isinstance(document, dict) and isinstance(document.get("graph"), dict) and "nodes" not in document:
        document = document["graph"]
    if not isinstance(document, dict) or not isinstance(document.get("nodes"), list):
        raise DatasetError(path, "(top level): expected an object with a \"nodes\" list")
    link_key = "links" if "links" in document else "edges"
    links = document.get(link_key, [])
    if not isinstance(links, list):
        raise DatasetError(path, f"{link_key}: expected a list")
    report = LoadReport(path, LABEL)
    report.problems.extend(repeated.problems(document))
    builder = GraphBuilder(path, report, limits)
    ids: list[str] = []
    if any(isinstance(n, dict) and "id" not in n and "key" not in n for n in document["nodes"]):
        report.guessed.append("nodes without an id are numbered by their position")
    for i, raw in enumerate(document["nodes"]):
        node = _flat(raw)
        node_id = node.pop("id", node.pop("key", None))
        node_id = str(i) if node_id is None else str(node_id)
        ids.append(node_id)
        label = next((str(node.pop(k)) for k in _LABELS if node.get(k) not in (None, "")), "")
        colour = node.pop("color", node.pop("colour", ""))
        # graphology and sigma.js keep their drawing in x, y and size (d3 writes x/y after a simulation too)
        position = point(node.get("x"), node.get("y"))
        if position is not None:
            node.pop("x")
            node.pop("y")
        size = finite(node.pop("size", None)) if isinstance(node.get("size"), int | float) else None
        start, end = node.pop("start", None), node.pop("end", None)
        spells = [(_str(start), _str(end))] if start is not None or end is not None else []
        builder.node(node_id, f"nodes[{i}]", label=label, colour=colour if isinstance(colour, str) else "",
                     spells=spells, extra=node, position=position, size=size)
    known = set(ids)
    by_index = 0
    for j, raw in enumerate(links):
        link = _flat(raw)
        where = f"{link_key}[{j}]"
        ends = []
        for side in ("source", "target"):
            value = link.pop(side, None)
            if isinstance(value, dict):
                value = value.get("id", value.get("index"))
            if value is None:
                raise DatasetError(path, Problem(f"{where}.{side}", "missing"))
            if str(value) in known:
                ends.append(str(value))
            elif isinstance(value, int) and not isinstance(value, bool):
                if not 0 <= value < len(ids):
                    raise DatasetError(path, Problem(f"{where}.{side}", f"no node with id or index {value}"))
                ends.append(ids[value])
                by_index += 1
            else:
                ends.append(str(value))
        weight = as_number(link.pop("weight", link.pop("value", None)), path, f"{where}.weight", "weight")
        tone = next((as_number(link.pop(k), path, f"{where}.{k}", k) for k in _TONE if k in link), None)
        start = as_text(link.pop("start", None), path, f"{where}.start", "start")
        end = as_text(link.pop("end", None), path, f"{where}.end", "end")
        if start is None and end is None:
            start = end = as_text(link.pop("time", link.pop("date", None)), path, f"{where}.date", "date")
        builder.edge(ends[0], ends[1], where, start=start, end=end, weight=weight, tone=tone,
                     id=str(link.pop("id", link.pop("key", "")) or ""), title=str(link.pop("label", "") or ""),
                     extra=link)
    if by_index:
        report.guessed.append(f"{link_key} refer to nodes by position in the node list")
    report.read.append(f"{len(ids)} nodes and {len(links)} {link_key}")
    return LoadResult(builder.build(path.stem), report)


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


READER = Reader(name="node_link", label=LABEL, extensions=(".json",), read=read, sniff=sniff, priority=40)
