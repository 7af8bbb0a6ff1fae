"""The tie rule beside the speed box: how past interactions add up to a tie, chosen with clicks and keys.

The map's ties, the sentence beside the box and the legend all follow the rule; the box and the sentence
speak the file's unit (days on a calendar, steps on a number axis: issue 12 item 7).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.acceptance.conftest import settle
from tests.acceptance.helpers import (
    choose_in_combo,
    legend_text,
    number_axis_file,
    open_by_menu,
    type_number,
    write_document,
)
from tests.conftest import BUILTIN, tiny_document


def drawn_pairs(win: Any) -> set[frozenset[str]]:
    """The ties on the map, as pairs of actor ids."""
    timeline = win.state.timeline
    ids = timeline.dataset.actors
    return {frozenset((ids[int(i)].id, ids[int(j)].id)) for i, j in
            (timeline.pairs[p] for p in win.map_view.drawn_ties()[2].tolist())}


def pairs_in(win: Any, window: float | None) -> set[frozenset[str]]:
    """The pairs that interacted up to the current date, within ``window`` units of it (None: ever), read
    straight from the file's events: what the map must show under a window or the cumulative rule."""
    dataset, now = win.state.dataset, win.state.current_time
    found = set()
    for event in dataset.events:
        end = event.end_time if event.end_time is not None else event.time
        if event.time <= now and (window is None or now - end <= window):
            found.update(frozenset((i.a, i.b)) for i in event.interactions)
    return found


def shows(win: Any, sentence: str) -> bool:
    """The sentence is both beside the rule box and in the map's legend."""
    return sentence in win.timeline_bar.rule_text.text() and sentence in " ".join(legend_text(win.map_view).split())


def test_choosing_fading_window_or_cumulative_changes_the_ties_and_says_so(
        open_window: Callable[..., Any], qtbot: Any) -> None:
    win = open_window(BUILTIN, at="2013-11-20")
    bar = win.timeline_bar
    assert bar.rule_mode.currentText() == "Fading" and bar.rule_days.text() == "30 d"
    assert shows(win, "halving every 30 days")
    fading = drawn_pairs(win)

    choose_in_combo(qtbot, bar.rule_mode, "Window")
    settle(qtbot, win)
    assert bar.rule_days.isEnabled() and bar.rule_days.text() == "90 d"
    assert shows(win, "Ties count the interactions of the last 90 days.")
    assert drawn_pairs(win) == pairs_in(win, 90)

    type_number(bar.rule_days, 7)
    qtbot.waitUntil(lambda: shows(win, "the last 7 days."), timeout=5000)
    settle(qtbot, win)
    assert bar.rule_days.text() == "7 d"
    week = drawn_pairs(win)
    assert week == pairs_in(win, 7) and len(week) < len(pairs_in(win, 90))

    choose_in_combo(qtbot, bar.rule_mode, "Cumulative")
    settle(qtbot, win)
    assert not bar.rule_days.isEnabled()  # no length to a rule that keeps everything
    assert shows(win, "Ties count every interaction so far.")
    everything = drawn_pairs(win)
    assert everything == pairs_in(win, None) and len(everything) > len(fading)

    choose_in_combo(qtbot, bar.rule_mode, "Fading")
    settle(qtbot, win)
    assert bar.rule_days.text() == "30 d" and shows(win, "halving every 30 days")
    assert drawn_pairs(win) == fading


def test_a_longer_half_life_keeps_old_ties_and_says_so(open_window: Callable[..., Any], qtbot: Any) -> None:
    win = open_window(BUILTIN, at="2013-11-20")
    bar = win.timeline_bar
    before = drawn_pairs(win)
    type_number(bar.rule_days, 120)
    qtbot.waitUntil(lambda: shows(win, "halving every 120 days"), timeout=5000)
    settle(qtbot, win)
    assert bar.rule_days.text() == "120 d"
    assert drawn_pairs(win) > before  # old contacts fade more slowly: more ties, none lost


def test_the_rule_box_speaks_the_unit_of_the_file_opened(open_window: Callable[..., Any], qtbot: Any,
                                                         tmp_path: Path) -> None:
    """Issue 12 item 7: "30 d … days" stayed on screen after opening a file counted in steps."""
    win = open_window()
    bar = win.timeline_bar
    dated = write_document(tmp_path, tiny_document(), "dated.relmap.json")
    open_by_menu(qtbot, win, dated)
    settle(qtbot, win, timeout=20000)
    assert bar.rule_days.text() == "30 d" and shows(win, "halving every 30 days")

    open_by_menu(qtbot, win, number_axis_file(tmp_path))
    qtbot.waitUntil(lambda: win.state.dataset is not None and not win.state.dataset.axis.is_date, timeout=20000)
    settle(qtbot, win)
    assert bar.rule_days.text() == "30 steps"
    assert shows(win, "halving every 30 steps") and "days" not in bar.rule_text.text()

    open_by_menu(qtbot, win, dated)
    qtbot.waitUntil(lambda: win.state.dataset is not None and win.state.dataset.axis.is_date, timeout=20000)
    settle(qtbot, win)
    assert bar.rule_days.text() == "30 d"
    assert shows(win, "halving every 30 days") and "steps" not in bar.rule_text.text()
