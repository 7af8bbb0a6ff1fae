"""Run in a child process by test_panels.py (a crash there fails that test instead of ending the run)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.acceptance.conftest import click
from tests.conftest import BUILTIN


def test_card_click(open_window: Callable[..., Any], qtbot: Any) -> None:
    win = open_window(BUILTIN, at="2013-11-20")
    bar, events = win.timeline_bar, win.side.events
    card = events.cards[0]
    title, when = card.item.title, card.item.time
    assert card.item.time < win.state.current_time
    click(card, card.rect().center())
    qtbot.waitUntil(lambda: win.state.current_time == when, timeout=3000)
    assert bar.date_label.text() == win.state.dataset.axis.format(when)
    current = events.current_card()
    assert current is not None and current.item.time == when  # the card of that date is the current one
    assert any(c.item.title == title for c in events.cards)
