"""The window remembers its geometry, dock layout, files and export folder, in a temporary settings folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu

from desktop.gui.settings import (
    MAX_RECENT,
    RecentFiles,
    WindowMemory,
    export_settings,
    open_settings,
    remember_export,
)
from desktop.viewer.state import ViewerState


def test_settings_live_in_the_test_folder(settings_folder: Path) -> None:
    settings = open_settings()
    settings.setValue("probe", 1)
    settings.sync()
    assert Path(settings.fileName()).is_relative_to(settings_folder)


def test_geometry_and_docks_come_back(qtbot, make_window) -> None:
    first = make_window(show=False)
    memory = WindowMemory(first)
    assert not memory.restore()  # first run: nothing stored
    first.setGeometry(QRect(30, 40, 720, 520))
    dock = first.findChild(QDockWidget, "details_dock")
    first.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
    first.show()
    qtbot.waitExposed(first)
    first.resize(first.minimumSizeHint().width() + 40, 520)
    size = (first.width(), first.height())
    first.close()  # saving happens on close

    second = make_window(show=False)
    assert WindowMemory(second).restore()
    second.show()
    qtbot.waitExposed(second)
    # the offscreen screen is 800 px wide, narrower than the window's minimum, so Qt may refit the width
    assert second.height() == size[1]
    assert second.dockWidgetArea(second.findChild(QDockWidget, "details_dock")) == Qt.DockWidgetArea.LeftDockWidgetArea


class _FileWindow(QMainWindow):
    """Just what WindowMemory relies on: a File menu with Open, a state, and open_path."""

    def __init__(self) -> None:
        super().__init__()
        self.state = ViewerState()
        menu = self.menuBar().addMenu("&File")
        menu.addAction("&Open…").setShortcut(QKeySequence(QKeySequence.StandardKey.Open))
        menu.addAction("&Quit")

    def open_path(self, path: Path) -> None:
        from desktop.io.registry import load

        self.state.open_dataset(load(path).dataset)


def test_opened_files_become_last_and_recent(qtbot, write_dataset: Callable[..., Path]) -> None:
    window = _FileWindow()
    qtbot.addWidget(window)
    memory = WindowMemory(window)
    one, two = write_dataset(name="one.relmap.json"), write_dataset(name="two.relmap.json")
    for path in (one, two, one):
        window.open_path(path)
    assert memory.last_file() == one.absolute()
    assert memory.recent.paths() == [one.absolute(), two.absolute()]
    menu = window.findChild(QMenu, "recent_menu")
    menu.aboutToShow.emit()
    labels = [a.text() for a in menu.actions() if a.text()]
    assert labels == ["&1 one.relmap.json", "&2 two.relmap.json", "Clear menu"]
    menu.actions()[1].trigger()
    assert Path(window.state.dataset.origin).name == "two.relmap.json"
    assert [a.text() for a in window.menuBar().actions()[0].menu().actions()] == ["&Open…", "Open &Recent", "&Quit"]


def test_open_recent_sits_after_open(qtbot, make_window) -> None:
    window = make_window(show=False)
    WindowMemory(window)
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions()]
    assert texts[texts.index("&Open…") + 1] == "Open &Recent"


def test_a_vanished_last_file_falls_back(tmp_path: Path, write_dataset: Callable[..., Path]) -> None:
    settings = open_settings()
    gone = write_dataset(name="gone.relmap.json")
    settings.setValue("files/last", str(gone))
    RecentFiles(settings).add(gone)
    gone.unlink()

    assert WindowMemory.last_file(type("M", (), {"settings": settings})()) is None
    assert RecentFiles(settings).prune() == []


def test_recent_list_is_bounded_and_skips_the_builtin(tmp_path: Path, builtin_path: Path) -> None:
    recent = RecentFiles(open_settings())
    for n in range(MAX_RECENT + 3):
        recent.add(tmp_path / f"f{n}.json")
    recent.add(builtin_path)
    paths = recent.paths()
    assert len(paths) == MAX_RECENT and paths[0].name == f"f{MAX_RECENT + 2}.json"
    assert builtin_path not in paths


def test_export_settings(qtbot, make_window, tmp_path: Path) -> None:
    memory = WindowMemory(make_window(show=False))
    assert memory.export_suggestion("relmap.png") == "relmap.png"
    memory.remember_export(tmp_path / "out" / "a.png", size="1600x1000")
    (tmp_path / "out").mkdir()
    assert memory.export_suggestion("relmap.png") == str(tmp_path / "out" / "relmap.png")
    assert memory.export_settings()["size"] == "1600x1000"
    assert export_settings()["size"] == "1600x1000"  # the same store, for an export dialog without the memory
    remember_export(tmp_path / "b.png", scale=2)
    assert int(export_settings()["scale"]) == 2


@pytest.mark.parametrize("value", ["", None])
def test_empty_stored_lists_read_as_empty(value: object) -> None:
    settings = open_settings()
    settings.setValue(RecentFiles.KEY, value)
    assert RecentFiles(settings).paths() == []
