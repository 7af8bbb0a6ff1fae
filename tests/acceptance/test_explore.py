"""Exploring the story with the mouse and keyboard: cards, names, actors, ties, search, filters, sizes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.acceptance.conftest import actor_point, click, key, settle
from tests.acceptance.helpers import label_links, pair_of, tie_point
from tests.conftest import BUILTIN


def dimmed_dots(view: Any) -> int:
    """How many dots the map paints faded (their brush is translucent)."""
    return sum(1 for brush in view.nodes.data["brush"] if brush.color().alpha() < 255)


def test_clicking_a_name_in_a_card_selects_that_actor(open_window: Callable[..., Any], qtbot: Any) -> None:
    win = open_window(BUILTIN, at="2013-11-10")
    card = win.side.events.current_card()
    links = label_links(card.label)
    assert "actor:netanyahu" in links, links.keys()
    click(card.label, links["actor:netanyahu"])
    qtbot.waitUntil(lambda: win.state.selected_actor == "netanyahu", timeout=3000)
    assert "Benjamin Netanyahu" in win.details.toPlainText()


def test_clicking_an_actor_lights_their_ties_and_dims_the_rest(open_window: Callable[..., Any], qtbot: Any) -> None:
    win = open_window(BUILTIN, at="2013-11-20")
    view = win.map_view
    before = dimmed_dots(view)
    click(view.viewport(), actor_point(view, "kerry"))
    assert win.state.selected_actor == "kerry"
    text = win.details.toPlainText()
    assert "John Kerry" in text and "Secretary of State" in text
    assert win.side.currentWidget() is win.details
    assert dimmed_dots(view) > before + 5  # everyone outside Kerry's ties fades


def test_clicking_a_tie_shows_the_pair_and_its_interactions(open_window: Callable[..., Any], qtbot: Any) -> None:
    win = open_window(BUILTIN, at="2013-11-20")
    view = win.map_view
    pos = tie_point(view, pair_of(win.state.timeline, "livni", "erekat"))
    assert pos is not None, "no clear spot on the Livni–Erekat tie"
    click(view.viewport(), pos)
    assert win.state.selected_tie is not None and set(win.state.selected_tie) == {"livni", "erekat"}
    text = win.details.toPlainText()
    assert "Tzipi Livni" in text and "Saeb Erekat" in text and "Interactions behind this tie" in text
    assert dimmed_dots(view) >= len(view.nodes.data) - 2


def test_type_ahead_search_selects_the_actor(open_window: Callable[..., Any], qtbot: Any) -> None:
    win = open_window(BUILTIN, at="2013-11-20")
    search = win.filter_bar.search
    key(win, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(search.hasFocus, timeout=3000)
    QTest.keyClicks(search, "livn")
    popup = win.filter_bar.completer.popup()
    qtbot.waitUntil(popup.isVisible, timeout=3000)
    names = [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())]
    assert any("Livni" in n for n in names) and len(names) < 5
    key(popup, Qt.Key.Key_Down)
    key(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.state.selected_actor == "livni", timeout=3000)
    assert "Tzipi Livni" in win.details.toPlainText()


def drawn_pairs(win: Any) -> list[tuple[str, str, float, float]]:
    """The ties the map draws now: both actor ids, tension and intensity."""
    timeline = win.state.timeline
    snap = timeline.snapshot_at(win.state.current_time)
    values = {int(p): (t, i) for p, t, i in zip(snap.pair, snap.tension, snap.intensity, strict=True)}
    ids = timeline.actor_ids
    return [(ids[timeline.pairs[p][0]], ids[timeline.pairs[p][1]], *values[int(p)])
            for p in win.map_view.drawn_ties()[2].tolist()]


def test_group_filter_shows_only_that_groups_ties(open_window: Callable[..., Any], qtbot: Any) -> None:
    win = open_window(BUILTIN, at="2013-11-20")
    everything = len(drawn_pairs(win))
    combo = win.filter_bar.group
    click(combo)  # opens the list; the keyboard picks the first group
    key(combo.view() if combo.view().isVisible() else combo, Qt.Key.Key_Down)
    if combo.view().isVisible():
        key(combo.view(), Qt.Key.Key_Return)
    group = combo.currentData()
    assert group and win.state.tie_filter.groups == frozenset([group])
    settle(qtbot, win)
    groups = {a.id: a.group for a in win.state.dataset.actors}
    ties = drawn_pairs(win)
    assert 0 < len(ties) < everything
    assert all(group in (groups[a], groups[b]) for a, b, _, _ in ties)


def test_sign_filter_shows_only_hostile_then_only_warm(open_window: Callable[..., Any], qtbot: Any) -> None:
    win = open_window(BUILTIN, at="2013-11-20")
    combo = win.filter_bar.sign
    combo.setFocus()
    key(combo, Qt.Key.Key_Down)
    assert combo.currentText() == "Only hostile"
    settle(qtbot, win)
    ties = drawn_pairs(win)
    assert ties and all(t < 0 for _, _, t, _ in ties)
    key(combo, Qt.Key.Key_Down)
    settle(qtbot, win)
    ties = drawn_pairs(win)
    assert ties and all(t > 0 for _, _, t, _ in ties)


def test_minimum_intensity_hides_weak_ties(open_window: Callable[..., Any], qtbot: Any) -> None:
    win = open_window(BUILTIN, at="2013-11-20")
    before = drawn_pairs(win)
    box = win.filter_bar.min_intensity
    click(box.lineEdit())
    for _ in range(15):
        key(box, Qt.Key.Key_Up)
    assert box.text().endswith("1.5")
    assert abs(win.state.tie_filter.min_intensity - 1.5) < 1e-9
    settle(qtbot, win)
    after = drawn_pairs(win)
    assert 0 < len(after) < len(before) and all(i >= 1.5 for _, _, _, i in after)


def test_size_by_betweenness_resizes_the_dots(open_window: Callable[..., Any], qtbot: Any) -> None:
    win = open_window(BUILTIN, at="2013-11-20")
    view = win.map_view
    sizes = dict(zip(view.nodes.data["data"], view.nodes.data["size"], strict=True))
    combo = win.filter_bar.size_by
    combo.setFocus()
    key(combo, Qt.Key.Key_Down)
    assert combo.currentText() == "Size: betweenness" and win.state.size_by == "centrality"
    qtbot.waitUntil(lambda: dict(zip(view.nodes.data["data"], view.nodes.data["size"], strict=True)) != sizes,
                    timeout=10000)


def test_drag_an_actor_to_pin_it_and_unpin_from_its_menu(open_window: Callable[..., Any], qtbot: Any) -> None:
    win = open_window(BUILTIN, at="2013-11-20")
    view = win.map_view
    from tests.acceptance.conftest import drag

    start = actor_point(view, "abbas")
    end = start + type(start)(60, 40)
    drag(view.viewport(), start, end, steps=10)
    assert "abbas" in win.state.pins
    settle(qtbot, win)
    moved = actor_point(view, "abbas")
    assert abs(moved.x() - end.x()) <= 3 and abs(moved.y() - end.y()) <= 3  # it stays where it was put
    from PySide6.QtWidgets import QApplication, QMenu

    click(view.viewport(), moved, Qt.MouseButton.RightButton)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=3000)
    menu = QApplication.activePopupWidget()
    unpin = next(a for a in menu.actions() if a.text().startswith("Unpin Mahmoud Abbas"))
    assert unpin.isEnabled()
    click(menu, menu.actionGeometry(unpin).center())
    assert "abbas" not in win.state.pins
