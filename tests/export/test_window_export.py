"""The window's own exports: the same picture as the command line, an animation that keeps the
window alive, and Copy."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import imageio.v3 as iio
import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QWheelEvent
from PySide6.QtWidgets import QApplication, QPushButton

from desktop.cli import main
from desktop.core.resources import builtin_dataset_path
from desktop.gui.dialogs.export_dialog import ExportDialog
from desktop.gui.main_window import MainWindow
from tests.export._pixels import rgba

AT = "2013-11-20"


@pytest.fixture
def window(qtbot, make_window: Callable[..., MainWindow]) -> MainWindow:
    win = make_window(builtin_dataset_path(), at=AT, size=(1100, 700))
    qtbot.waitUntil(lambda: win.map_view.displayed_positions() is not None, timeout=30_000)
    return win


def dialog_for(window: MainWindow, path: Path, size: tuple[int, int]) -> ExportDialog:
    dialog = ExportDialog(window.state, window.map_view, parent=window)
    dialog.path.setText(str(path))
    dialog.width_box.setValue(size[0])
    dialog.height_box.setValue(size[1])
    return dialog


def test_window_export_matches_the_headless_export(window: MainWindow, tmp_path: Path) -> None:
    dialog = dialog_for(window, tmp_path / "window.png", (640, 400))
    dialog.whole.setChecked(True)
    dialog.export_now()
    assert window.state.status == f"Saved {tmp_path / 'window.png'}"
    assert main(["export", "--at", AT, "-o", str(tmp_path / "cli.png"), "--size", "640x400"]) == 0
    from_window = rgba(QImage(str(tmp_path / "window.png")))
    from_cli = rgba(QImage(str(tmp_path / "cli.png")))
    assert from_window.shape == (400, 640, 4)
    assert np.array_equal(from_window, from_cli)


def test_as_on_screen_keeps_the_window_zoom(window: MainWindow, tmp_path: Path) -> None:
    view = window.map_view
    centre = QPointF(view.viewport().width() / 2, view.viewport().height() / 2)
    for _ in range(4):  # zoom in with the wheel: fewer actors fit, and the map stops following its cast
        QApplication.sendEvent(view.viewport(), QWheelEvent(
            centre, view.mapToGlobal(centre), QPoint(0, 0), QPoint(0, 120), Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False))
    assert not view.following
    dialog = dialog_for(window, tmp_path / "zoomed.svg", (640, 400))
    dialog.export_now()
    whole = dialog_for(window, tmp_path / "whole.svg", (640, 400))
    whole.whole.setChecked(True)
    whole.export_now()
    zoomed, full = (p.read_text() for p in (tmp_path / "zoomed.svg", tmp_path / "whole.svg"))
    assert zoomed.count("<text") < full.count("<text")  # labels off screen are not drawn


def test_animation_runs_under_a_progress_dialog(window: MainWindow, qtbot, tmp_path: Path) -> None:
    out = tmp_path / "talks.gif"
    dialog = dialog_for(window, out, (200, 120))
    assert dialog.movie_box.isVisibleTo(dialog) and not dialog.still_box.isVisibleTo(dialog)
    dialog.start.setText("2013-10-01")
    dialog.end.setText("2013-11-01")
    dialog.fps.setValue(10)
    dialog.by_duration.setChecked(True)
    dialog.duration.setValue(0.5)
    ticks: list[int] = []
    dialog.export_now()
    progress = dialog.progress
    assert progress is not None
    with qtbot.waitSignal(progress.finished, timeout=60_000):
        while not progress.job.finished:
            QApplication.processEvents()  # the event loop runs between slices of painting
            ticks.append(progress.dialog.value())
    assert len(ticks) > 1
    assert iio.imread(out, index=None).shape[:3] == (5, 120, 200)


def test_cancelled_animation_leaves_no_file(window: MainWindow, qtbot, tmp_path: Path) -> None:
    dialog = dialog_for(window, tmp_path / "talks.mp4", (320, 200))
    dialog.by_duration.setChecked(True)
    dialog.duration.setValue(20)
    dialog.export_now()
    progress = dialog.progress
    assert progress is not None
    with qtbot.waitSignal(progress.failed, timeout=10_000):
        qtbot.waitUntil(lambda: progress.job.frame > 2, timeout=30_000)
        progress.dialog.findChild(QPushButton).click()
    assert list(tmp_path.iterdir()) == []


def test_errors_are_shown_and_the_dialog_stays(window: MainWindow, tmp_path: Path, monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr("desktop.gui.dialogs.export_dialog.QMessageBox.warning", lambda *args: shown.append(args[2]))
    dialog = dialog_for(window, tmp_path / "map.bmp", (320, 200))
    dialog.export_now()
    dialog.path.setText(str(tmp_path / "missing" / "map.png"))
    dialog.export_now()
    assert "cannot export to .bmp" in shown[0] and "does not exist" in shown[1]
    assert dialog.result() == 0


def test_copy_puts_the_map_on_the_clipboard(window: MainWindow) -> None:
    view = window.map_view
    ratio = view.devicePixelRatioF()
    expected = (round(view.width() * ratio), round(view.height() * ratio))  # before the status line shows
    window.copy_view()
    image = QGuiApplication.clipboard().image()
    assert (image.width(), image.height()) == expected
    assert len(np.unique(rgba(image)[::5, ::5, :3].reshape(-1, 3) // 16, axis=0)) > 10
