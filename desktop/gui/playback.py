"""Playback drives the model: each tick moves ``state.current_time``; the views follow.

Ticks measure real elapsed time, so a slow frame makes the next step bigger instead of slowing the
story down: frames are dropped under load, the pace stays true.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer

from desktop.state import ViewerState

TICK_MS = 16


class Playback(QObject):
    def __init__(self, state: ViewerState, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._on_tick)
        self._last = 0.0
        state.events.playing.connect(self._on_playing_changed)

    def _on_playing_changed(self, playing: bool) -> None:
        dataset = self.state.dataset
        if playing and dataset is not None:
            start, end = dataset.span
            if self.state.current_time >= end:
                self.state.current_time = start
            self._last = time.monotonic()
            self._timer.start()
        else:
            self._timer.stop()

    def _on_tick(self) -> None:
        dataset = self.state.dataset
        if dataset is None:
            self.state.playing = False
            return
        now = time.monotonic()
        elapsed, self._last = min(now - self._last, 0.25), now
        start, end = dataset.span
        t = self.state.current_time + self.state.speed * elapsed
        if t >= end:
            if self.state.loop:
                t = start
            else:
                self.state.current_time = end
                self.state.playing = False
                return
        self.state.current_time = t
