"""The Details tab's charts, reached by clicking on the map: an actor's degree and betweenness over time,
a tie's tension over time, each with the current date as a red cursor that follows the date.

The README promises the charts and nothing more (no jump on clicking them), so these tests check what is
drawn: the right series, checked against the map's own ties at each sampled date, painted in the
chart, with the cursor where the date is.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt

from tests.acceptance.conftest import actor_point, click, image_array, key, settle
from tests.acceptance.helpers import browser_text_contrast, pair_of, plain_text, tie_point
from tests.conftest import BUILTIN

CURVE = (40, 70, 140)  # the sparkline's pen
CURSOR = (0xD0, 0x40, 0x10)  # the current date's line


def title(chart: Any) -> str:
    return plain_text(chart.getPlotItem().titleLabel.text)


def chart_x(chart: Any, instant: float) -> int:
    """The chart widget's pixel column of ``instant``."""
    box = chart.getPlotItem().getViewBox()
    return chart.mapFromScene(box.mapViewToScene(QPointF(instant, 0.0))).x()


def painted(chart: Any, colour: tuple[int, int, int], tolerance: int = 40) -> np.ndarray:
    """A mask of the chart's pixels painted in about ``colour`` (anti-aliasing blends the edges)."""
    pixels = image_array(chart.grab().toImage()).astype(int)
    return np.abs(pixels - np.array(colour)).sum(axis=2) < tolerance


def cursor_is_at(chart: Any, instant: float) -> bool:
    """The red cursor is drawn in the column of ``instant`` (give or take two pixels)."""
    columns = np.flatnonzero(painted(chart, CURSOR).sum(axis=0) > chart.height() // 3)
    return len(columns) > 0 and abs(float(np.median(columns)) - chart_x(chart, instant)) <= 2


def ties_of(timeline: Any, actor: str, when: float) -> int:
    return sum(1 for tie in timeline.snapshot_at(float(when)).ties() if actor in (tie.a, tie.b))


def test_clicking_an_actor_charts_their_degree_and_betweenness(open_window: Callable[..., Any],
                                                               qtbot: Any) -> None:
    win = open_window(BUILTIN, at="2013-11-20")
    view, details, timeline = win.map_view, win.details, win.state.timeline
    assert not details.chart_a.isVisible()  # nothing chosen: the dataset's card, no chart
    click(view.viewport(), actor_point(view, "kerry"))
    qtbot.waitUntil(lambda: details.chart_a.isVisible() and details.chart_b.isVisible(), timeout=10000)
    assert win.side.currentWidget() is details
    degree, between = details.chart_a, details.chart_b
    assert title(degree) == "degree (ties) over time" and title(between) == "betweenness over time"

    # The degree curve counts Kerry's ties on the map at each date it samples, across the whole span.
    times, values = degree.curve.getData()
    start, end = win.state.dataset.span
    assert times[0] == start and times[-1] == end
    for k in range(0, len(times), 7):
        assert values[k] == ties_of(timeline, "kerry", times[k]), f"degree on day {times[k]}"
    assert values.max() >= 5  # Kerry talks with many
    kerry_between = between.curve.getData()[1].copy()
    assert kerry_between.max() > 0

    assert painted(degree, CURVE).sum() > 50 and painted(between, CURVE).sum() > 50  # both curves drawn
    now = win.state.current_time
    assert cursor_is_at(degree, now) and cursor_is_at(between, now)
    header = plain_text(details.header.text())
    assert f"{ties_of(timeline, 'kerry', now)} ties now" in header

    # The date moves on (Page Down, to the next event): the cursors follow it.
    key(view.viewport(), Qt.Key.Key_PageDown)
    qtbot.waitUntil(lambda: win.state.current_time > now, timeout=5000)
    later = win.state.current_time
    qtbot.waitUntil(lambda: cursor_is_at(degree, later) and cursor_is_at(between, later), timeout=5000)

    # Another actor: the charts show theirs.
    settle(qtbot, win)
    click(view.viewport(), actor_point(view, "abbas"))
    qtbot.waitUntil(lambda: win.state.selected_actor == "abbas", timeout=5000)
    times, values = degree.curve.getData()
    for k in range(0, len(times), 7):
        assert values[k] == ties_of(timeline, "abbas", times[k])
    assert not np.array_equal(between.curve.getData()[1], kerry_between)


def test_clicking_a_tie_charts_its_tension(open_window: Callable[..., Any], qtbot: Any) -> None:
    win = open_window(BUILTIN, at="2013-11-20")
    view, details, timeline = win.map_view, win.details, win.state.timeline
    point = tie_point(view, pair_of(timeline, "livni", "erekat"))
    assert point is not None, "no clear spot on the Livni–Erekat tie"
    click(view.viewport(), point)
    qtbot.waitUntil(details.chart_a.isVisible, timeout=10000)
    chart = details.chart_a
    assert not details.chart_b.isVisible()  # a tie has one chart
    assert title(chart) == "tension over time (above 0 warm, below hostile)"
    times, values = chart.curve.getData()
    for k in range(0, len(times), 10):  # the pair's tension on the map at each sampled date; a gap without a tie
        tie = timeline.snapshot_at(float(times[k])).tie("livni", "erekat")
        if tie is None:
            assert math.isnan(values[k]), f"a tension drawn on day {times[k]} without a tie"
        else:
            assert values[k] == pytest.approx(tie.tension)
    assert np.nanmin(values) < 0 < np.nanmax(values)  # warm at times, hostile at others
    assert painted(chart, CURVE).sum() > 50
    now = win.state.current_time
    assert cursor_is_at(chart, now)
    tie = timeline.snapshot_at(now).tie("livni", "erekat")
    assert f"tension {tie.tension:+.2f}" in plain_text(details.header.text())
    assert browser_text_contrast(details.browser) >= 4.5  # past and later interactions both readable
