"""Playback drives the model: each tick moves ``state.current_time``; the views follow.

Ticks measure real elapsed time, so a slow frame makes the next step bigger instead of slowing the
story down: frames are dropped under load, the pace stays true. A tick that comes while the map is
still waiting for the last date's positions (``ready()`` is False) is skipped, so a slow layout is
never superseded before it is shown; the next step covers the time skipped. While ``state.play_range`` is set (a
chapter plays), playback starts, ends and loops inside it; pausing ends the chapter play.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from desktop.viewer.state import ViewerState

TICK_MS = 16


class Playback(QObject):
    def __init__(self, state: ViewerState, parent: QObject | None = None, *,
                 ready: Callable[[], bool] | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self._ready = ready
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._on_tick)
        self._last = 0.0
        state.events.playing.connect(self._on_playing_changed)

    def _bounds(self) -> tuple[float, float]:
        assert self.state.dataset is not None
        return self.state.play_range or self.state.dataset.span

    def _on_playing_changed(self, playing: bool) -> None:
        dataset = self.state.dataset
        if playing and dataset is not None:
            start, end = self._bounds()
            if self.state.current_time >= end or self.state.current_time < start:
                self.state.current_time = start
            self._last = time.monotonic()
            self._timer.start()
        else:
            self._timer.stop()
            self.state.play_range = None

    def play_span(self, start: float, end: float) -> None:
        """Play just ``start``..``end`` (a chapter) from its beginning."""
        self.state.playing = False
        self.state.play_range = (start, end)
        self.state.current_time = start
        self.state.playing = True

    def _on_tick(self) -> None:
        dataset = self.state.dataset
        if dataset is None:
            self.state.playing = False
            return
        if self._ready is not None and not self._ready():
            return  # the last frame is not on screen yet: drop this one
        now = time.monotonic()
        elapsed, self._last = min(now - self._last, 0.25), now
        start, end = self._bounds()
        t = self.state.current_time + self.state.speed * elapsed
        if t >= end:
            if self.state.loop:
                t = start
            else:
                self.state.current_time = end
                self.state.playing = False
                return
        self.state.current_time = t
