"""View → Use the file's layout and colours: on by default when every node has a position (issue 15)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from desktop.gui.main_window import MainWindow

GEXF = """<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://www.gexf.net/1.3" xmlns:viz="http://www.gexf.net/1.3/viz" version="1.3">
  <graph defaultedgetype="undirected">
    <nodes>
      <node id="a" label="Ann"><viz:color r="255" g="0" b="0"/><viz:position x="-300.0" y="0.0"/></node>
      <node id="b" label="Bob"><viz:color r="0" g="160" b="0"/><viz:position x="300.0" y="0.0"/></node>
      <node id="c" label="Cat"><viz:color r="0" g="0" b="255"/><viz:position x="0.0" y="10.0"/></node>
      <node id="d" label="Dan"><viz:color r="0" g="0" b="255"/><viz:position x="0.0" y="-10.0"/></node>
    </nodes>
    <edges>
      <edge source="a" target="b"/><edge source="b" target="c"/><edge source="c" target="d"/>
      <edge source="a" target="c"/>
    </edges>
  </graph>
</gexf>
"""


def _flat(positions: np.ndarray) -> float:
    """How much wider than tall the picture is: the file's is a flat line (600 wide, 20 tall)."""
    spread = positions.max(axis=0) - positions.min(axis=0)
    return float(spread[0] / max(spread[1], 1e-9))


def test_file_layout_is_shown_and_can_be_switched_off(make_window: Callable[..., MainWindow], tmp_path: Path,
                                                      qtbot) -> None:
    path = tmp_path / "drawn.gexf"
    path.write_text(GEXF)
    window = make_window(path)
    action = window.file_layout_action
    assert action.isEnabled() and action.isChecked()
    qtbot.waitUntil(lambda: window.map_view.displayed_positions() is not None)
    shown = window.map_view.displayed_positions()
    assert _flat(shown) > 20  # the file's picture: a long flat line
    brushes = [window.map_view.painter._brushes[i].color().name() for i in range(4)]
    assert brushes == ["#ff0000", "#00a000", "#0000ff", "#0000ff"]
    view_menu = window.menuBar().actions()[2].menu()
    view_menu.popup(window.mapToGlobal(QPoint(10, 10)))
    qtbot.waitUntil(view_menu.isVisible)
    QTest.keyClick(view_menu, Qt.Key.Key_L)  # "Use the file's &layout and colours"
    qtbot.waitUntil(lambda: not action.isChecked())
    qtbot.waitUntil(lambda: (p := window.map_view.displayed_positions()) is not None and _flat(p) < 20)
    assert not window.map_controller.use_file_layout


def test_css_colours_from_gephi_lite_draw_in_the_window(make_window: Callable[..., MainWindow]) -> None:
    """Before: rgb() colours raised in palette.hex_to_rgb and the window showed the crash dialog."""
    path = Path(__file__).resolve().parents[1] / "data" / "shaped" / "gephi-lite-export.json"
    window = make_window(path)
    assert window.state.dataset is not None and len(window.state.dataset.actors) == 3
    assert window.file_layout_action.isChecked()
    brushes = [window.map_view.painter._brushes[i].color().name() for i in range(3)]
    assert brushes == ["#e41a1c", "#377eb8", "#4daf4a"]
    assert not window.grab().toImage().isNull()
