"""What broke when the window was tried by hand (issue 12): each test clicks, types or drags on the real
widgets of the real window and checks what the user would see."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from desktop.gui.main_window import MainWindow
from tests.conftest import BUILTIN


@pytest.fixture
def window(qtbot, make_window: Callable[..., MainWindow]) -> MainWindow:  # type: ignore[no-untyped-def]
    win = make_window(BUILTIN, at="2013-11-20", size=(1400, 900))
    qtbot.waitUntil(lambda: win.map_view.has_frame() and not win.map_view.is_animating(), timeout=10000)
    return win


def click(widget, pos: QPoint | None = None) -> None:  # type: ignore[no-untyped-def]
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     pos if pos is not None else widget.rect().center())


def test_clicking_event_cards_moves_the_date_and_keeps_the_cards(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel, state = window.side.events, window.state
    window.side.setCurrentWidget(panel)
    cards = list(panel.cards)
    first = cards[0]
    qtbot.waitUntil(first.isVisible)
    before = state.current_time
    click(first, QPoint(8, 4))  # the card's margin, not a link in its text
    assert state.current_time == state.dataset.events[first.number].time < before  # type: ignore[union-attr]
    current = panel.current_card()
    assert current is not None and current.property("current") and current.item.time == first.item.time
    assert first in panel.cards  # the clicked card was kept, not deleted under the click
    last = panel.cards[-1]
    click(last, QPoint(8, 4))
    assert state.current_time == last.item.time  # type: ignore[union-attr]
    assert set(panel.cards) <= set(panel._pool)  # the same widgets, given other events
    assert all(card.isVisible() for card in panel.cards)
