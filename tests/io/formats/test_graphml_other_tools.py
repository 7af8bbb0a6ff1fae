"""GraphML from other tools: hyperedges and labels under other common names (issue 15)."""

from __future__ import annotations

from desktop.io.registry import load

HYPER = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="d0" for="node" attr.name="station name" attr.type="string"/>
  <graph id="G" edgedefault="undirected">
    <node id="n0"><data key="d0">Alexanderplatz</data></node>
    <node id="n1"><data key="d0">Zoo</data></node>
    <node id="n2"><data key="d0">Ostkreuz</data></node>
    <node id="n3"><data key="d0">Westend</data></node>
    <edge source="n0" target="n1"/>
    <hyperedge id="h0"><endpoint node="n0"/><endpoint node="n1"/><endpoint node="n2"/></hyperedge>
    <hyperedge><endpoint node="n3"/></hyperedge>
  </graph>
</graphml>
"""


def test_hyperedges_are_expanded_and_reported(write) -> None:
    """Before: <hyperedge> elements were dropped without a report line."""
    result = load(write("lines.graphml", HYPER))
    dataset = result.dataset
    hyper = next(e for e in dataset.events if e.id == "hyperedge h0")
    assert hyper.participants == ("n0", "n1", "n2") and len(hyper.interactions) == 3
    assert any("1 hyperedges" in line and "every pair" in line for line in result.report.guessed)
    assert any("1 hyperedges with fewer than two nodes" in line for line in result.report.skipped)


def test_label_under_another_common_name(write) -> None:
    """Before: the actors were named n0…n3 (the label key was 'station name')."""
    dataset = load(write("lines.graphml", HYPER)).dataset
    assert [a.name for a in dataset.actors] == ["Alexanderplatz", "Zoo", "Ostkreuz", "Westend"]
