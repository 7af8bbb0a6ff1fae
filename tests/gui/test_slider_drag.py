"""A dragged time slider updates the state at most once a frame, with the latest value; steps apply at once."""

from __future__ import annotations

from collections.abc import Callable

from desktop.core.resources import builtin_dataset_path
from desktop.gui.main_window import MainWindow


def test_a_drag_is_coalesced_and_a_step_is_immediate(qtbot, make_window: Callable[..., MainWindow]) -> None:
    window = make_window(builtin_dataset_path(), at="2013-11-20", size=(900, 600))
    bar, state = window.timeline_bar, window.state
    slider = bar.slider
    times: list[float] = []
    state.events.current_time.connect(lambda *_: times.append(state.current_time))
    slider.setSliderDown(True)
    start = slider.value()
    for k in range(1, 30):
        slider.setValue(start - 3 * k)
    assert times == []  # nothing yet: the drag waits for its frame
    qtbot.waitUntil(lambda: len(times) == 1, timeout=2_000)
    assert state.current_time == state.clamp(bar._from_slider(start - 87))
    slider.setValue(start - 100)
    slider.setSliderDown(False)  # the release applies the last value at once
    assert state.current_time == state.clamp(bar._from_slider(start - 100))
    count = len(times)
    slider.setValue(start - 110)  # not dragging: a key or a click applies at once
    assert len(times) == count + 1
    assert state.current_time == state.clamp(bar._from_slider(start - 110))
