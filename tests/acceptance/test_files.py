"""Opening files the way users do: File → Open with a typed path, drag and drop, the CSV mapping
dialog, snapshot series and File → Open Recent."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QWidget

from tests.acceptance.conftest import click, settle, shared
from tests.acceptance.helpers import menu_action, open_by_menu, type_into_file_dialog, when_shown
from tests.conftest import tiny_document


def icews_file(folder: Path) -> Path:
    """A small ICEWS-style export (tab-separated, its own column names)."""
    rows = ["Event ID\tEvent Date\tSource Name\tEvent Text\tCAMEO Code\tIntensity\tTarget Name"]
    people = ["Ann Ash", "Bob Birch", "Cy Cedar", "Di Dove"]
    for k in range(12):
        a, b = people[k % 4], people[(k + 1 + k // 4) % 4]
        if a == b:
            b = people[(k + 2) % 4]
        rows.append(f"{k + 1}\t2020-0{1 + k // 4}-{10 + k:02d}\t{a}\tMeet\t040\t{(k % 5) - 2}.0\t{b}")
    path = folder / "events.tsv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def native_file(folder: Path) -> Path:
    path = folder / "tiny.relmap.json"
    path.write_text(json.dumps(tiny_document()), encoding="utf-8")
    return path


FORMATS: dict[str, Callable[[Path], Path]] = {
    "native JSON": native_file,
    "dynamic GEXF": lambda _: shared("photoviz-dynamic", "photoviz-dynamic.gexf"),
    "GraphML": lambda _: shared("lesmiserables", "miserables.graphml"),
    "node-link JSON": lambda _: shared("lesmiserables", "miserables.json"),
    "GML": lambda _: shared("igraph-format-samples", "karate.gml"),
    "Pajek": lambda _: shared("igraph-format-samples", "links.net"),
    "ICEWS events": icews_file,
}


@pytest.mark.parametrize("kind", list(FORMATS))
def test_file_open_with_a_typed_path(kind: str, open_window: Callable[..., Any], qtbot: Any, tmp_path: Path) -> None:
    path = FORMATS[kind](tmp_path)
    win = open_window()
    open_by_menu(qtbot, win, path)
    qtbot.waitUntil(lambda: win.state.dataset is not None, timeout=20000)
    settle(qtbot, win, timeout=30000)
    assert win.statusBar().currentMessage().startswith(f"Opened {path.name}")
    assert win.windowTitle().endswith("— Relmap")
    assert len(win.map_view.nodes.data) > 0  # dots on the map


def drop_on(widget: QWidget, paths: list[Path]) -> QDropEvent:
    """A real drag-enter and drop of files on ``widget``, as the window system delivers them."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    where = QPoint(widget.width() // 2, widget.height() // 2)
    enter = QDragEnterEvent(where, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted(), "the window refused the dragged file"
    drop = QDropEvent(QPointF(where), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, drop)
    return drop


def test_dropping_a_file_on_the_map_opens_it(open_window: Callable[..., Any], qtbot: Any) -> None:
    win = open_window()
    path = shared("lesmiserables", "miserables.graphml")
    drop = drop_on(win.map_view.viewport(), [path])
    assert drop.isAccepted()
    settle(qtbot, win, timeout=20000)
    assert len(win.state.dataset.actors) == 77
    assert win.statusBar().currentMessage().startswith("Opened miserables.graphml")


def test_dropping_two_files_opens_the_first_and_says_so(open_window: Callable[..., Any], qtbot: Any) -> None:
    win = open_window()
    drop_on(win, [shared("igraph-format-samples", "karate.gml"), shared("lesmiserables", "miserables.graphml")])
    settle(qtbot, win, timeout=20000)
    assert len(win.state.dataset.actors) == 34
    assert "karate.gml" in win.statusBar().currentMessage()


def test_a_csv_opens_through_the_mapping_dialog(open_window: Callable[..., Any], qtbot: Any, tmp_path: Path) -> None:
    from desktop.gui.dialogs.import_dialogs import CsvMappingDialog

    folder = tmp_path / "neumann"
    folder.mkdir()
    for name in ("network-example1-en.csv", "network-example2-en.csv"):
        (folder / name).write_bytes(shared("ph-neumann-help", name).read_bytes())
    win = open_window()
    open_by_menu(qtbot, win, folder / "network-example1-en.csv")
    qtbot.waitUntil(lambda: any(isinstance(w, CsvMappingDialog) and w.isVisible()
                                for w in QApplication.topLevelWidgets()), timeout=10000)
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, CsvMappingDialog) and w.isVisible())
    assert win.state.dataset is None  # nothing opens before the columns are confirmed
    source, target = dialog.chosen("source"), dialog.chosen("target")
    assert source and target and source != target
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled()
    click(ok)
    qtbot.waitUntil(lambda: win.state.dataset is not None, timeout=20000)
    settle(qtbot, win)
    assert len(win.state.dataset.actors) == 41
    assert win.statusBar().currentMessage().startswith("Opened network-example1-en.csv")


def test_a_snapshot_series_from_the_file_menu(open_window: Callable[..., Any], qtbot: Any) -> None:
    folder = shared("networkx-sampson")
    win = open_window()
    handled = when_shown(QFileDialog, type_into_file_dialog(
        " ".join(f'"{folder / f"samplike{k}.txt"}"' for k in (3, 1, 2))))  # any order: the names order them
    menu, action = menu_action(win, "File", "Open snapshot series")
    click(menu, menu.actionGeometry(action).center())
    qtbot.waitUntil(lambda: bool(handled), timeout=10000)
    settle(qtbot, win, timeout=20000)
    assert len(win.state.dataset.actors) == 18
    assert "3 snapshots" in win.statusBar().currentMessage()
    assert win.timeline_bar.isVisible()


def test_open_recent_lists_and_reopens_the_last_file(open_window: Callable[..., Any], qtbot: Any,
                                                      tmp_path: Path) -> None:
    from desktop.gui.settings import WindowMemory

    win = open_window()
    memory = WindowMemory(win)
    first = native_file(tmp_path)
    open_by_menu(qtbot, win, first)
    settle(qtbot, win)
    second = shared("igraph-format-samples", "karate.gml")
    open_by_menu(qtbot, win, second)
    settle(qtbot, win)
    assert len(win.state.dataset.actors) == 34
    file_menu, recent = menu_action(win, "File", "Open Recent")
    click(file_menu, file_menu.actionGeometry(recent).center())
    submenu = memory.recent_menu
    qtbot.waitUntil(submenu.isVisible, timeout=3000)
    names = [a.text() for a in submenu.actions()]
    assert names[0].endswith("karate.gml") and names[1].endswith("tiny.relmap.json")
    click(submenu, submenu.actionGeometry(submenu.actions()[1]).center())
    settle(qtbot, win)
    assert win.state.dataset.title == "Tiny"


def test_ctrl_o_opens_a_file(open_window: Callable[..., Any], qtbot: Any, tmp_path: Path) -> None:
    from tests.acceptance.conftest import key

    win = open_window()
    path = native_file(tmp_path)
    handled = when_shown(QFileDialog, type_into_file_dialog(str(path)))
    key(win, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(handled), timeout=10000)
    qtbot.waitUntil(lambda: win.state.dataset is not None, timeout=20000)
    settle(qtbot, win)
    assert win.windowTitle() == "Tiny — Relmap"
    assert win.statusBar().currentMessage().startswith("Opened tiny.relmap.json")
