"""The window comes back where it was left (README, "Using it"): size, position, panel layout and the file
that was open, or the built-in dataset if that file is gone; File → Open Recent lists the files.

Run in a child process by test_window_memory.py, on an offscreen screen of 1920×1080 (the default offscreen
screen, 800 px wide, is narrower than the window can be, and Qt fits a restored window into the screen).
Each test starts from a fresh configuration folder, changes the window with real input (a drag on the
splitter between the map and the side panel, File → Open with a typed path, File → Quit), and starts
a second window the way ``relmap`` does with that folder.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDockWidget

from tests.acceptance.conftest import click, drag, settle
from tests.acceptance.helpers import menu_action, open_by_menu, write_document
from tests.conftest import tiny_document


def dock(win: Any) -> QDockWidget:
    return win.findChild(QDockWidget, "details_dock")


def splitter_point(win: Any) -> QPoint:
    """The middle of the separator between the map and the side panel, in the window's coordinates."""
    left = win.centralWidget().geometry().right()
    right = dock(win).geometry().left()
    assert right > left, "no separator between the map and the side panel"
    return QPoint((left + right + 1) // 2, win.centralWidget().geometry().center().y())


def quit_by_menu(qtbot: Any, win: Any) -> None:
    """File → Quit with the mouse (its Ctrl+Q comes from the platform's key scheme, which offscreen has not)."""
    menu, action = menu_action(win, "File", "Quit")
    click(menu, menu.actionGeometry(action).center())
    qtbot.waitUntil(lambda: not win.isVisible(), timeout=10000)


def test_size_splitter_and_file_come_back(config_folder: Path, launch: Callable[..., Any], qtbot: Any,
                                          tmp_path: Path) -> None:
    first = launch()
    assert first.state.dataset.title.startswith("The Kerry")  # a first run: the built-in dataset
    assert first.screen().geometry().width() == 1920
    first.resize(1500, 860)
    first.move(40, 30)
    qtbot.waitUntil(lambda: first.width() == 1500, timeout=5000)
    width_before = dock(first).width()
    start = splitter_point(first)
    drag(first, start, start - QPoint(120, 0), steps=12, live=True)
    qtbot.waitUntil(lambda: dock(first).width() >= width_before + 100, timeout=5000)
    panel_width = dock(first).width()

    path = write_document(tmp_path, tiny_document(), "meetings.relmap.json")
    open_by_menu(qtbot, first, path)
    qtbot.waitUntil(lambda: first.state.dataset is not None and first.state.dataset.title == "Tiny", timeout=20000)
    settle(qtbot, first)
    size, place = first.size(), first.pos()
    quit_by_menu(qtbot, first)

    second = launch()
    assert second.state.dataset.title == "Tiny" and Path(second.state.dataset.origin) == path
    assert second.windowTitle() == "Tiny — Relmap"
    assert second.size() == size
    assert second.pos() == place
    assert abs(dock(second).width() - panel_width) <= 2
    assert dock(second).isVisible() and second.dockWidgetArea(dock(second)) == Qt.DockWidgetArea.RightDockWidgetArea

    file_menu, recent = menu_action(second, "File", "Open Recent")
    click(file_menu, file_menu.actionGeometry(recent).center())
    submenu = recent.menu()
    qtbot.waitUntil(submenu.isVisible, timeout=3000)
    assert submenu.actions()[0].text().endswith("meetings.relmap.json")
    submenu.close()
    file_menu.close()
    quit_by_menu(qtbot, second)

    path.unlink()  # the file is gone: the next start shows the built-in dataset
    third = launch()
    assert third.state.dataset.title.startswith("The Kerry")
    assert third.size() == size
