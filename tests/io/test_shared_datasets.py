"""Every file in the shared datasets folder opens with the expected counts and time span."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop.io.registry import load, sniff


def day(text: str) -> float:
    return float(dt.date.fromisoformat(text).toordinal())


# file → (reader, actors, events, span or None for static, axis kind)
EXPECTED: dict[str, tuple[str, int, int, tuple[float, float] | None, str]] = {
    "gexf-spec-dynamics/dynamics.gexf": ("gexf", 4, 5, (day("2009-03-01"), day("2009-03-10")), "date"),
    "gexf-spec-dynamics/dynamics_openintervals.gexf": ("gexf", 2, 3, (2000.0, 2015.0), "number"),
    "gexf-spec-dynamics/dynamics_edgeweight.gexf": ("gexf", 4, 6, (day("2009-03-01"), day("2011-03-01")), "date"),
    "gexf-spec-dynamics/__dynamics.gexf": ("gexf", 87, 219, (day("2003-01-01"), day("2009-12-30")), "date"),
    "photoviz-dynamic/photoviz-dynamic.gexf": ("gexf", 393, 621, (8.0, 190.0), "number"),
    "minguo-buddhist-letters/minguoFojiaoLetters.gexf":
        ("gexf", 1102, 2966, (day("1913-05-01"), day("1952-07-25")), "date"),
    "lesmiserables/les_miserables.gexf": ("gexf", 77, 254, None, "number"),
    "gephi-import-fixtures/slice.gexf": ("gexf", 2, 1, None, "number"),
    "gephi-import-fixtures/timezone.gexf": ("gexf", 2, 1, (day("2012-01-12") + 4 / 24, day("2012-01-12") + 15 / 24),
                                            "date"),
    "gephi-import-fixtures/dynamicedgeweight.gexf": ("gexf", 2, 2, (2004.0, 2005.0), "number"),
    "gephi-import-fixtures/edges_table_with_timeset_intervals.csv":
        ("csv", 3, 5, (day("2016-02-03"), day("2016-03-04")), "date"),
    "gephi-import-fixtures/edges_table_with_timeset_timestamps.csv":
        ("csv", 3, 5, (day("2016-02-03"), day("2016-03-04")), "date"),
    "gephi-import-fixtures/edges_table_dynamic_weights.csv": ("csv", 3, 5, (1.0, 5.5), "number"),
    "gephi-import-fixtures/test_utf8_chars_with_bom.csv": ("csv", 2, 0, None, "number"),
    "ph-manuscript-workshops/TNAWR_DynamicEdges.csv": ("csv", 106, 122, (1262.5, 1321.0), "number"),
    "ph-manuscript-workshops/TNAWR_DynamicNodes.csv": ("csv", 106, 122, (1262.5, 1321.0), "number"),
    "ph-manuscript-workshops/TNAWR_VertexAttributes.csv": ("csv", 106, 122, (1262.5, 1321.0), "number"),
    "ph-neumann-help/network-example1-en.csv": ("csv", 41, 109, (10.0, 16.0), "number"),
    "ph-neumann-help/network-example2-en.csv": ("csv", 41, 109, (10.0, 16.0), "number"),
    "lesmiserables/miserables.graphml": ("graphml", 77, 254, None, "number"),
    "lesmiserables/miserables.json": ("node_link", 77, 254, None, "number"),
    "graphology-arxiv-missing-nodes/missing_nodes.graphml": ("graphml", 51, 37, None, "date"),
    "igraph-format-samples/yfiles.graphml": ("graphml", 4, 3, None, "number"),
    "igraph-format-samples/karate.gml": ("gml", 34, 78, None, "number"),
    "igraph-format-samples/links.net": ("pajek", 4, 5, None, "number"),
    "networkx-sampson/samplike1.txt": ("csv", 18, 55, None, "number"),
    "networkx-sampson/samplike2.txt": ("csv", 18, 57, None, "number"),
    "networkx-sampson/samplike3.txt": ("csv", 18, 56, None, "number"),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_shared_file_loads(shared: Path, name: str) -> None:
    reader, actors, events, span, axis = EXPECTED[name]
    assert sniff(shared / name).name == reader
    result = load(shared / name)
    dataset = result.dataset
    assert (len(dataset.actors), len(dataset.events)) == (actors, events), result.report.summary()
    assert dataset.axis.kind == axis
    if span is None:
        assert dataset.is_static
    else:
        assert dataset.span == pytest.approx(span)
    assert result.report.read, "every load says what it read"


def test_every_shared_file_is_covered(shared: Path) -> None:
    data_files = {
        str(path.relative_to(shared)) for path in shared.glob("*/*")
        if path.name != "PROVENANCE.md" and path.suffix != ".zip"
    }
    assert data_files <= set(EXPECTED) | REFUSED


REFUSED: set[str] = set()
