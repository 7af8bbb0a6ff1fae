"""Opening a smaller dataset over a bigger one, in the real window with its real background workers.

Run by :mod:`tests.gui.test_switching_datasets` in a subprocess each, so that a segmentation fault (an old,
longer array reaching a paint or a compiled kernel) fails a test instead of ending the test run. Every
scenario paints the map while the new dataset's first layout is still being computed, then checks that
what is drawn belongs to the new dataset only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt

from desktop.gui.main_window import MainWindow
from desktop.viewer.state import ViewerState
from tests.conftest import BUILTIN
from tests.gui.user_input import (
    MISERABLES,
    NEUMANN,
    PHOTOVIZ,
    SAMPSON,
    accept_next_dialog,
    answer_next_dialog,
    choose_menu,
    drop_files,
    press,
    type_into_file_dialog,
)

LONG = 60_000


@pytest.fixture
def window(qtbot) -> Iterator[MainWindow]:
    """The real window with background loading and layout, as the app runs it."""
    win = MainWindow(ViewerState())
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    yield win
    win.close()


def opened(win: MainWindow, path: Path) -> Callable[[], bool]:
    return lambda: win.state.dataset is not None and Path(win.state.dataset.origin or "").name == path.name


def drawn(win: MainWindow) -> bool:
    return win.map_view.has_frame() and win.map_controller.worker.is_idle()


def paint(win: MainWindow) -> None:
    """Paint the whole window now, as the screen would (labels, dots, ties, overlays)."""
    win.map_view.viewport().repaint()
    win.grab()


def assert_shows_only(win: MainWindow, path: Path) -> None:
    view = win.map_view
    dataset = win.state.dataset
    assert dataset is not None and opened(win, path)()
    count = len(dataset.actors)
    assert len(view.labels.names) == count
    assert all(0 <= p.actor < count for p in view.labels.placed)
    ids = {a.id for a in dataset.actors}
    assert {str(spot.data()) for spot in view.nodes.points()} <= ids
    _, _, pairs = view.drawn_ties()
    timeline = win.state.timeline
    assert timeline is not None and (not len(pairs) or int(np.max(pairs)) < len(timeline.pairs))
    positions = view.displayed_positions()
    assert positions is not None and positions.shape == (count, 2)


def open_while_painting(qtbot, win: MainWindow, opener: Callable[[], None], path: Path) -> None:
    """Open with ``opener`` and paint on every turn of the event loop until the new map is drawn."""
    opener()

    def painted_until_drawn() -> bool:
        paint(win)
        return opened(win, path)() and drawn(win)

    qtbot.waitUntil(painted_until_drawn, timeout=LONG)
    paint(win)
    assert_shows_only(win, path)


def test_bigger_to_smaller_while_the_first_layout_is_computing(qtbot) -> None:
    win = MainWindow(ViewerState())
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    assert drop_files(win, PHOTOVIZ)
    qtbot.waitUntil(opened(win, PHOTOVIZ), timeout=LONG)
    assert not drawn(win)  # its first layout is still running
    paint(win)
    open_while_painting(qtbot, win, lambda: drop_files(win, MISERABLES), MISERABLES)
    win.close()


def test_bigger_to_smaller_after_drawing_and_back(qtbot, window: MainWindow) -> None:
    open_while_painting(qtbot, window, lambda: drop_files(window, PHOTOVIZ), PHOTOVIZ)
    open_while_painting(qtbot, window, lambda: drop_files(window, MISERABLES), MISERABLES)
    open_while_painting(qtbot, window, lambda: drop_files(window, PHOTOVIZ), PHOTOVIZ)


def test_builtin_to_a_table_while_playing(qtbot, window: MainWindow) -> None:
    open_while_painting(qtbot, window, lambda: drop_files(window, BUILTIN), BUILTIN)
    press(window.map_view, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.state.playing, timeout=5000)

    def drop_table() -> None:
        accept_next_dialog()  # the column mapping: the guess is right
        drop_files(window, NEUMANN)

    open_while_painting(qtbot, window, drop_table, NEUMANN)
    assert not window.state.playing


def test_builtin_to_a_snapshot_series_by_the_menu(qtbot, window: MainWindow) -> None:
    open_while_painting(qtbot, window, lambda: drop_files(window, BUILTIN), BUILTIN)
    press(window.map_view, Qt.Key.Key_Space)

    def open_series() -> None:
        from PySide6.QtWidgets import QFileDialog

        answer_next_dialog(type_into_file_dialog(list(SAMPSON)), QFileDialog)
        choose_menu(window, "File", "Open snapshot series")

    open_while_painting(qtbot, window, open_series, SAMPSON[0])
    open_while_painting(qtbot, window, lambda: drop_files(window, PHOTOVIZ), PHOTOVIZ)
    open_while_painting(qtbot, window, lambda: drop_files(window, BUILTIN), BUILTIN)


def test_a_first_layout_superseded_twice(qtbot, window: MainWindow) -> None:
    drop_files(window, PHOTOVIZ)
    qtbot.waitUntil(opened(window, PHOTOVIZ), timeout=LONG)
    drop_files(window, BUILTIN)
    qtbot.waitUntil(opened(window, BUILTIN), timeout=LONG)
    paint(window)
    open_while_painting(qtbot, window, lambda: drop_files(window, MISERABLES), MISERABLES)
