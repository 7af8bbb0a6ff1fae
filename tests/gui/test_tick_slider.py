"""The date slider's event ticks are drawn once and kept while playback only moves the handle."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QPalette

from desktop.gui.timeline.tick_slider import TickSlider
from tests.images import image_array


def _slider(qtbot) -> TickSlider:
    slider = TickSlider()
    qtbot.addWidget(slider)
    slider.resize(600, 30)
    slider.setRange(0, 730)
    slider.set_ticks(np.array([10.0, 10.0, 10.0, 200.0, 500.0]))
    slider.show()
    qtbot.waitExposed(slider)
    return slider


def _ink(slider: TickSlider) -> np.ndarray:
    """Columns of the bottom rows that carry tick ink (the handle sits higher up)."""
    pixels = image_array(slider.grab().toImage()).astype(int)[-3:]
    background = np.median(pixels.reshape(-1, pixels.shape[-1]), axis=0)
    return np.flatnonzero(np.abs(pixels - background).sum(axis=2).max(axis=0) > 40)


def test_ticks_are_kept_while_the_handle_moves_and_redrawn_when_they_change(qtbot) -> None:
    slider = _slider(qtbot)
    first = slider._tick_picture()
    drawn = _ink(slider)
    assert len(drawn) >= 3
    for value in (100, 300, 700):
        slider.setValue(value)
        slider.repaint()
        assert slider._tick_picture() is first  # the handle moved: the same ticks, not measured again
    slider.set_ticks(np.array([600.0]))
    assert slider._tick_picture() is not first
    moved = _ink(slider)
    assert len(moved) and moved.min() > drawn.max()  # one tick, right of where the old ones were
    kept = slider._tick_picture()
    slider.resize(400, 30)
    assert slider._tick_picture() is not kept  # a new width puts the ticks in other columns
    kept = slider._tick_picture()
    slider.setRange(0, 1000)
    assert slider._tick_picture() is not kept
    kept = slider._tick_picture()
    palette = slider.palette()
    palette.setColor(QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.Base))
    slider.setPalette(palette)  # dark mode: ticks in the new ink
    assert slider._tick_picture() is not kept
