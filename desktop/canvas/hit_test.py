"""Which drawn tie is under the pointer: geometry on arrays, because edges are batched curves.

With thousands of ties in a few curves there is no item per edge to ask, so the map keeps the
segments it drew and measures the distance from the pointer to all of them at once.
"""

from __future__ import annotations

import numpy as np


def segment_distances(point: tuple[float, float], start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Distance from ``point`` to each segment ``start[k] → end[k]`` (arrays (n, 2))."""
    p = np.asarray(point, dtype=np.float64)
    d = end - start
    length2 = np.einsum("ij,ij->i", d, d)
    t = np.einsum("ij,ij->i", p - start, d) / np.where(length2 > 0, length2, 1.0)
    closest = start + np.clip(t, 0.0, 1.0)[:, None] * d
    return np.hypot(closest[:, 0] - p[0], closest[:, 1] - p[1])


def nearest_segment(
    point: tuple[float, float], start: np.ndarray, end: np.ndarray, tolerance: float
) -> int | None:
    """Index of the segment nearest ``point`` within ``tolerance``, or None.

    Ties closer than a pixel apart are a coin toss for the eye; the one drawn last (on top) wins,
    as it would for the eye.
    """
    if not len(start):
        return None
    distance = segment_distances(point, start, end)
    best = float(distance.min())
    if best > tolerance:
        return None
    near = np.flatnonzero(distance <= best + 1e-9)
    return int(near[-1])
