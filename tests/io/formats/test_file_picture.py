"""What a file says about its picture is kept: positions, sizes, colours, edge colour/thickness (issue 15)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from desktop.core.timeline import Timeline
from desktop.io.convert import convert
from desktop.io.registry import load
from desktop.layout.file_layout import file_positions, has_full_layout
from desktop.layout.timeline_layout import MapLayout

GEXF = """<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://www.gexf.net/1.3" xmlns:viz="http://www.gexf.net/1.3/viz" version="1.3">
  <graph defaultedgetype="undirected">
    <nodes>
      <node id="a" label="Ann"><viz:color r="255" g="0" b="0"/><viz:position x="-100.0" y="50.0" z="0"/>
        <viz:size value="12.5"/></node>
      <node id="b" label="Bob"><viz:color hex="#00ff00"/><viz:position x="100.0" y="50.0"/><viz:size value="4"/></node>
      <node id="c" label="Cat"><viz:color r="0" g="0" b="255" a="0.5"/><viz:position x="0.0" y="-150.0"/></node>
    </nodes>
    <edges>
      <edge id="0" source="a" target="b"><viz:color r="10" g="20" b="30"/><viz:thickness value="3.5"/></edge>
      <edge id="1" source="b" target="c"/>
    </edges>
  </graph>
</gexf>
"""

GML = """graph [
  node [ id 0 label "Ann" graphics [ x 10.0 y 20.0 w 30.0 h 30.0 fill "#FFCC00" ] ]
  node [ id 1 label "Bob" graphics [ x 110.0 y 20.0 w 30.0 h 30.0 fill "#3366FF" ] ]
  node [ id 2 label "Cat" graphics [ x 60.0 y 120.0 fill "red" ] ]
  edge [ source 0 target 1 graphics [ fill "#000000" width 2.0 ] ]
  edge [ source 1 target 2 ]
]
"""

YED = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">
  <key for="node" id="d6" yfiles.type="nodegraphics"/>
  <graph edgedefault="directed" id="G">
    <node id="n0" yfiles.foldertype="group">
      <data key="d6"><y:ProxyAutoBoundsNode><y:Realizers active="0"><y:GroupNode>
        <y:Geometry height="200.0" width="300.0" x="0.0" y="0.0"/><y:Fill color="#F5F5F5"/>
        <y:NodeLabel>Cabinet</y:NodeLabel></y:GroupNode></y:Realizers></y:ProxyAutoBoundsNode></data>
      <graph edgedefault="directed" id="n0:">
        <node id="n0::n0"><data key="d6"><y:ShapeNode><y:Geometry height="30.0" width="30.0" x="10.0" y="20.0"/>
          <y:Fill color="#FFCC00"/><y:NodeLabel>Ann</y:NodeLabel></y:ShapeNode></data></node>
        <node id="n0::n1"><data key="d6"><y:ShapeNode><y:Geometry height="30.0" width="30.0" x="100.0" y="20.0"/>
          <y:Fill color="#FFCC00"/><y:NodeLabel>Bob</y:NodeLabel></y:ShapeNode></data></node>
      </graph>
    </node>
    <node id="n1"><data key="d6"><y:ShapeNode><y:Geometry height="30.0" width="30.0" x="400.0" y="50.0"/>
      <y:Fill color="#3366FF"/><y:NodeLabel>Cat</y:NodeLabel></y:ShapeNode></data></node>
    <edge id="e0" source="n0::n0" target="n0::n1"/>
    <edge id="e1" source="n0::n1" target="n1"/>
  </graph>
</graphml>
"""


def _extra(dataset, key):
    return {a.id: a.extra.get(key) for a in dataset.actors}


def test_gexf_viz_is_kept(write) -> None:
    """Before: viz:position and viz:size were dropped, and edge colour/thickness too."""
    dataset = load(write("viz.gexf", GEXF)).dataset
    assert _extra(dataset, "position") == {"a": [-100.0, 50.0], "b": [100.0, 50.0], "c": [0.0, -150.0]}
    assert _extra(dataset, "size") == {"a": 12.5, "b": 4.0, "c": None}
    assert _extra(dataset, "colour") == {"a": "#ff0000", "b": "#00ff00", "c": "#0000ff"}
    edge = next(e for e in dataset.events if e.id == "0")
    assert edge.extra["colour"] == "#0a141e" and edge.extra["thickness"] == 3.5
    assert dataset.extra["file_layout"] is True


def test_gml_graphics_are_kept(write) -> None:
    dataset = load(write("drawn.gml", GML)).dataset
    # y grows downwards in GML graphics: flipped so the picture is not upside down
    assert _extra(dataset, "position") == {"0": [10.0, -20.0], "1": [110.0, -20.0], "2": [60.0, -120.0]}
    assert _extra(dataset, "colour") == {"0": "#ffcc00", "1": "#3366ff", "2": "#ff0000"}
    assert _extra(dataset, "size")["0"] == 30.0
    first = next(e for e in dataset.events if set(e.participants) == {"0", "1"})
    assert first.extra["colour"] == "#000000" and first.extra["thickness"] == 2.0


def test_yed_geometry_fill_and_groups(write) -> None:
    """Before: the group node became an isolated actor and the members had no group."""
    result = load(write("yed.graphml", YED))
    dataset = result.dataset
    assert sorted(a.name for a in dataset.actors) == ["Ann", "Bob", "Cat"]
    assert {a.name: a.group for a in dataset.actors} == {"Ann": "n0", "Bob": "n0", "Cat": ""}
    assert [(g.id, g.label) for g in dataset.groups] == [("n0", "Cabinet")]
    assert _extra(dataset, "position")["n0::n0"] == [25.0, -35.0]  # the centre, y flipped
    assert _extra(dataset, "colour")["n1"] == "#3366ff"
    assert any("1 yEd group nodes read as groups (2 members)" in line for line in result.report.read)


def test_the_file_layout_is_used_when_every_node_has_a_position(write) -> None:
    dataset = load(write("viz.gexf", GEXF)).dataset
    assert has_full_layout(dataset)
    positions = MapLayout(Timeline(dataset)).positions_at(dataset.span[1])
    raw = np.array([[-100.0, 50.0], [100.0, 50.0], [0.0, -150.0]])
    # the same picture, only moved and scaled: every distance ratio and the orientation hold
    scale = np.linalg.norm(positions[1] - positions[0]) / np.linalg.norm(raw[1] - raw[0])
    centred = positions - positions.mean(axis=0)
    assert np.allclose(centred, (raw - raw.mean(axis=0)) * scale)
    own = MapLayout(Timeline(dataset), use_file_layout=False).positions_at(dataset.span[1])
    assert not np.allclose(own - own.mean(axis=0), centred)


def test_partial_positions_are_only_a_start(write) -> None:
    text = GEXF.replace('<viz:position x="0.0" y="-150.0"/>', "")
    dataset = load(write("partial.gexf", text)).dataset
    assert not has_full_layout(dataset) and dataset.extra["file_layout"] is False
    start = file_positions(dataset)
    assert start is not None and np.isnan(start[2]).all() and np.isfinite(start[:2]).all()


def test_convert_keeps_the_picture(write, tmp_path: Path) -> None:
    source = write("viz.gexf", GEXF)
    for name in ("out.relmap.json", "out.gexf"):
        convert(source, tmp_path / name)
        again = load(tmp_path / name).dataset
        assert _extra(again, "position") == {"a": [-100.0, 50.0], "b": [100.0, 50.0], "c": [0.0, -150.0]}, name
        assert _extra(again, "colour") == {"a": "#ff0000", "b": "#00ff00", "c": "#0000ff"}, name
        assert _extra(again, "size")["a"] == 12.5, name
    again = load(tmp_path / "out.gexf").dataset  # GEXF also keeps the edges' drawing (native does not)
    edge = next(e for e in again.events if set(e.participants) == {"a", "b"})
    assert edge.extra["colour"] == "#0a141e" and edge.extra["thickness"] == 3.5
