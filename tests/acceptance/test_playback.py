"""Playback through the real transport controls and keys: play, step, Home/End, loop, speed, scrub, chart."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QStyle, QStyleOptionSlider

from tests.acceptance.conftest import click, drag, key
from tests.conftest import BUILTIN


def test_play_button_and_space_play_and_pause(open_window: Callable[..., Any], qtbot: Any) -> None:
    win = open_window(BUILTIN, at="2013-07-29")
    bar = win.timeline_bar
    shown = bar.date_label.text()
    assert shown == "29 July 2013"
    click(bar.play_button)
    qtbot.waitUntil(lambda: bar.date_label.text() != shown, timeout=5000)  # the date runs
    assert win.state.playing and bar.play_button.isChecked()
    key(win, Qt.Key.Key_Space)
    assert not win.state.playing and not bar.play_button.isChecked()
    paused = bar.date_label.text()
    qtbot.wait(200)  # nothing to wait for: a paused clock must not move
    assert bar.date_label.text() == paused
    key(win, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: bar.date_label.text() != paused, timeout=5000)
    key(win, Qt.Key.Key_Space)


def test_page_down_and_up_step_between_events(open_window: Callable[..., Any]) -> None:
    win = open_window(BUILTIN, at="2013-11-01")
    bar, events = win.timeline_bar, win.side.events
    before = bar.date_label.text()
    key(win, Qt.Key.Key_PageDown)
    after = bar.date_label.text()
    assert after != before
    card = events.current_card()
    assert card is not None and win.state.dataset.axis.format(card.item.time, card.item.date_precision) in after
    key(win, Qt.Key.Key_PageUp)
    assert bar.date_label.text() != after
    click(bar.next_button)
    assert bar.date_label.text() == after
    click(bar.previous_button)
    assert bar.date_label.text() != after


def test_home_and_end_jump_to_the_ends(open_window: Callable[..., Any]) -> None:
    win = open_window(BUILTIN, at="2013-11-01")
    bar, axis = win.timeline_bar, win.state.dataset.axis
    start, end = win.state.dataset.span
    key(win, Qt.Key.Key_End)
    assert bar.date_label.text() == axis.format(end) and bar.slider.value() == bar.slider.maximum()
    key(win, Qt.Key.Key_Home)
    assert bar.date_label.text() == axis.format(start) and bar.slider.value() == bar.slider.minimum()
    click(bar.end_button)
    assert bar.date_label.text() == axis.format(end)
    click(bar.start_button)
    assert bar.date_label.text() == axis.format(start)


def test_loop_plays_again_from_the_start(open_window: Callable[..., Any], qtbot: Any) -> None:
    win = open_window(BUILTIN)
    bar = win.timeline_bar
    key(win, Qt.Key.Key_L)
    assert bar.loop_button.isChecked() and win.state.loop
    key(win, Qt.Key.Key_End)
    for _ in range(6):
        key(win, Qt.Key.Key_BracketRight)
    key(win, Qt.Key.Key_PageUp)  # just before the end
    start = win.state.dataset.span[0]
    click(bar.play_button)
    qtbot.waitUntil(lambda: win.state.current_time < start + 60, timeout=10000)  # wrapped round
    assert win.state.playing
    click(bar.play_button)
    click(bar.loop_button)
    assert not bar.loop_button.isChecked() and not win.state.loop


def test_speed_keys_and_box(open_window: Callable[..., Any]) -> None:
    win = open_window(BUILTIN)
    speed = win.timeline_bar.speed
    first = speed.currentText()
    key(win, Qt.Key.Key_BracketRight)
    faster = speed.currentText()
    assert faster != first and win.state.speed > float(first.split()[0])
    key(win, Qt.Key.Key_BracketLeft)
    assert speed.currentText() == first
    speed.setFocus()
    key(speed, Qt.Key.Key_Down)
    assert speed.currentText() == faster and win.state.speed == float(faster.split()[0])


def slider_handle(slider: Any) -> QPoint:
    option = QStyleOptionSlider()
    slider.initStyleOption(option)
    rect = slider.style().subControlRect(QStyle.ComplexControl.CC_Slider, option,
                                         QStyle.SubControl.SC_SliderHandle, slider)
    return rect.center()


def test_dragging_the_slider_scrubs_the_date(open_window: Callable[..., Any], qtbot: Any) -> None:
    win = open_window(BUILTIN, at="2013-08-01")
    bar = win.timeline_bar
    before = bar.date_label.text()
    handle = slider_handle(bar.slider)
    drag(bar.slider, handle, QPoint(handle.x() + bar.slider.width() // 3, handle.y()))
    qtbot.waitUntil(lambda: bar.date_label.text() != before, timeout=3000)
    later = win.state.dataset.axis.to_instant("2013-08-01")
    assert win.state.current_time > later + 60
    assert win.timeline_bar.chart.cursor.value() == win.state.current_time


def test_clicking_the_chart_jumps_there(open_window: Callable[..., Any], qtbot: Any) -> None:
    win = open_window(BUILTIN, at="2013-08-01")
    chart, axis = win.timeline_bar.chart, win.state.dataset.axis
    target = axis.to_instant("2014-02-15")
    box = chart.getPlotItem().getViewBox()
    scene = box.mapViewToScene(QPointF(target, 0.5))
    pos = chart.mapFromScene(scene)
    click(chart.viewport(), pos)
    assert abs(win.state.current_time - target) < 3
    assert win.timeline_bar.date_label.text().endswith("February 2014")
    assert abs(chart.cursor.value() - target) < 3
