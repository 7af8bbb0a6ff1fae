"""Positions and tie values the map draws at one moment (a keyframe), and how two are blended for easing.

Kept apart from the view so the tweening arithmetic (pure numpy) reads on its own.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from desktop.core.easing import smoothstep


def ease(x: float) -> float:
    """The transition curve between two dates (the same one exported animations use)."""
    return float(smoothstep(x))


def ease_out(x: float) -> float:
    """The curve of a transition that begins while the last one is still moving: it leaves at speed
    (twice the average, about the pace the last one had) and stops gently, so a run of dates (playback,
    a slider drag) keeps the map close behind the date instead of restarting from rest each time."""
    u = min(max(x, 0.0), 1.0)
    return 1.0 - (1.0 - u) * (1.0 - u)


@dataclass(eq=False)
class Keyframe:
    """Every actor's position, and the union of old and new ties being eased."""

    positions: np.ndarray
    pair: np.ndarray
    source: np.ndarray
    target: np.ndarray
    tension: np.ndarray
    intensity: np.ndarray
    visible: np.ndarray


def blend(a: Keyframe, b: Keyframe, x: float) -> Keyframe:
    return Keyframe(
        positions=a.positions + (b.positions - a.positions) * x,
        pair=b.pair, source=b.source, target=b.target,
        tension=a.tension + (b.tension - a.tension) * x,
        intensity=a.intensity + (b.intensity - a.intensity) * x,
        visible=b.visible | (a.visible if x < 1 else b.visible),
    )


def union(before: Keyframe, after: Keyframe) -> tuple[Keyframe, Keyframe]:
    """Align two frames on the union of their ties so each tie can ease in, out or across."""
    pairs = np.union1d(before.pair, after.pair)
    n = len(pairs)

    def spread(frame: Keyframe, fallback: Keyframe) -> Keyframe:
        tension = np.zeros(n)
        intensity = np.zeros(n)
        source = np.zeros(n, dtype=np.int64)
        target = np.zeros(n, dtype=np.int64)
        for f in (fallback, frame):
            where = np.searchsorted(pairs, f.pair)
            source[where], target[where], tension[where] = f.source, f.target, f.tension
        where = np.searchsorted(pairs, frame.pair)
        intensity[where] = frame.intensity
        return Keyframe(frame.positions.copy(), pairs, source, target, tension, intensity, frame.visible)

    return spread(before, after), spread(after, before)


def drop_faded(frame: Keyframe) -> Keyframe:
    keep = frame.intensity > 1e-9
    return Keyframe(frame.positions, frame.pair[keep], frame.source[keep], frame.target[keep],
                 frame.tension[keep], frame.intensity[keep], frame.visible)
