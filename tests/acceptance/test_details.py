"""The small things a first session trips over, tried with real clicks and keys on the real window."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QFileDialog

from desktop.core.palette import TENSION_STOPS
from tests.acceptance.conftest import actor_point, click, drag, key, settle
from tests.acceptance.helpers import legend_text, menu_action, number_axis_file, when_shown
from tests.conftest import BUILTIN, tiny_document


def dot_pen(view: Any, actor_id: str) -> Any:
    data = view.nodes.data
    row = next(k for k, d in enumerate(data["data"]) if str(d) == actor_id)
    return data["pen"][row]


def test_a_dragged_actor_wears_the_pinned_ring_the_legend_explains(open_window: Callable[..., Any],
                                                                   qtbot: Any) -> None:
    win = open_window(BUILTIN, at="2013-11-20")
    view = win.map_view
    assert dot_pen(view, "abbas").style() == Qt.PenStyle.SolidLine
    start = actor_point(view, "abbas")
    drag(view.viewport(), start, start + QPoint(60, 40), steps=10)
    settle(qtbot, win)
    assert "abbas" in win.state.pins
    assert dot_pen(view, "abbas").style() == Qt.PenStyle.DashLine
    assert dot_pen(view, "kerry").style() == Qt.PenStyle.SolidLine
    assert "pinned" in legend_text(view)


def test_the_legend_says_what_dot_size_shows(open_window: Callable[..., Any], qtbot: Any) -> None:
    win = open_window(BUILTIN, at="2013-11-20")
    assert "Dot size: recent contact" in legend_text(win.map_view)
    combo = win.filter_bar.size_by
    click(combo)
    qtbot.waitUntil(combo.view().isVisible, timeout=3000)
    key(combo.view(), Qt.Key.Key_Down)
    key(combo.view(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.state.size_by == "centrality", timeout=3000)
    assert "Dot size: betweenness" in legend_text(win.map_view)


def _lab(rgb: tuple[int, int, int]) -> tuple[float, float, float]:
    def linear(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(v: float) -> float:
        return v ** (1 / 3) if v > 0.008856 else 7.787 * v + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def test_group_colours_never_read_as_a_tension(open_window: Callable[..., Any], qtbot: Any,
                                               tmp_path: Path) -> None:
    document = tiny_document()
    document["groups"] = [{"id": f"g{k}", "label": f"Group {k}"} for k in range(8)]
    document["actors"] = [{"id": f"a{k}", "name": f"Actor {k}", "group": f"g{k}"} for k in range(8)]
    document["events"] = [
        {"id": f"e{k}", "date": f"2013-07-{k + 1:02d}", "title": "Meeting", "sources": [{"source": "src"}],
         "interactions": [{"a": f"a{k}", "b": f"a{(k + 1) % 8}", "tone": 1}]} for k in range(8)]
    path = tmp_path / "groups.relmap.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    win = open_window(path)
    entries = win.map_view.legend._groups
    assert len(entries) == 8
    from PySide6.QtGui import QColor

    for entry in entries:
        colour = QColor(entry.colour)
        lab = _lab((colour.red(), colour.green(), colour.blue()))
        nearest = min(math.dist(lab, _lab(rgb)) for _, rgb in TENSION_STOPS)
        assert nearest >= 30, f"{entry.label} ({entry.colour}) looks like a tension colour (ΔE {nearest:.0f})"


def test_a_filter_that_matches_nothing_says_so_on_the_map(open_window: Callable[..., Any], qtbot: Any) -> None:
    win = open_window(BUILTIN, at="2013-08-14")
    view = win.map_view
    assert not view.notice.isVisible()
    box = win.filter_bar.min_intensity
    box.setFocus()
    QTest.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(box, "49")
    QTest.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.state.tie_filter.min_intensity >= 49, timeout=3000)
    settle(qtbot, win)
    assert len(view.drawn_ties()[2]) == 0
    assert view.notice.isVisible() and "No ties match" in view.notice.text()
    rect = view.notice.sceneBoundingRect()
    assert view.rect().contains(view.mapFromScene(rect.center()))  # in the middle of the map, on screen
    QTest.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(box, "0")
    QTest.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not view.notice.isVisible(), timeout=3000)


def test_the_group_box_shows_whole_group_names(open_window: Callable[..., Any], qtbot: Any) -> None:
    win = open_window(BUILTIN, at="2013-11-20")
    combo: QComboBox = win.filter_bar.group
    click(combo)
    qtbot.waitUntil(combo.view().isVisible, timeout=3000)
    key(combo.view(), Qt.Key.Key_Down)
    key(combo.view(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: combo.currentText() == "United States", timeout=3000)
    from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                         QStyle.SubControl.SC_ComboBoxEditField, combo)
    for k in range(combo.count()):
        assert combo.fontMetrics().horizontalAdvance(combo.itemText(k)) <= field.width(), combo.itemText(k)


def test_the_greyed_duration_is_what_the_range_gives(open_window: Callable[..., Any], qtbot: Any) -> None:
    win = open_window(BUILTIN, at="2013-11-20")
    from desktop.gui.dialogs.export_dialog import ExportDialog

    seen: dict[str, Any] = {}

    def act(dialog: ExportDialog) -> None:
        path = dialog.path
        QTest.keyClick(path, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(path, str(Path(path.text()).with_suffix(".mp4")))
        for edit, text in ((dialog.start, "2013-07-01"), (dialog.end, "2013-07-30")):
            QTest.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            QTest.keyClicks(edit, text)
        speed = dialog.speed
        QTest.keyClick(speed.lineEdit(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(speed.lineEdit(), "10")
        seen["speed_box_on"] = dialog.duration.isEnabled()
        seen["duration"] = dialog.duration.value()
        click(dialog.by_duration, QPoint(8, dialog.by_duration.height() // 2))
        seen["speed_on"] = dialog.speed.isEnabled()
        seen["duration_on"] = dialog.duration.isEnabled()
        dialog.reject()

    handled = when_shown(ExportDialog, act)
    key(win.map_view.viewport(), Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(seen), timeout=10000)
    assert handled
    assert not seen["speed_box_on"]  # greyed while the pace is chosen by speed
    assert seen["duration"] == pytest.approx(2.9, abs=0.01)  # 29 days at 10 days a second
    assert seen["duration_on"] and not seen["speed_on"]


def test_open_starts_in_the_folder_of_the_last_file(open_window: Callable[..., Any], qtbot: Any,
                                                    tmp_path: Path) -> None:
    folder = tmp_path / "my datasets"
    folder.mkdir()
    path = folder / "tiny.relmap.json"
    path.write_text(json.dumps(tiny_document()), encoding="utf-8")
    win = open_window(path)
    seen: list[str] = []

    def act(dialog: QFileDialog) -> None:
        seen.append(dialog.directory().absolutePath())
        dialog.reject()

    handled = when_shown(QFileDialog, act)
    menu, action = menu_action(win, "File", "Open…")
    click(menu, menu.actionGeometry(action).center())
    qtbot.waitUntil(lambda: bool(handled) and bool(seen), timeout=10000)
    assert Path(seen[0]) == folder


def test_step_axes_get_whole_number_ticks(open_window: Callable[..., Any], qtbot: Any, tmp_path: Path) -> None:
    win = open_window(number_axis_file(tmp_path))
    axis = win.timeline_bar.chart.date_axis
    image = QImage(axis.width() or 800, 40, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    _, _, texts = axis.generateDrawSpecs(painter)
    painter.end()
    labels = [text for _, _, text in texts]
    assert labels, "no tick labels drawn"
    assert all(float(label).is_integer() for label in labels), labels


def test_an_actor_hover_card_shows_dataset_text_as_text(open_window: Callable[..., Any], qtbot: Any,
                                                        tmp_path: Path) -> None:
    document = tiny_document()
    document["actors"][0]["name"] = "<b>Ann</b> & <i>co</i>"
    document["actors"][0]["role"] = "<img src=x> envoy"
    path = tmp_path / "markup.relmap.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    win = open_window(path, at="2013-07-15")
    view = win.map_view
    QTest.mouseMove(view.viewport(), actor_point(view, "ann"))
    qtbot.waitUntil(lambda: bool(view.hover_text), timeout=3000)
    from PySide6.QtGui import QTextDocument

    shown = QTextDocument()
    shown.setHtml(view.hover_text)
    assert "<b>Ann</b> & <i>co</i>" in shown.toPlainText()
    assert "<img src=x> envoy" in shown.toPlainText()

