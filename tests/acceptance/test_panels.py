"""The side panels with the mouse: event cards, Escape, chapters and Play chapter, What changed and its links."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt

from tests.acceptance.conftest import actor_point, click, key
from tests.acceptance.helpers import browser_links, tab_point
from tests.acceptance.test_explore import dimmed_dots
from tests.conftest import BUILTIN


def test_clicking_an_event_card_jumps_to_its_date() -> None:
    """The click runs in a child process (:mod:`tests.acceptance._card_click`): it used to end the process."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           str(Path(__file__).with_name("_card_click.py"))], cwd=Path(__file__).resolve().parents[2],
                          env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"exit {done.returncode}\n{done.stdout[-4000:]}\n{done.stderr[-3000:]}"


def test_escape_clears_the_selection(open_window: Callable[..., Any], qtbot: Any) -> None:
    win = open_window(BUILTIN, at="2013-11-20")
    view = win.map_view
    faded_by_the_date = dimmed_dots(view)  # actors out of contact fade without any selection
    click(view.viewport(), actor_point(view, "kerry"))
    assert win.state.selected_actor == "kerry"
    assert dimmed_dots(view) > faded_by_the_date
    key(view, Qt.Key.Key_Escape)
    assert win.state.selected_actor is None
    assert dimmed_dots(view) == faded_by_the_date


def test_chapters_jump_and_play_chapter_stays_inside_it(open_window: Callable[..., Any], qtbot: Any) -> None:
    win = open_window(BUILTIN, at="2013-07-29")
    side, chapters = win.side, win.side.chapters
    click(side.tabBar(), tab_point(side, "Chapters"))
    assert side.currentWidget() is chapters
    dataset = win.state.dataset
    row = [c.id for c in dataset.chapters].index("november-crisis")
    chapter = dataset.chapters[row]
    item = chapters.list.item(row)
    chapters.list.scrollToItem(item)
    click(chapters.list.viewport(), chapters.list.visualItemRect(item).center())
    assert win.timeline_bar.date_label.text() == dataset.axis.format(chapter.start)
    assert "November" in chapters.text.text()
    for _ in range(3):
        key(win, Qt.Key.Key_BracketRight)
    seen: list[float] = []
    win.state.events.current_time.connect(seen.append)
    click(chapters.play_button)
    assert win.state.playing
    qtbot.waitUntil(lambda: not win.state.playing, timeout=20000)
    assert seen and chapter.start <= min(seen) and max(seen) <= chapter.end + 1
    assert chapters.list.currentRow() == row  # it ended inside the chapter, not in the next one


def test_what_changed_in_a_chapter_and_each_kind_of_result(open_window: Callable[..., Any], qtbot: Any) -> None:
    win = open_window(BUILTIN, at="2013-07-29")
    side, chapters, changes = win.side, win.side.chapters, win.side.changes
    click(side.tabBar(), tab_point(side, "Chapters"))
    row = [c.id for c in win.state.dataset.chapters].index("november-crisis")
    item = chapters.list.item(row)
    click(chapters.list.viewport(), chapters.list.visualItemRect(item).center())
    click(chapters.compare_button)
    qtbot.waitUntil(lambda: side.currentWidget() is changes and "Soured most" in changes.browser.toPlainText(),
                    timeout=10000)
    assert win.map_view.emphasis.focus is not None and len(win.map_view.emphasis.lit_pairs)
    links = browser_links(changes.browser)
    ties = [h for h in links if h.startswith("tie:")]
    assert ties, links.keys()
    click(changes.browser.viewport(), links[ties[0]])
    assert win.state.selected_tie is not None
    assert side.currentWidget() is win.details and "Interactions behind this tie" in win.details.toPlainText()
    click(side.tabBar(), tab_point(side, "What changed"))
    bar = changes.browser.verticalScrollBar()  # the actors are listed last: page down as a user clicks the bar
    while bar.value() < bar.maximum():
        before = bar.value()
        click(bar, QPoint(bar.width() // 2, bar.height() - bar.width() - 4))
        assert bar.value() > before, "a click below the scroll bar's handle did not page down"
    links = browser_links(changes.browser)
    actors = [h for h in links if h.startswith("actor:")]
    assert actors, links.keys()
    click(changes.browser.viewport(), links[actors[0]])
    assert win.state.selected_actor == actors[0].removeprefix("actor:")
    click(side.tabBar(), tab_point(side, "What changed"))
    click(changes.clear_button)
    assert win.state.comparison is None and not len(win.map_view.emphasis.lit_pairs)
