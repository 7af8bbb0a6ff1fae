"""Dark window chrome, as a user gets it (``RELMAP_COLOR_SCHEME=dark``), after real clicks on an actor, a
tie and an event card: every text and control a user reads is measured on the window's own grab.

Contrast is the WCAG 2 ratio (tests/gui/test_dark_mode.py): at least 4.5 for text, 3 for icons and marks.
Each grab is also written to the test's folder, for a person to look at.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.acceptance.conftest import actor_point, click, settle
from tests.acceptance.helpers import browser_text_contrast, pair_of, tie_point
from tests.conftest import BUILTIN
from tests.gui.test_dark_mode import ink_contrast, pixels, text_contrast


@pytest.fixture
def dark(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The scheme the app applies at start-up when launched with RELMAP_COLOR_SCHEME=dark (run_gui's
    follow_color_scheme applies system_scheme(), which reads the variable); light again afterwards."""
    from desktop.gui.appearance import apply_color_scheme, is_dark, system_scheme

    monkeypatch.setenv("RELMAP_COLOR_SCHEME", "dark")
    apply_color_scheme(qapp, system_scheme())
    try:
        assert is_dark(qapp.palette())
        yield
    finally:
        apply_color_scheme(qapp, Qt.ColorScheme.Light)


def save(widget: Any, folder: Path, name: str) -> None:
    widget.grab().save(str(folder / f"{name}.png"))


def test_dark_window_after_clicks_is_readable(dark: None, open_window: Callable[..., Any], qtbot: Any,
                                              tmp_path: Path) -> None:
    win = open_window(BUILTIN, at="2013-11-20")
    view, side, bar = win.map_view, win.side, win.timeline_bar

    # An event card clicked: it becomes the current one, highlighted.
    side.setCurrentWidget(side.events)
    panel = side.events
    card = next(c for c in panel.cards if c.isVisible() and c.item.time < win.state.current_time)
    when = card.item.time
    click(card, card.rect().center())
    qtbot.waitUntil(lambda: win.state.current_time == when, timeout=5000)
    # The cards are given other events and laid out again: wait until none is cut short.
    qtbot.waitUntil(lambda: all(c.label.height() >= c.label.heightForWidth(c.label.width())
                                for c in panel.cards if c.isVisible()), timeout=10000)
    save(win, tmp_path, "cards")
    current = panel.current_card()
    assert current is not None and bool(current.property("current"))
    for shown in [*[c for c in panel.cards if c.isVisible()][:4], current]:
        assert text_contrast(shown.label, shown) >= 4.5, f"card {shown.number}"

    # The transport buttons, the slider, the date and the rule sentence under the map.
    for button in (bar.start_button, bar.previous_button, bar.play_button, bar.next_button, bar.end_button):
        assert ink_contrast(button) >= 3.0, button.toolTip()
    assert ink_contrast(bar.slider) >= 3.0
    assert text_contrast(bar.rule_text) >= 4.5
    assert text_contrast(bar.date_label) >= 4.5

    # An actor clicked: the Details tab, its header and history.
    settle(qtbot, win)
    click(view.viewport(), actor_point(view, "kerry"))
    qtbot.waitUntil(lambda: side.currentWidget() is win.details, timeout=5000)
    save(win, tmp_path, "actor")
    details = win.details
    assert text_contrast(details.header, details) >= 4.5
    assert browser_text_contrast(details.browser) >= 4.5

    # A tie clicked: its interactions, past ones and those still to come.
    point = tie_point(view, pair_of(win.state.timeline, "livni", "erekat"))
    assert point is not None
    click(view.viewport(), point)
    qtbot.waitUntil(lambda: win.state.selected_tie is not None, timeout=5000)
    header = details.header
    qtbot.waitUntil(lambda: header.height() >= header.heightForWidth(header.width()), timeout=10000)
    save(win, tmp_path, "tie")
    assert text_contrast(details.header, details) >= 4.5
    assert browser_text_contrast(details.browser) >= 4.5

    # The window as a whole is dark chrome (the map stays a light sheet, as exports print it).
    chrome = pixels(side)
    assert np.median(chrome.sum(axis=1)) < 3 * 100
    sheet = pixels(view.viewport())
    assert np.median(sheet.sum(axis=1)) > 3 * 230
