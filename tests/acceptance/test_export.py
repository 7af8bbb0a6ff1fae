"""Pictures out of the window and the shortcuts: Export… PNG and MP4, Ctrl+C, F1, Ctrl+0."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.acceptance.conftest import click, image_array, key, looks_alike
from tests.acceptance.helpers import export_button, open_export, paste_into, wheel_zoom
from tests.conftest import BUILTIN


def test_export_a_png_that_looks_like_the_window(open_window: Callable[..., Any], qtbot: Any,
                                                 tmp_path: Path) -> None:
    win = open_window(BUILTIN, at="2013-11-20")
    dialog = open_export(win, qtbot)
    target = tmp_path / "map.png"
    paste_into(dialog.path, str(target))
    size = (dialog.height_box.value(), dialog.width_box.value())  # the window's size, offered by default
    click(export_button(dialog))
    qtbot.waitUntil(target.exists, timeout=20000)
    assert not dialog.isVisible() and win.statusBar().currentMessage() == f"Saved {target}"
    saved = image_array(QImage(str(target)))
    screen = image_array(win.map_view.grab().toImage())
    assert saved.shape[:2] == size
    assert looks_alike(saved, screen) < 12, "the exported picture does not look like the window"


def test_export_a_short_mp4(open_window: Callable[..., Any], qtbot: Any, tmp_path: Path) -> None:
    import imageio.v2 as imageio2

    win = open_window(BUILTIN, at="2013-11-20", size=(900, 640))
    dialog = open_export(win, qtbot)
    target = tmp_path / "clip.mp4"
    paste_into(dialog.path, str(target))
    assert dialog.movie_box.isVisible()
    paste_into(dialog.start, "2013-11-01")
    paste_into(dialog.end, "2013-11-10")
    click(dialog.by_duration)
    click(dialog.duration.lineEdit())
    key(dialog.duration, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(dialog.duration, "1")
    click(export_button(dialog))
    qtbot.waitUntil(lambda: win.statusBar().currentMessage() == f"Saved {target}", timeout=120000)
    reader = imageio2.get_reader(target)
    try:
        assert 10 <= reader.count_frames() <= 40  # about a second
        first = reader.get_data(0)
    finally:
        reader.close()
    assert len(np.unique(first.reshape(-1, 3)[::97], axis=0)) > 20  # a drawn map, not a blank frame


def test_ctrl_c_copies_the_map_as_on_screen(open_window: Callable[..., Any], qtbot: Any) -> None:
    win = open_window(BUILTIN, at="2013-11-20")
    QApplication.clipboard().clear()
    key(win.map_view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    image = QApplication.clipboard().image()
    assert not image.isNull()
    assert looks_alike(image_array(image), image_array(win.map_view.grab().toImage())) < 12


def test_f1_lists_every_shortcut(open_window: Callable[..., Any], qtbot: Any) -> None:
    from desktop.gui.dialogs.help_dialogs import ShortcutsDialog

    win = open_window(BUILTIN)
    key(win, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: any(isinstance(w, ShortcutsDialog) and w.isVisible()
                                for w in QApplication.topLevelWidgets()), timeout=3000)
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ShortcutsDialog) and w.isVisible())
    keys = {dialog.tree.topLevelItem(i).text(1) for i in range(dialog.tree.topLevelItemCount())}
    for wanted in ("Space", "PgDown", "PgUp", "Home", "End", "L", "]", "[", "Ctrl+O", "Ctrl+E", "Ctrl+C", "Ctrl+0",
                   "F1"):
        assert any(wanted in k for k in keys), (wanted, keys)
    dialog.close()


def test_ctrl_0_zooms_back_to_fit(open_window: Callable[..., Any], qtbot: Any) -> None:
    win = open_window(BUILTIN, at="2013-11-20")
    view = win.map_view
    fitted = view.viewbox.viewRect()
    wheel_zoom(view, 4)  # the mouse wheel zooms in
    zoomed = view.viewbox.viewRect()
    assert zoomed.width() < 0.8 * fitted.width()
    key(win, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    again = view.viewbox.viewRect()
    assert abs(again.width() - fitted.width()) < 0.05 * fitted.width()
