"""An export shows what the window shows: the dimming around a selection and node sizes by centrality."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from desktop.core.resources import builtin_dataset_path
from desktop.gui.dialogs.export_dialog import ExportDialog, picture_from_window
from desktop.gui.main_window import MainWindow
from tests.export._pixels import rgba

AT = "2013-11-20"


@pytest.fixture
def window(qtbot, make_window: Callable[..., MainWindow]) -> MainWindow:
    win = make_window(builtin_dataset_path(), at=AT, size=(1500, 1000))
    qtbot.waitUntil(lambda: win.map_view.displayed_positions() is not None, timeout=30_000)
    return win


def busiest_actor(window: MainWindow) -> str:
    snapshot = window.map_controller.snapshot()
    assert snapshot is not None and len(snapshot.pair)
    counts = np.bincount(np.concatenate([snapshot.source, snapshot.target]))
    return window.state.timeline.actor_ids[int(np.argmax(counts))]


def select_and_size(window: MainWindow, qtbot) -> str:
    actor = busiest_actor(window)
    window.state.selected_actor = actor
    window.state.size_by = "centrality"
    qtbot.waitUntil(lambda: window.map_controller.metrics.centrality() is not None, timeout=30_000)
    qtbot.waitUntil(lambda: window.map_view.importance is not None, timeout=10_000)
    qtbot.waitUntil(lambda: not window.map_view.is_animating(), timeout=10_000)
    return actor


def export_png(window: MainWindow, path: Path, *, whole: bool = False) -> np.ndarray:
    view = window.map_view
    dialog = ExportDialog(window.state, view, parent=window)
    dialog.path.setText(str(path))
    dialog.width_box.setValue(view.width())
    dialog.height_box.setValue(view.height())
    dialog.whole.setChecked(whole)
    dialog.export_now()
    assert window.state.status == f"Saved {path}"
    return rgba(QImage(str(path)))


def unlike(a: np.ndarray, b: np.ndarray, tolerance: int = 40) -> float:
    """The fraction of pixels of ``a`` with no pixel of ``b`` within ``tolerance`` in their 3×3 neighbourhood.

    The export antialiases ties and panel edges (the window trades that for speed), which moves edge
    pixels by a shade; a missing dimming, a different size or a moved name differs far more than that.
    """
    a, b = a[..., :3].astype(int), b[..., :3].astype(int)
    height, width = a.shape[:2]
    padded = np.pad(b, ((1, 1), (1, 1), (0, 0)), mode="edge")
    near = np.zeros((height, width), dtype=bool)
    for dy in range(3):
        for dx in range(3):
            near |= np.abs(a - padded[dy:dy + height, dx:dx + width]).max(axis=-1) <= tolerance
    return float((~near).mean())


def test_the_picture_carries_the_windows_emphasis_and_sizes(window: MainWindow, qtbot) -> None:
    actor = select_and_size(window, qtbot)
    picture = picture_from_window(window.state, window.map_view)
    assert picture.selected == actor and picture.size_by == "centrality"
    assert picture.centrality is not None
    assert picture.timeline is window.state.timeline  # the window's timeline, not a fresh one


def test_png_export_is_the_window_grab(window: MainWindow, qtbot, tmp_path: Path) -> None:
    actor = select_and_size(window, qtbot)
    view = window.map_view
    window.state.status = "Exporting"  # the status line takes its room before the map is measured
    QApplication.sendPostedEvents()  # the layout requests it posted: the map resized to what is left
    QApplication.processEvents()
    grabbed = rgba(view.grab().toImage().scaled(view.width(), view.height()))
    exported = export_png(window, tmp_path / "selected.png")
    assert exported.shape == grabbed.shape
    differing = unlike(exported, grabbed)
    assert differing < 0.002, f"{differing:.2%} of the pixels differ from the window"

    # The dimming is in the export: the same picture without the selection differs where ties fade.
    window.state.selected_actor = None
    qtbot.waitUntil(lambda: window.map_view.emphasis.focus is None, timeout=5_000)
    plain = export_png(window, tmp_path / "plain.png")
    assert unlike(plain, exported) > 0.002
    window.state.selected_actor = actor


def test_ties_away_from_the_selection_fade_in_window_and_export(window: MainWindow, qtbot) -> None:
    from desktop.export.stage import stage_picture

    actor = select_and_size(window, qtbot)
    index = window.state.timeline.dataset.actor_index[actor]
    emphasis = window.map_view.emphasis
    snapshot = window.map_controller.snapshot()
    assert snapshot is not None and emphasis.focus is not None
    away = snapshot.pair[(snapshot.source != index) & (snapshot.target != index)]
    assert len(away) and not np.isin(away, emphasis.focus_pairs).any()
    view = window.map_view
    for whole in (False, True):
        stage = stage_picture(picture_from_window(window.state, view, whole_map=whole), (view.width(), view.height()))
        try:
            drawn = stage.view.emphasis
            assert drawn.focus is not None and np.array_equal(drawn.focus, emphasis.focus)
            assert np.array_equal(drawn.focus_pairs, emphasis.focus_pairs)
            assert stage.view.importance is not None
            assert np.allclose(stage.view.importance, view.importance)
        finally:
            stage.close()
