"""Static networks read as static networks, and a file with no ties says so (issues 12 item 10 and 15)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QLabel

from desktop.cli import main
from desktop.gui.main_window import MainWindow
from desktop.gui.panels.event_panel import EventCard

KARATE_LIKE = """graph [
  node [ id 1 label "Ann" ]
  node [ id 2 label "Bob" ]
  node [ id 3 label "Cat" ]
  node [ id 4 label "Dan" ]
  edge [ source 1 target 2 ]
  edge [ source 2 target 3 ]
  edge [ source 3 target 1 ]
  edge [ source 3 target 4 ]
  edge [ source 4 target 3 ]
]
"""

NODES_ONLY = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="d0" for="node" attr.name="label" attr.type="string"/>
  <graph edgedefault="undirected">
    <node id="a"><data key="d0">Ann</data></node>
    <node id="b"><data key="d0">Bob</data></node>
    <node id="c"><data key="d0">Cat</data></node>
  </graph>
</graphml>
"""


def _caption(window: MainWindow) -> str:
    text = window.map_view.caption._text
    return " / ".join(part for part in (text.title, text.date, text.event) if part)


def test_static_file_caption_and_panel(make_window: Callable[..., MainWindow], tmp_path: Path) -> None:
    """Before: the caption said "step 0 / Latest: Cat – Dan (step 0)" and the panel showed one "step 0"
    card per edge."""
    path = tmp_path / "club.gml"
    path.write_text(KARATE_LIKE)
    window = make_window(path)
    assert window.state.dataset is not None and window.state.dataset.is_static
    caption = _caption(window)
    assert "step 0" not in caption and "Latest" not in caption
    assert "Static network: 4 actors, 4 ties, no dates" in caption
    assert window.side.events.findChildren(EventCard) == []
    note = window.side.events.findChild(QLabel, "static_note")
    assert note is not None and "Static network" in note.text()
    assert not window.timeline_bar.isVisible()
    assert window.map_view.legend._rule.startswith("No dates in this file")  # no half-life to explain
    emphasis = window.map_controller.frame().emphasis  # no edge glows as "the latest event"
    assert len(emphasis.lit) == 0 and len(emphasis.lit_pairs) == 0


def test_static_export_has_no_step_caption(tmp_path: Path) -> None:
    from desktop.core.timeline import Timeline
    from desktop.io.registry import load
    from desktop.viewer.frame import caption_for

    path = tmp_path / "club.gml"
    path.write_text(KARATE_LIKE)
    dataset = load(path).dataset
    caption = caption_for(Timeline(dataset), dataset.span[1])
    assert caption.event == "Static network: 4 actors, 4 ties, no dates" and caption.date == ""


def test_export_of_a_file_without_ties_exits_2(tmp_path: Path, capsys) -> None:
    """Before: a blank PNG and exit 0."""
    path = tmp_path / "people.graphml"
    path.write_text(NODES_ONLY)
    out = tmp_path / "map.png"
    assert main(["export", str(path), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "people.graphml: nothing to draw: 3 actors and no ties" in err
    assert err.count("\n") == 1 and not out.exists()


def test_window_says_there_are_no_ties(make_window: Callable[..., MainWindow], tmp_path: Path) -> None:
    path = tmp_path / "people.graphml"
    path.write_text(NODES_ONLY)
    window = make_window(path)
    assert window.state.dataset is not None and len(window.state.dataset.actors) == 3
    assert "No ties in this file: 3 actors" in _caption(window)
    note = window.side.events.findChild(QLabel, "static_note")
    assert note is not None and "No ties in this file" in note.text()
    image = window.map_view.grab().toImage()
    assert not image.isNull()
