"""Hover cards (issue 12 item 5): the pointer on an actor or a tie shows a card that stays while it rests.

The card used to vanish about a second after the pointer stopped: Qt asks the map for a tooltip once the
pointer has rested (its ``QEvent.ToolTip``), the scene behind the map knows none, and Qt hides the card
shown by the map's own hit test. Each test waits for that request as Qt itself sends it, then watches the
card for far longer than Qt's hide delay.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint
from PySide6.QtTest import QTest

from tests.acceptance.conftest import actor_point
from tests.acceptance.helpers import (
    card_stays,
    empty_point,
    hover_card,
    plain_text,
    rest_requests,
    tie_point,
    write_document,
)
from tests.conftest import tiny_document

NAME = "<b>Ann</b> & <i>co</i>"
ROLE = "<img src=x> envoy"


def markup_file(folder: Path) -> Path:
    """The tiny dataset with markup in a name and a role: a card must show them as typed."""
    document = tiny_document()
    document["actors"][0]["name"] = NAME
    document["actors"][0]["role"] = ROLE
    return write_document(folder, document, "markup.relmap.json")


def rest_on(qtbot: Any, view: Any, point: QPoint) -> str:
    """Move the pointer to ``point`` and let it rest until Qt has asked for a tooltip there; the card's text."""
    requests = rest_requests(view.viewport())
    # The pointer comes from somewhere else (Qt drops a move to where the pointer already is, which it may
    # be after an earlier test's move on a window in the same place).
    QTest.mouseMove(view.viewport(), empty_point(view))
    QTest.mouseMove(view.viewport(), point)
    qtbot.waitUntil(lambda: hover_card() is not None, timeout=5000)
    qtbot.waitUntil(lambda: requests.count >= 1, timeout=15000)  # Qt's own "the pointer rests" request
    card = hover_card()
    assert card is not None, "the hover card vanished once the pointer came to rest"
    return plain_text(card.text())


def test_an_actor_card_appears_stays_while_resting_and_goes_when_the_pointer_leaves(
        open_window: Callable[..., Any], qtbot: Any, tmp_path: Path) -> None:
    win = open_window(markup_file(tmp_path), at="2013-07-15")
    view = win.map_view
    text = rest_on(qtbot, view, actor_point(view, "ann"))
    assert f"{NAME} — {ROLE}" in text  # the markup shown as typed, not as bold, italics or an image
    card_stays(qtbot)
    QTest.mouseMove(view.viewport(), empty_point(view))
    qtbot.waitUntil(lambda: hover_card() is None, timeout=5000)


def test_a_tie_card_appears_stays_while_resting_and_goes_when_the_pointer_leaves(
        open_window: Callable[..., Any], qtbot: Any, tmp_path: Path) -> None:
    from tests.acceptance.helpers import pair_of

    win = open_window(markup_file(tmp_path), at="2013-07-15")
    view = win.map_view
    point = tie_point(view, pair_of(win.state.timeline, "ann", "bob"))
    assert point is not None, "no clear spot on the Ann–Bob tie"
    text = rest_on(qtbot, view, point)
    assert f"{NAME} — Bob" in text
    assert "tension +2.00" in text and "First meeting (tone +2)" in text
    assert "Click for the events behind this tie" in text
    card_stays(qtbot)
    QTest.mouseMove(view.viewport(), empty_point(view))
    qtbot.waitUntil(lambda: hover_card() is None, timeout=5000)


def test_the_card_follows_a_quick_pointer_to_where_it_stops(open_window: Callable[..., Any], qtbot: Any,
                                                            tmp_path: Path) -> None:
    """A flick onto a dot and off again: the card comes and goes with the pointer's last position at once,
    not only when Qt asks again after a rest (the map hears at most 100 moves a second and dropped the last)."""
    win = open_window(markup_file(tmp_path), at="2013-07-15")
    view = win.map_view
    viewport = view.viewport()
    away, ann = empty_point(view), actor_point(view, "ann")
    requests = rest_requests(viewport)
    QTest.mouseMove(viewport, away)
    QTest.mouseMove(viewport, ann)  # the two moves come within a few milliseconds
    qtbot.waitUntil(lambda: hover_card() is not None, timeout=5000)
    assert requests.count == 0, "the card waited for the pointer to rest"
    assert NAME in plain_text(hover_card().text())
    requests.count = 0
    QTest.mouseMove(viewport, ann + QPoint(1, 0))
    QTest.mouseMove(viewport, away)
    qtbot.waitUntil(lambda: hover_card() is None, timeout=5000)
    assert requests.count == 0, "the card stayed until the pointer rested off the dot"
