"""Exploring the built-in story through the real widgets: slider, events, ties, actors, chapters, changes."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt

from desktop.gui.main_window import MainWindow
from tests.conftest import BUILTIN


@pytest.fixture
def window(qtbot, make_window: Callable[..., MainWindow]) -> MainWindow:
    win = make_window(BUILTIN, at="2013-11-20", size=(1400, 900))
    qtbot.waitUntil(lambda: win.state.dataset is not None, timeout=10000)
    qtbot.waitUntil(lambda: not win.map_view.is_animating(), timeout=5000)
    return win


def settle(qtbot, win: MainWindow) -> None:
    qtbot.waitUntil(lambda: not win.map_view.is_animating(), timeout=5000)


def test_slider_moves_the_event_cards_and_lights_the_event_on_the_map(window: MainWindow) -> None:
    bar, state = window.timeline_bar, window.state
    bar.slider.setValue(bar._to_slider(state.dataset.axis.to_instant("2013-11-10")))
    card = window.side.events.current_card()
    assert card is not None and "This isn't Vietnam" in card.item.title
    assert len(window.side.events.cards) > 5
    lit = {state.dataset.actors[i].id for i in window.map_view.emphasis.lit}
    assert {"netanyahu", "kerry"} <= lit
    assert window.map_view.glow.isVisible()
    card.actor_clicked.emit("netanyahu")
    assert state.selected_actor == "netanyahu"
    before = state.current_time
    window.side.events.cards[0].clicked.emit(window.side.events.cards[0].number)
    assert state.current_time < before


def test_timeline_bar_shows_ticks_chart_and_jumps(window: MainWindow) -> None:
    bar, state = window.timeline_bar, window.state
    columns, counts = bar.slider.tick_columns()
    assert len(columns) > 30 and counts.max() >= 2  # several events share a pixel somewhere
    tension, intensity = bar.chart.value_at(state.current_time)
    assert -2 <= tension <= 2 and intensity > 0
    bar.chart.jump_requested.emit(state.dataset.axis.to_instant("2014-04-01"))
    assert bar.date_label.text() == "1 April 2014"
    assert bar.chart.cursor.value() == state.current_time
    bar.end_button.click()
    assert state.current_time == state.dataset.span[1]
    bar.rule_mode.setCurrentIndex(1)
    assert state.rule.mode == "window" and "last 90 days" in bar.rule_text.text()
    assert "last 90 days" in window.map_view.legend._rule


def test_clicking_an_edge_opens_the_pair_panel(window: MainWindow, qtbot) -> None:
    view, state = window.map_view, window.state
    start, end, pairs = view.drawn_ties()
    livni, erekat = (state.dataset.actor_index[x] for x in ("livni", "erekat"))
    timeline = state.timeline
    k = next(k for k, p in enumerate(pairs)
             if set(timeline.pairs[p].tolist()) == {livni, erekat})
    a, b = start[k], end[k]
    # Probe along the segment for a point no other tie or node crowds, then click there with the mouse.
    for f in np.linspace(0.3, 0.7, 9):
        point = QPointF(*(a + f * (b - a)))
        scene = view.viewbox.mapViewToScene(point)
        if view.edge_at(point) == pairs[k] and view.actor_at(scene) is None:
            break
    else:
        pytest.fail("no clear spot on the Livni–Erekat line")
    pos = view.mapFromScene(scene)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(pos.x(), pos.y()))
    assert state.selected_tie is not None and set(state.selected_tie) == {"livni", "erekat"}
    panel = window.details
    text = panel.toPlainText()
    assert "Tzipi Livni" in text and "Saeb Erekat" in text and "Interactions behind this tie" in text
    assert "tone" in text and "The New Republic" in text
    assert panel.chart_a.isVisible()
    assert window.side.currentWidget() is panel
    tip = window.map_controller.tie_tooltip(int(pairs[k]))
    assert "Tzipi Livni" in tip and "Last:" in tip and "intensity" in tip
    focus = view.emphasis.focus
    assert focus is not None and focus.sum() == 2


def test_clicking_an_actor_lights_the_ego_network_and_charts(window: MainWindow) -> None:
    window.map_view.actor_clicked.emit("kerry")
    state = window.state
    assert state.selected_actor == "kerry" and state.selected_tie is None
    focus = window.map_view.emphasis.focus
    assert focus is not None and focus[state.dataset.actor_index["kerry"]]
    assert 3 < focus.sum() < len(focus)
    text = window.details.toPlainText()
    assert "John Kerry" in text and "Secretary of State" in text and "History to date" in text
    assert window.details.chart_b.isVisible()


def test_search_filters_and_size(window: MainWindow, qtbot) -> None:
    bar, state = window.filter_bar, window.state
    assert bar.find("Tzipi Livni") and state.selected_actor == "livni"
    assert bar.completer.model().rowCount() >= len(state.dataset.actors)
    bar.sign.setCurrentIndex(bar.sign.findData("hostile"))
    assert state.tie_filter.sign == "hostile"
    settle(qtbot, window)
    timeline = state.timeline
    _, _, pairs = window.map_view.drawn_ties()
    snap = timeline.snapshot_at(state.current_time)
    tension = {int(p): t for p, t in zip(snap.pair, snap.tension, strict=True)}
    assert len(pairs) and all(tension[int(p)] <= -0.25 for p in pairs)
    state.size_by = "centrality"
    assert bar.size_by.currentData() == "centrality"
    assert window.map_view.importance is not None


def test_labels_do_not_overlap_and_name_the_main_actors(window: MainWindow) -> None:
    placed = window.map_view.labels.placed
    assert len(placed) >= 10
    rects = np.array([p.rect for p in placed])
    for i in range(len(rects)):
        for j in range(i + 1, len(rects)):
            a, b = rects[i], rects[j]
            overlap = a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]
            names = window.map_view.labels.names
            assert not overlap, (names[placed[i].actor], names[placed[j].actor])
    shown = window.map_view.labels.shown()
    assert "John Kerry" in shown and "Benjamin Netanyahu" in shown


def test_unpin_from_the_node_menu(window: MainWindow, qtbot) -> None:
    window.map_view.actor_moved.emit("kerry", 1.0, 2.0)
    assert "kerry" in window.state.pins
    menu = window.map_controller.show_actor_menu("kerry", QPoint(10, 10))
    unpin = next(a for a in menu.actions() if a.text().startswith("Unpin John Kerry"))
    assert unpin.isEnabled()
    unpin.trigger()
    menu.close()
    assert window.state.pins == {}


def test_chapters_jump_play_and_compare(window: MainWindow, qtbot) -> None:
    chapters, state = window.side.chapters, window.state
    row = [c.id for c in state.dataset.chapters].index("november-crisis")
    chapters.choose(row)
    chapter = state.dataset.chapters[row]
    assert state.current_time == chapter.start and "November" in chapters.text.text()
    chapters.play_button.click()
    assert state.playing and state.play_range is not None
    qtbot.waitUntil(lambda: state.current_time > chapter.start + 1, timeout=5000)
    state.playing = False
    assert state.play_range is None and chapter.start < state.current_time <= chapter.end + 1
    chapters.compare_button.click()
    assert state.comparison is not None and window.side.currentWidget() is window.side.changes
    text = window.side.changes.browser.toPlainText()
    assert "Soured most" in text and "Ties gone" in text
    assert window.map_view.emphasis.focus is not None and len(window.map_view.emphasis.lit_pairs)


def test_compare_two_dates_ranks_livni_erekat_first(window: MainWindow) -> None:
    axis = window.state.dataset.axis
    window.side.changes.compare(axis.to_instant("2013-10-15"), axis.to_instant("2013-11-30"))
    text = window.side.changes.browser.toPlainText()
    soured = text.split("Soured most", 1)[1]
    assert soured.split("\n")[1].strip().endswith("Tzipi Livni — Saeb Erekat")
