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
def window(qtbot, make_window: Callable[..., MainWindow]) -> MainWindow:
    win = make_window(BUILTIN, at="2013-11-20", size=(1400, 900))
    qtbot.waitUntil(lambda: win.map_view.has_frame() and not win.map_view.is_animating(), timeout=10000)
    return win


def click(widget, pos: QPoint | None = None) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     pos if pos is not None else widget.rect().center())


def test_clicking_event_cards_moves_the_date_and_keeps_the_cards(window: MainWindow, qtbot) -> None:
    panel, state = window.side.events, window.state
    window.side.setCurrentWidget(panel)
    cards = list(panel.cards)
    first = cards[0]
    qtbot.waitUntil(first.isVisible)
    before = state.current_time
    click(first, QPoint(8, 4))  # the card's margin, not a link in its text
    assert state.current_time == state.dataset.events[first.number].time < before
    current = panel.current_card()
    assert current is not None and current.property("current") and current.item.time == first.item.time
    assert first in panel.cards  # the clicked card was kept, not deleted under the click
    last = panel.cards[-1]
    click(last, QPoint(8, 4))
    assert state.current_time == last.item.time
    assert set(panel.cards) <= set(panel._pool)  # the same widgets, given other events
    assert all(card.isVisible() for card in panel.cards)


def click_link(browser, href_prefix: str) -> str:
    """Click the first link whose target starts with ``href_prefix`` where it is drawn; return the target."""
    from PySide6.QtGui import QTextCursor

    document = browser.document()
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            href = fragment.charFormat().anchorHref()
            if href.startswith(href_prefix):
                cursor = QTextCursor(document)
                cursor.setPosition(fragment.position() + min(2, fragment.length() - 1))
                browser.setTextCursor(cursor)
                browser.ensureCursorVisible()
                rect = browser.cursorRect(cursor)
                click(browser.viewport(), rect.center())
                return href
            it += 1
        block = block.next()
    raise AssertionError(f"no {href_prefix} link shown")


def test_what_changed_in_a_chapter_ends_with_it_and_its_links_select(window: MainWindow, qtbot) -> None:
    side, state = window.side, window.state
    dataset = state.dataset
    assert dataset is not None
    side.setCurrentWidget(side.chapters)
    chapters = side.chapters
    row = next(k for k, c in enumerate(dataset.chapters) if c.title == "Rome and the November crisis")
    item = chapters.list.item(row)
    click(chapters.list.viewport(), chapters.list.visualItemRect(item).center())
    click(chapters.compare_button)
    chapter = dataset.chapters[row]
    assert state.comparison == (chapter.start, chapter.end)  # not a day into the next chapter
    assert state.current_time == chapter.end  # the map shows the end, where the new ties are
    assert chapters.chapter_at_time() == row
    changes = side.changes
    assert side.currentWidget() is changes
    qtbot.waitUntil(lambda: "tie:" in changes.browser.toHtml(), timeout=10000)
    href = click_link(changes.browser, "tie:")
    assert state.selected_tie is not None and "/" in href
    assert side.currentWidget() is side.details
    names = {dataset.actor(x).name for x in state.selected_tie}
    assert all(name in side.details.toPlainText() for name in names)


def test_play_chapter_stops_inside_the_chapter(window: MainWindow, qtbot) -> None:
    side, state = window.side, window.state
    dataset = state.dataset
    assert dataset is not None
    side.setCurrentWidget(side.chapters)
    chapters = side.chapters
    row = next(k for k, c in enumerate(dataset.chapters) if c.title == "The Pollard bargain")  # four days
    click(chapters.list.viewport(), chapters.list.visualItemRect(chapters.list.item(row)).center())
    click(chapters.play_button)
    assert state.play_range == (dataset.chapters[row].start, dataset.chapters[row].end)
    qtbot.waitUntil(lambda: not state.playing, timeout=10000)
    assert chapters.chapter_at_time() == row and chapters.list.currentRow() == row


def test_escape_clears_a_selection_made_on_the_map(window: MainWindow, qtbot) -> None:
    from tests.gui.user_input import click_actor, press

    view, state = window.map_view, window.state
    click_actor(view, "kerry")
    assert state.selected_actor == "kerry"
    press(view, Qt.Key.Key_Escape)
    assert state.selected_actor is None and state.selected_tie is None
    qtbot.waitUntil(lambda: window.map_controller.frame().emphasis.focus is None, timeout=5000)


def test_a_new_file_clears_the_search_and_compares_in_its_own_steps(window: MainWindow, qtbot) -> None:
    from tests.gui.user_input import PHOTOVIZ, drop_files

    search = window.filter_bar.search
    click(search)
    QTest.keyClicks(search, "John Kerry")
    assert drop_files(window, PHOTOVIZ)
    qtbot.waitUntil(lambda: window.state.dataset is not None and not window.state.dataset.axis.is_date,
                    timeout=30000)
    assert search.text() == ""
    changes = window.side.changes
    assert changes.start.isHidden() and not changes.start_step.isHidden()
    start, end = window.state.dataset.span
    assert (changes.start_step.value(), changes.end_step.value()) == (start, end)
    window.side.setCurrentWidget(changes)
    click(changes.compare_button)
    assert window.state.comparison == (start, end)
    assert "step" in changes.browser.toPlainText()


def test_hover_card_stays_while_the_pointer_rests_and_escapes_names(
        make_window: Callable[..., MainWindow], write_dataset, qtbot) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    from tests.conftest import tiny_document
    from tests.gui.user_input import actor_point

    document = tiny_document()
    document["actors"][0]["name"] = "<i>Ann</i> & co"
    window = make_window(write_dataset(document), size=(900, 600))
    view = window.map_view
    qtbot.waitUntil(view.has_frame, timeout=10000)
    point = actor_point(view, "ann")
    QTest.mouseMove(view.viewport(), point)
    qtbot.waitUntil(lambda: "Ann" in view.hover_text, timeout=3000)
    assert "&lt;i&gt;Ann&lt;/i&gt; &amp; co" in view.hover_text
    # The pointer rests: Qt asks the view for its tooltip, which must not take the card away.
    rest = QHelpEvent(QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point))
    QApplication.sendEvent(view.viewport(), rest)
    assert QToolTip.isVisible() and "Ann" in QToolTip.text()


def test_the_story_opens_at_its_beginning_with_the_cast_in_view_and_clear_of_the_legend(
        make_window: Callable[..., MainWindow], qtbot) -> None:
    win = make_window(BUILTIN, size=(1400, 900))
    qtbot.waitUntil(lambda: win.map_view.has_frame() and not win.map_view.is_animating(), timeout=10000)
    dataset = win.state.dataset
    assert dataset is not None
    assert win.state.current_time == dataset.chapters[0].start  # 20 March 2013, not after the collapse
    assert win.timeline_bar.date_label.text() == "20 March 2013"
    view = win.map_view
    painter = view.painter
    legend = view.legend.sceneBoundingRect()
    box = view.viewport().rect()
    for xy in painter._node_xy:
        from PySide6.QtCore import QPointF

        point = view.mapFromScene(view.viewbox.mapViewToScene(QPointF(float(xy[0]), float(xy[1]))))
        assert box.contains(point)
        assert not legend.contains(QPointF(point))
