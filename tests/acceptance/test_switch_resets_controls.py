"""Opening another file resets every control to it: nothing of the previous file's state stays on screen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtTest import QTest

from tests.acceptance.conftest import actor_point, click, settle
from tests.acceptance.helpers import choose_in_combo, number_axis_file, tab_point
from tests.conftest import BUILTIN


def test_every_control_follows_the_new_file(open_window: Callable[..., Any], qtbot: Any, tmp_path: Path) -> None:
    win = open_window(BUILTIN, at="2013-11-20")
    bar, side = win.filter_bar, win.side
    # Leave the controls as a user would after a while with the built-in file.
    choose_in_combo(qtbot, bar.group, "United States")
    choose_in_combo(qtbot, bar.sign, "Only hostile")
    QTest.keyClicks(bar.search, "John Kerry")
    click(win.map_view.viewport(), actor_point(win.map_view, "kerry"))
    click(side.tabBar(), tab_point(side, "What changed"))
    click(side.changes.compare_button)
    assert win.state.tie_filter.is_active and bar.search.text() == "John Kerry"

    win.open_path(number_axis_file(tmp_path))
    settle(qtbot, win)

    assert bar.search.text() == ""
    assert bar.group.currentText() == "All groups"
    assert [bar.group.itemText(k) for k in range(bar.group.count())] == ["All groups", "One", "Two"]
    assert bar.sign.currentIndex() == 0 and bar.min_intensity.value() == 0
    assert not win.state.tie_filter.is_active
    changes = side.changes
    assert changes.start_step.isVisibleTo(changes) and not changes.start.isVisibleTo(changes)
    assert (changes.start_step.value(), changes.end_step.value()) == (10, 12)
    assert "735" not in changes.browser.toPlainText()  # no day ordinal of the old file
    assert "steps" in win.timeline_bar.rule_days.suffix() and "steps" in win.timeline_bar.rule_text.text()
    assert "Kerry" not in win.details.toPlainText()
    assert side.chapters.list.count() == 0
    assert win.state.selected_actor is None and win.state.comparison is None
