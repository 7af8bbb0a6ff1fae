"""README features of "Exploring the story" that no other acceptance test drove: a drag on the timeline
chart, the current event ringed and glowing on the map, finding an actor by an alias, and What changed
between two dates typed by hand, highlighted until Clear."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from tests.acceptance.conftest import click, drag, key, settle
from tests.acceptance.helpers import browser_links, tab_point
from tests.conftest import BUILTIN


def chart_point(chart: Any, instant: float) -> QPoint:
    box = chart.getPlotItem().getViewBox()
    return chart.mapFromScene(box.mapViewToScene(QPointF(instant, 0.5)))


def test_dragging_on_the_timeline_chart_scrubs_to_where_it_is_let_go(open_window: Callable[..., Any],
                                                                     qtbot: Any) -> None:
    win = open_window(BUILTIN, at="2013-08-01")
    chart, axis, bar = win.timeline_bar.chart, win.state.dataset.axis, win.timeline_bar
    start, end = chart_point(chart, axis.to_instant("2013-08-01")), chart_point(chart, axis.to_instant("2014-01-10"))
    seen: list[float] = []
    win.state.events.current_time.connect(seen.append)
    drag(chart.viewport(), start, end, steps=10, live=True)
    qtbot.waitUntil(lambda: abs(win.state.current_time - axis.to_instant("2014-01-10")) < 3, timeout=5000)
    assert len(set(seen)) >= 3  # the date followed the pointer, not only the release
    assert bar.date_label.text().endswith("January 2014")
    assert abs(chart.cursor.value() - win.state.current_time) < 1e-9


def test_the_current_event_is_ringed_and_its_ties_glow(open_window: Callable[..., Any], qtbot: Any) -> None:
    win = open_window(BUILTIN, at="2013-11-09")
    view = win.map_view
    key(view.viewport(), Qt.Key.Key_PageDown)  # to the next event: 10 November, "This isn't Vietnam!"
    qtbot.waitUntil(lambda: win.side.events.current_card() is not None
                    and "Vietnam" in win.side.events.current_card().item.title, timeout=5000)
    settle(qtbot, win)
    event = win.side.events.current_card().item
    participants = {p for p in event.participants} | {x for i in event.interactions for x in (i.a, i.b)}
    data = view.nodes.data
    ringed = {str(d) for d, pen in zip(data["data"], data["pen"], strict=True)
              if pen.color().name() == "#e08a00"}
    assert participants <= ringed and len(ringed) == len(participants)
    assert view.glow.isVisible()  # the event's ties glow under the map's lines
    glowing = view.glow.getData()[0]
    assert glowing is not None and len(glowing) >= 2


def test_an_alias_finds_the_actor(open_window: Callable[..., Any], qtbot: Any) -> None:
    win = open_window(BUILTIN, at="2013-11-20")
    search = win.filter_bar.search
    key(win, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(search.hasFocus, timeout=3000)
    QTest.keyClicks(search, "General Al")  # John Allen's alias
    popup = search.completer().popup()
    qtbot.waitUntil(popup.isVisible, timeout=5000)
    offered = [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())]
    assert any("General Allen" in str(o) for o in offered), offered
    key(popup, Qt.Key.Key_Down)
    key(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.state.selected_actor == "allen", timeout=5000)
    assert "John Allen" in win.details.toPlainText()


def set_date(edit: Any, day: QDate) -> None:
    """Set a "d MMM yyyy" date box as a keyboard user does: click into the year, the month, then the day,
    and step each with the arrow keys (typed digits are refused while the date they pass through lies
    outside the box's range)."""
    line = edit.lineEdit()
    for index, steps in ((2, day.year() - edit.date().year()), (1, day.month() - edit.date().month()),
                         (0, day.day() - edit.date().day())):
        prefix = " ".join(edit.text().split(" ")[:index]) + (" " if index else "")
        x = line.contentsRect().left() + line.fontMetrics().horizontalAdvance(prefix) + 3
        click(line, QPoint(x, line.height() // 2))
        for _ in range(abs(steps)):
            QTest.keyClick(edit, Qt.Key.Key_Up if steps > 0 else Qt.Key.Key_Down)
    assert edit.date() == day, f"the box shows {edit.text()}"


def test_what_changed_between_two_typed_dates_until_clear(open_window: Callable[..., Any], qtbot: Any) -> None:
    win = open_window(BUILTIN, at="2013-07-29")
    side, changes, view = win.side, win.side.changes, win.map_view
    click(side.tabBar(), tab_point(side, "What changed"))
    set_date(changes.start, QDate(2013, 10, 15))
    set_date(changes.end, QDate(2013, 11, 30))
    click(changes.compare_button)
    qtbot.waitUntil(lambda: "Soured most" in changes.browser.toPlainText(), timeout=10000)
    soured = [line.strip() for line in changes.browser.toPlainText().split("Soured most", 1)[1].splitlines()]
    first = next(line for line in soured if "—" in line)
    assert first.endswith("Tzipi Livni — Saeb Erekat"), soured[:4]  # as `relmap changes` ranks them
    for heading in ("Warmed most", "Moved most in betweenness"):
        assert heading in changes.browser.toPlainText()
    assert win.timeline_bar.date_label.text() == "30 November 2013"  # the map at the later date
    assert len(view.emphasis.lit_pairs) > 0  # the changed ties are highlighted on the map
    assert any(h.startswith("tie:") for h in browser_links(changes.browser))
    key(view.viewport(), Qt.Key.Key_PageDown)  # the highlight stays while the date moves on
    settle(qtbot, win)
    assert len(view.emphasis.lit_pairs) > 0 and win.state.comparison is not None
    click(changes.clear_button)
    assert win.state.comparison is None
    qtbot.waitUntil(lambda: "Soured most" not in changes.browser.toPlainText(), timeout=5000)
