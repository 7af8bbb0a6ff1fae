"""Files written by other tools open, with the actors and ties an independent count finds (issue 15).

Three sources: files copied into ``tests/data/real/`` (permissive licences, see PROVENANCE.md there), the
shared datasets beside the repository (``../shared/datasets``), and small files in ``tests/data/shaped/``
written in the shape of tools whose own files may not be copied (Pajek, Newman, igraph, Cytoscape,
graph-tool, yEd, Gephi Lite, Palladio, ICEWS, GDELT …). Each is counted without Relmap's readers
(ElementTree, json, csv, networkx for GML, by hand for the hand-written Pajek files), loaded, checked for a
report line for what was skipped, and exported headless.
"""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.io.registry import load
from tests.io.conftest import shared_datasets

DATA = Path(__file__).resolve().parents[2] / "data"
REAL = sorted(p for p in (DATA / "real").glob("*.*") if p.suffix != ".md")
SHAPED = sorted(p for p in (DATA / "shaped").glob("*.*") if p.suffix != ".md")
SHARED_FILES = (
    "gexf-spec-dynamics/dynamics.gexf", "gexf-spec-dynamics/__dynamics.gexf",
    "gexf-spec-dynamics/dynamics_edgeweight.gexf", "gexf-spec-dynamics/dynamics_openintervals.gexf",
    "photoviz-dynamic/photoviz-dynamic.gexf", "lesmiserables/les_miserables.gexf", "lesmiserables/miserables.graphml",
    "lesmiserables/miserables.json", "graphology-arxiv-missing-nodes/missing_nodes.graphml",
    "igraph-format-samples/karate.gml", "igraph-format-samples/yfiles.graphml", "igraph-format-samples/links.net",
    "gephi-import-fixtures/slice.gexf", "gephi-import-fixtures/timezone.gexf",
    "gephi-import-fixtures/dynamicedgeweight.gexf", "minguo-buddhist-letters/minguoFojiaoLetters.gexf",
    "networkx-sampson/samplike1.txt",
)

# Hand counts (actors, ties) for files whose counting would need a second Pajek/CSV-shape parser, and the
# words each report must contain for what it skipped or guessed.
HAND = {
    "padgett-project.paj": (6, 5, ["other networks", "'business'"]),
    "temporal-arcs.net": (4, 4, ["self-loops"]),
    "growth.tim": (4, 3, ["CV commands"]),
    "titled.net": (4, 3, ["text before the first *Vertices"]),
    "links.net": (4, 4, ["self-loops"]),
    "gephi-matrix.csv": (4, 3, ["Gephi adjacency matrix"]),
    "gephi-adjacency-list.csv": (5, 7, ["Gephi adjacency list"]),
    "icews-events.tsv": (4, 2, ["rows without a source or target (line 5)"]),  # Yeltsin–Extremist twice: one tie
    "gdelt-events.csv": (3, 3, ["rows without a source or target (line 5)"]),  # GERMANY's row has no second actor
    "letters-people-and-places.csv": (4, 4, ["also possible 'Source City'"]),
    "hyperedges.graphml": (5, 5, ["hyperedges with fewer than two nodes"]),
    "yed-groups.graphml": (3, 3, ["yEd group nodes read as groups"]),
    "samplike1.txt": (18, 41, []),  # 55 directed rows, 41 distinct pairs
}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _xml_count(path: Path) -> tuple[set[str], set[frozenset[str]], int, int]:
    """Declared leaf nodes ∪ endpoints, distinct pairs, self-loops and undeclared endpoints, by ElementTree."""
    root = ET.parse(path).getroot()
    declared: set[str] = set()
    groups: set[str] = set()
    pairs: set[frozenset[str]] = set()
    ends: list[tuple[str, str]] = []
    for element in root.iter():
        name = _local(element.tag)
        if name == "node" and "id" in element.attrib and element.tag.split("}")[0] in (
                root.tag.split("}")[0], element.tag.split("}")[0]):
            if any(_local(child.tag) == "graph" for child in element):
                groups.add(element.attrib["id"])
            elif any(_local(child.tag) == "nodes" for child in element):
                declared.add(element.attrib["id"])
            else:
                declared.add(element.attrib["id"])
        elif name == "edge" and "source" in element.attrib:
            ends.append((element.attrib["source"], element.attrib["target"]))
        elif name == "hyperedge":
            nodes = list(dict.fromkeys(e.attrib["node"] for e in element if _local(e.tag) == "endpoint"))
            ends += [(a, b) for i, a in enumerate(nodes) for b in nodes[i + 1:]]
    loops = sum(a == b for a, b in ends)
    pairs = {frozenset((a, b)) for a, b in ends if a != b}
    touched = {x for a, b in ends if a != b for x in (a, b)}
    undeclared = len(touched - declared - groups)
    return declared | (touched - groups) | (groups & touched), pairs, loops, undeclared


def _json_count(path: Path) -> tuple[set[str], set[frozenset[str]], int, int]:
    doc = json.loads(path.read_text(encoding="utf-8"))
    nodes = doc["nodes"]
    ids = [str(n.get("id", n.get("key", i))) for i, n in enumerate(nodes)]
    links = doc.get("links", doc.get("edges", []))
    ends = []
    for link in links:
        pair = []
        for side in ("source", "target"):
            value = link[side]
            pair.append(str(value) if str(value) in ids else ids[value] if isinstance(value, int) else str(value))
        ends.append(tuple(pair))
    loops = sum(a == b for a, b in ends)
    return set(ids) | {x for e in ends for x in e}, {frozenset(e) for e in ends if e[0] != e[1]}, loops, 0


def _gml_count(path: Path) -> tuple[set[str], set[frozenset[str]], int, int]:
    import networkx as nx

    text = path.read_text(encoding="utf-8")
    try:
        graph = nx.parse_gml(text, label=None)
    except nx.NetworkXError:
        graph = nx.parse_gml(text.replace("graph", "graph [ multigraph 1 ", 1).replace("[ multigraph 1 \n[",
                                                                                          "[ multigraph 1 ", 1),
                             label=None)
    loops = sum(a == b for a, b in graph.edges())
    return ({str(n) for n in graph.nodes}, {frozenset((str(a), str(b))) for a, b in graph.edges() if a != b},
            loops, 0)


def _csv_count(path: Path) -> tuple[set[str], set[frozenset[str]], int, int]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t" if path.suffix == ".tsv" else ","))
    source = next(k for k in rows[0] if k.lower() == "source")
    target = next(k for k in rows[0] if k.lower() == "target")
    ends = [(r[source], r[target]) for r in rows]
    return ({x for e in ends for x in e}, {frozenset(e) for e in ends if e[0] != e[1]},
            sum(a == b for a, b in ends), 0)


COUNTERS = {".gexf": _xml_count, ".graphml": _xml_count, ".json": _json_count, ".gml": _gml_count,
            ".csv": _csv_count, ".tsv": _csv_count}


def _corpus() -> list[Path]:
    found = shared_datasets()
    shared = [found / name for name in SHARED_FILES] if found is not None else []
    return [*REAL, *SHAPED, *shared]


def test_the_corpus_is_large_and_its_provenance_is_written() -> None:
    assert len(REAL) + len(SHAPED) >= 40
    provenance = (DATA / "real" / "PROVENANCE.md").read_text(encoding="utf-8")
    for path in REAL:
        assert path.name in provenance, path.name
    shaped = (DATA / "shaped" / "README.md").read_text(encoding="utf-8")
    for path in SHAPED:
        assert path.name in shaped, path.name


@pytest.mark.parametrize("path", _corpus(), ids=lambda p: p.name)
def test_counts_match_an_independent_count(path: Path) -> None:
    result = load(path)
    dataset, report = result.dataset, result.report
    ties = {frozenset((i.a, i.b)) for e in dataset.events for i in e.interactions if i.a != i.b}
    text = report.summary()
    if path.name in HAND:
        actors, pairs, words = HAND[path.name]
        assert (len(dataset.actors), len(ties)) == (actors, pairs)
        for word in words:
            assert word in text, (word, text)
        return
    ids, pairs_found, loops, undeclared = COUNTERS[path.suffix](path)
    assert len(dataset.actors) == len(ids)
    pairs_found = {frozenset(p) for p in pairs_found}
    assert ties <= pairs_found
    if ties != pairs_found:  # only edges the report says it skipped (an unknown date such as 未登錄日期)
        assert "skipped:" in text and "edges with" in text
    if loops:
        assert "self-loops" in text
    if undeclared:
        assert "endpoints not declared" in text


@pytest.mark.parametrize("path", [*REAL, *SHAPED], ids=lambda p: p.name)
def test_it_exports(path: Path, tmp_path: Path) -> None:
    out = tmp_path / "map.png"
    assert main(["export", str(path), "-o", str(out), "--size", "160x100"]) == 0
    assert out.stat().st_size > 500


def test_relmap_export_runs_headless_in_its_own_process(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    out = tmp_path / "sigma.png"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    source = DATA / "real" / "sigma-test-les-miserables.json"
    done = subprocess.run([sys.executable, "-m", "desktop", "export", str(source), "-o", str(out), "--size", "320x200"],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 1000
