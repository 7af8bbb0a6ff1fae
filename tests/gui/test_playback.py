"""Playback drives the date, and drops frames while the map is still drawing the last one."""

from __future__ import annotations

from desktop.gui.playback import Playback
from desktop.io.native import dataset_from_document
from desktop.viewer.state import ViewerState
from tests.conftest import tiny_document


def test_playback_waits_for_the_map_then_keeps_its_pace(qtbot) -> None:
    state = ViewerState()
    dataset = dataset_from_document(tiny_document())
    state.open_dataset(dataset, at=dataset.span[0])
    asked: list[bool] = []
    ready = False

    def is_ready() -> bool:
        asked.append(ready)
        return ready

    playback = Playback(state, ready=is_ready)
    start = state.current_time
    state.playing = True
    qtbot.waitUntil(lambda: len(asked) >= 3, timeout=5_000)
    assert state.current_time == start  # every tick found the map busy: no date was superseded unseen
    ready = True
    qtbot.waitUntil(lambda: state.current_time > start, timeout=5_000)
    state.playing = False
    assert playback is not None
