"""The compiled tie rasteriser (numba), in a module of its own so that importing the canvas does not
import numba: :mod:`desktop.canvas.edge_raster` loads it on a background thread, after the first picture.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from desktop.layout import kernel_cache  # noqa: F401  (a bundle's kernels: before the first @njit)

HAIRLINE = 0.75  # half-thickness across the major axis up to which a tie is drawn one pixel wide
_LOW = np.uint32(0x00FF00FF)
_HIGH = np.uint32(0xFF00FF00)


@njit(cache=True, nogil=True, inline="always")
def _blend(buf: np.ndarray, row: int, col: int, a: np.uint32, rb: np.uint32, ag: np.uint32) -> None:  # pragma: no cover
    """``buf[row, col] = colour * a/256 + buf[row, col] * (1 - a/256)``, two channels per multiply."""
    keep = np.uint32(256) - a
    px = buf[row, col]
    low = ((rb * a + (px & _LOW) * keep) >> np.uint32(8)) & _LOW
    high = (ag * a + ((px >> np.uint32(8)) & _LOW) * keep) & _HIGH
    buf[row, col] = low | high


@njit(cache=True, nogil=True, fastmath=True)
def _segment(buf: np.ndarray, ax: float, ay: float, bx: float, by: float, width: float, strength: float,
             rb: np.uint32, ag: np.uint32, steep: bool, row_lo: int, row_hi: int) -> None:  # pragma: no cover
    """One segment with ``ax <= bx`` along its major axis (x, or y when ``steep``), rows ``[row_lo, row_hi)``."""
    if steep:
        major_lo, major_size, minor_lo, minor_size = row_lo, row_hi, 0, buf.shape[1]
    else:
        major_lo, major_size, minor_lo, minor_size = 0, buf.shape[1], row_lo, row_hi
    dx, dy = bx - ax, by - ay
    length = np.sqrt(dx * dx + dy * dy)
    if length < 1e-9:
        return
    slope = dy / dx if dx > 0.0 else 0.0
    # Half the thickness measured across the major axis; a width under a pixel fades instead.
    reach = 0.5 * width * length / dx if dx > 0.0 else 0.5 * width
    if reach < 0.5:
        strength = strength * reach * 2.0
        reach = 0.5
    first = max(ax, major_lo - 1.0)
    last = min(bx, major_size + 1.0)
    if last < first:
        return
    start = max(int(first), major_lo)
    stop = min(int(last), major_size - 1)
    if stop < start:
        return
    at_start = ay + (start + 0.5 - ax) * slope
    at_stop = ay + (stop + 0.5 - ax) * slope
    if max(at_start, at_stop) < minor_lo - reach - 1.0 or min(at_start, at_stop) > minor_size + reach + 1.0:
        return  # passes beside this band (and keeps the fixed-point numbers small below)
    if reach <= HAIRLINE:
        # A hairline: one pixel per step, as Qt draws a thin line without antialiasing (the
        # level of detail thins crowded maps to these; a third of the work of a smoothed line).
        level = np.uint32(min(strength, 256.0))
        centre = np.int64((ay + (start + 0.5 - ax) * slope) * 65536.0)
        step = np.int64(slope * 65536.0)
        for i in range(start, stop + 1):
            j = centre >> 16
            if minor_lo <= j < minor_size:
                if steep:
                    _blend(buf, i, j, level, rb, ag)
                else:
                    _blend(buf, j, i, level, rb, ag)
            centre += step
        return
    # Fixed point from here: the centre line in 16.16, coverage in 1/256 of a pixel.
    edge = np.int64((reach + 0.5) * 256.0)
    span = np.int64(reach + 0.5) + 1
    level = np.int64(strength)
    centre = np.int64((ay + (start + 0.5 - ax) * slope - 0.5) * 65536.0)
    step = np.int64(slope * 65536.0)
    for i in range(start, stop + 1):
        j0 = centre >> 16  # the pixel whose centre is at or just before the line's
        frac = (centre >> 8) & 255
        lo = max(j0 - span + 1, minor_lo)
        hi = min(j0 + span, minor_size - 1)
        for j in range(lo, hi + 1):
            cover = edge - abs((j - j0) * 256 - frac)
            if cover > 0:
                a = np.uint32((level * min(cover, 256)) >> 8)
                if steep:
                    _blend(buf, i, j, a, rb, ag)
                else:
                    _blend(buf, j, i, a, rb, ag)
        centre += step


@njit(cache=True, nogil=True, fastmath=True)
def rasterise_lines(
    buf: np.ndarray, x0: np.ndarray, y0: np.ndarray, x1: np.ndarray, y1: np.ndarray,
    width: np.ndarray, rgba: np.ndarray, row_lo: int, row_hi: int,
) -> None:  # pragma: no cover - compiled
    """Blend thick antialiased segments, in order, into rows ``[row_lo, row_hi)`` of ``buf``.

    ``buf``: (h, w) uint32, ARGB premultiplied (two threads may fill two bands of rows at once).

    Coordinates are pixels (pixel ``(i, j)`` covers ``[i, i+1) × [j, j+1)``); ``width`` in pixels;
    ``rgba`` (n, 4) uint8 straight (not premultiplied) colour and alpha. Each segment is walked
    along its major axis; across it, a pixel is covered by how much of it lies within half the
    width of the centre line (a one-pixel ramp), which is what smooths the edges.
    """
    for k in range(len(x0)):
        ax, ay, bx, by = x0[k], y0[k], x1[k], y1[k]
        if not (np.isfinite(ax) and np.isfinite(ay) and np.isfinite(bx) and np.isfinite(by)):
            continue
        if rgba[k, 3] == 0 or not width[k] > 0.0:
            continue
        if max(ay, by) < row_lo - width[k] - 2.0 or min(ay, by) > row_hi + width[k] + 2.0:
            continue
        strength = rgba[k, 3] * (256.0 / 255.0)
        rb = (np.uint32(rgba[k, 0]) << np.uint32(16)) | np.uint32(rgba[k, 2])
        ag = (np.uint32(255) << np.uint32(16)) | np.uint32(rgba[k, 1])
        if abs(by - ay) > abs(bx - ax):
            if by < ay:
                _segment(buf, by, bx, ay, ax, width[k], strength, rb, ag, True, row_lo, row_hi)
            else:
                _segment(buf, ay, ax, by, bx, width[k], strength, rb, ag, True, row_lo, row_hi)
        elif bx < ax:
            _segment(buf, bx, by, ax, ay, width[k], strength, rb, ag, False, row_lo, row_hi)
        else:
            _segment(buf, ax, ay, bx, by, width[k], strength, rb, ag, False, row_lo, row_hi)
