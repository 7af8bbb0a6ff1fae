"""Dark window chrome (RELMAP_COLOR_SCHEME=dark) keeps every text and control readable (issue 12, item 6).

Contrast is the WCAG 2 ratio of the colours actually painted: at least 4.5 for text, 3 for icons and marks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from desktop.gui.appearance import apply_color_scheme, is_dark
from desktop.gui.main_window import MainWindow
from tests.conftest import BUILTIN


def luminance(rgb: np.ndarray) -> np.ndarray:
    c = np.asarray(rgb, dtype=np.float64) / 255.0
    c = np.where(c <= 0.03928, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return c @ np.array([0.2126, 0.7152, 0.0722])


def contrast(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    la, lb = luminance(a), luminance(b)
    return (np.maximum(la, lb) + 0.05) / (np.minimum(la, lb) + 0.05)


def pixels(widget: QWidget) -> np.ndarray:
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    raw = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine() // 4, 4)
    return raw[:, : image.width(), 2::-1].reshape(-1, 3).astype(np.int64)  # BGRA → RGB


def ink_contrast(widget: QWidget) -> float:
    """The contrast of the strongest ink against the widget's commonest colour (its background)."""
    rgb = pixels(widget)
    colours, counts = np.unique(rgb, axis=0, return_counts=True)
    background = colours[np.argmax(counts)]
    return float(contrast(rgb, background[None, :]).max())


def text_contrast(label: QWidget, surface: QWidget | None = None) -> float:
    """The label's own text colour (after its style sheet) against the background it is painted on
    (``surface``'s commonest colour: a transparent label shows its parent)."""
    label.ensurePolished()
    ink = label.palette().color(QPalette.ColorRole.WindowText)
    rgb = pixels(surface or label)
    colours, counts = np.unique(rgb, axis=0, return_counts=True)
    background = colours[np.argmax(counts)]
    return float(contrast(np.array([[ink.red(), ink.green(), ink.blue()]]), background[None, :])[0])


@pytest.fixture
def dark_window(qtbot, make_window: Callable[..., MainWindow]) -> Iterator[MainWindow]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_color_scheme(app, Qt.ColorScheme.Dark)
    try:
        assert is_dark(app.palette())
        win = make_window(BUILTIN, at="2013-11-20", size=(1400, 900))
        qtbot.waitUntil(win.map_view.has_frame, timeout=10000)
        yield win
    finally:
        apply_color_scheme(app, Qt.ColorScheme.Light)


def test_event_cards_are_readable_in_dark_mode(dark_window: MainWindow) -> None:
    panel = dark_window.side.events
    dark_window.side.setCurrentWidget(panel)
    assert panel.cards
    for card in panel.cards[:3]:
        assert text_contrast(card.label, card) >= 4.5


def test_timeline_controls_are_readable_in_dark_mode(dark_window: MainWindow) -> None:
    bar = dark_window.timeline_bar
    bar.rule_text.ensurePolished()
    ink, ground = (bar.rule_text.palette().color(role) for role in (QPalette.ColorRole.WindowText,
                                                                    QPalette.ColorRole.Window))
    assert contrast(np.array([ink.red(), ink.green(), ink.blue()]),
                    np.array([ground.red(), ground.green(), ground.blue()])) >= 4.5
    assert "d" in bar.rule_days.suffix()
    assert ink_contrast(bar.play_button) >= 3.0
    assert ink_contrast(bar.start_button) >= 3.0
    assert ink_contrast(bar.slider) >= 3.0


def test_wcag_contrast_of_known_colours() -> None:
    assert contrast(np.array([0, 0, 0]), np.array([255, 255, 255])) == pytest.approx(21.0)
    assert contrast(np.array([119, 119, 119]), np.array([255, 255, 255])) < 4.5 < contrast(
        np.array([102, 102, 102]), np.array([255, 255, 255]))
    assert QColor("#666666").red() == 102
