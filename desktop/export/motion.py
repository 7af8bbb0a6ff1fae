"""The timing of an animation: which instant each frame shows and where every actor is on it.

Qt-free on purpose: this is arithmetic on numpy arrays, testable without a display, and the key
layouts it asks for can be computed on a worker thread.

A force layout per frame would cost seconds per second of video and would jitter. Instead the
layout is computed at *key* instants, one per second of video by default (the same deterministic
layout the window shows for those dates), and frames in between move each actor from one key
position to the next along an eased curve. Ties and the caption are exact for every frame: a
snapshot is cheap.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np

from desktop.core.easing import smoothstep
from desktop.core.time_axis import Instant
from desktop.export.contract import ExportError

Easing = Literal["smooth", "linear"]
DEFAULT_SECONDS = 12.0
MAX_FRAMES = 36_000  # twenty minutes at 30 fps


def ease(x: np.ndarray | float, easing: Easing = "smooth") -> np.ndarray | float:
    """Smoothstep (actors set off and settle gently at each key date) or straight linear motion."""
    return np.clip(x, 0.0, 1.0) if easing == "linear" else smoothstep(x)


@dataclass(frozen=True)
class MovieOptions:
    """An animation from ``start`` to ``end``: its size, frame rate and pace.

    The pace is ``duration`` seconds, or ``days_per_second`` (axis units per second of video);
    with neither, the whole range takes :data:`DEFAULT_SECONDS`.
    """

    start: Instant
    end: Instant
    size: tuple[int, int] = (960, 600)
    fps: float = 30.0
    days_per_second: float | None = None
    duration: float | None = None
    easing: Easing = "smooth"
    key_seconds: float = 1.0

    @property
    def seconds(self) -> float:
        if self.duration is not None:
            return self.duration
        if self.days_per_second is not None:
            return (self.end - self.start) / self.days_per_second
        return DEFAULT_SECONDS

    @property
    def frame_count(self) -> int:
        return max(2, round(self.seconds * self.fps))

    def check(self, format_instant: object = str) -> None:
        """Refuse options that cannot make a sensible animation, saying which and why."""
        if self.end <= self.start:
            show = format_instant
            raise ExportError(f"--from {show(self.start)} is not before --to {show(self.end)}")  # type: ignore[operator]
        if not 1 <= self.fps <= 120:
            raise ExportError(f"{self.fps:g} frames per second: choose between 1 and 120")
        # Written so that NaN fails too: every comparison with NaN is false.
        if self.duration is not None and not (0 < self.duration < math.inf):
            raise ExportError(f"--duration {self.duration:g}: the duration must be a number of seconds above 0")
        if self.days_per_second is not None and not (0 < self.days_per_second < math.inf):
            raise ExportError(f"--days-per-second {self.days_per_second:g}: must be a number above 0")
        if self.seconds * self.fps > MAX_FRAMES:
            raise ExportError(f"{self.seconds * self.fps:,.0f} frames is too many (at most {MAX_FRAMES:,}): "
                              "shorten the animation, lower the frame rate or raise the days per second")
        width, height = self.size
        if not (16 <= width <= 7680 and 16 <= height <= 4320):
            raise ExportError(f"size {width}×{height}: animations are between 16×16 and 7680×4320 pixels")

    def frame_times(self) -> np.ndarray:
        """The instant of every frame: the first is ``start``, the last ``end``."""
        return np.linspace(self.start, self.end, self.frame_count)

    def key_times(self) -> np.ndarray:
        """The instants that get a full layout, one per ``key_seconds`` of video (at least two)."""
        keys = max(2, math.ceil(self.seconds / self.key_seconds) + 1)
        return np.linspace(self.start, self.end, keys)


def between_keys(t: float, keys: np.ndarray, positions: list[np.ndarray], easing: Easing) -> np.ndarray:
    """Actor positions at ``t``, eased between the layouts of the key instants either side."""
    k = int(np.clip(np.searchsorted(keys, t, side="right") - 1, 0, len(keys) - 2))
    span = keys[k + 1] - keys[k]
    u = float(ease((t - keys[k]) / span if span > 0 else 1.0, easing))
    return positions[k] + (positions[k + 1] - positions[k]) * u
