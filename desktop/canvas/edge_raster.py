"""Ties drawn into one image by a compiled rasteriser, for maps with thousands of ties on screen.

Qt's software painter costs a few microseconds per line segment (several times that antialiased),
so 15,000 ties repainted every frame cannot reach 30 fps through ``QPainter.drawLines``. Here every
tie is a thick, antialiased line written by a numba kernel straight into a premultiplied ARGB
buffer, with its own colour, alpha and width, and the buffer is shown as one ``QImage``.

The image is made in :meth:`EdgeRasterItem.paint`, at the painter's own device pixels, and kept
until the ties, the view transform or the size change. Anything that is not Qt's raster engine
(SVG, PDF, printing) and every export (``setExportMode``) gets the ties as vector paths instead,
drawn with the same bins and pens as :class:`desktop.canvas.map_items.EdgeLayer`, so a vector file
never holds a bitmap of ties.

The kernel is compiled once per machine (numba's disk cache) and loaded on a background thread
(:func:`start_warm_up`); until it is ready the map keeps drawing ties as curves.
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
import pyqtgraph as pg
from numba import njit
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QImage, QPaintEngine, QPainter, QPen, QTransform

_ready = threading.Event()
_CORES = os.cpu_count() or 1
_pool: ThreadPoolExecutor | None = None
_warm_lock = threading.Lock()


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


def rasterise(buf: np.ndarray, x0: np.ndarray, y0: np.ndarray, x1: np.ndarray, y1: np.ndarray,
              width: np.ndarray, rgba: np.ndarray) -> None:
    """:func:`rasterise_lines` over the whole of ``buf``: the top half on a helper thread when there
    is a spare core and enough to draw (each band clips every tie to its rows, so they never race)."""
    rows = buf.shape[0]
    if _CORES < 2 or rows < 64 or len(x0) < 2000:
        rasterise_lines(buf, x0, y0, x1, y1, width, rgba, 0, rows)
        return
    middle = rows // 2
    top = _helper().submit(rasterise_lines, buf, x0, y0, x1, y1, width, rgba, 0, middle)
    rasterise_lines(buf, x0, y0, x1, y1, width, rgba, middle, rows)
    top.result()


def _helper() -> ThreadPoolExecutor:
    global _pool
    if _pool is None:
        _pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="edge-raster")
    return _pool


def warm_up() -> None:
    """Compile the kernel (or load it from numba's disk cache); safe to call from any thread, twice."""
    with _warm_lock:
        if _ready.is_set():
            return
        buf = np.zeros((4, 4), np.uint32)
        pts = np.array([0.5, 3.5])
        rasterise_lines(buf, pts, pts, pts[::-1], pts, np.array([1.5, 1.5]),
                        np.full((2, 4), 200, np.uint8), 0, 4)
        _ready.set()


def start_warm_up() -> None:
    """Warm the kernel up on a daemon thread, once per process."""
    if _ready.is_set() or _warm_lock.locked():
        return
    threading.Thread(target=warm_up, name="edge-raster-warm-up", daemon=True).start()


def ready() -> bool:
    return _ready.is_set()


def sort_for_drawing(tension: np.ndarray) -> np.ndarray:
    """Drawing order: by tension bin, so the stacking matches the vector curves' z order."""
    tension_bin = np.clip(np.rint((np.asarray(tension) + 2.0) * 4), 0, 16).astype(np.int8)
    return np.argsort(tension_bin, kind="stable")  # a radix sort for small integers


class EdgeRasterItem(pg.GraphicsObject):
    """The map's ties as one image, rasterised at paint time for the painter's device.

    ``set_edges`` takes the ties in view coordinates already in drawing order, with straight RGBA
    colours and widths in pixels; ``vector_bins`` is a callable giving the vector layer's
    ``(pen, xs, ys)`` groups for files that need paths.
    """

    def __init__(self, vector_bins: Any) -> None:
        super().__init__()
        self._vector_bins = vector_bins
        self._start = np.zeros((0, 2))
        self._end = np.zeros((0, 2))
        self._width = np.zeros(0)
        self._rgba = np.zeros((0, 4), np.uint8)
        self._bounds = QRectF()
        self._version = 0
        self._key: tuple[Any, ...] | None = None
        self._buffer = np.zeros((0, 0), np.uint32)
        self._image: QImage | None = None
        self._image_pos = QPointF()
        self.raster_count = 0  # paints that rasterised (for tests)
        self.vector_count = 0  # paints that drew paths

    def set_edges(self, start: np.ndarray, end: np.ndarray, width: np.ndarray, rgba: np.ndarray) -> None:
        self._start, self._end = np.asarray(start, np.float64), np.asarray(end, np.float64)
        self._width = np.asarray(width, np.float64)
        self._rgba = np.ascontiguousarray(rgba, np.uint8)
        if len(self._start):
            both = np.concatenate([self._start, self._end])
            lo, hi = both.min(axis=0), both.max(axis=0)
            bounds = QRectF(QPointF(lo[0], lo[1]), QPointF(hi[0], hi[1]))
        else:
            bounds = QRectF()
        if bounds != self._bounds:
            self.prepareGeometryChange()
            self._bounds = bounds
        self._version += 1
        self.update()

    def boundingRect(self) -> QRectF:
        if self._bounds.isNull() and not len(self._start):
            return QRectF()
        # Ties are several pixels wide: pad the endpoints' box by a few pixels in view units.
        px, py = self.pixelWidth(), self.pixelHeight()
        pad_x, pad_y = 8 * (px or 0.0), 8 * (py or 0.0)
        return self._bounds.adjusted(-pad_x, -pad_y, pad_x, pad_y)

    def viewTransformChanged(self) -> None:
        self.prepareGeometryChange()

    def paint(self, p: QPainter, *args: object) -> None:
        if not len(self._start):
            return
        engine = p.paintEngine()
        raster = engine is not None and engine.type() == QPaintEngine.Type.Raster
        if self._exportOpts is not False or not raster or not ready():
            self._paint_vector(p)
            return
        self._paint_raster(p)

    def _paint_vector(self, p: QPainter) -> None:
        """The ties as paths, binned and pen-scaled as the export stage does for the curves."""
        self.vector_count += 1
        opts = self._exportOpts if self._exportOpts is not False else {}
        scale = float(opts.get("resolutionScale", 1.0)) if opts else 1.0
        device = p.device()
        dpr = device.devicePixelRatioF() if device is not None else 1.0
        pen_scale = dpr * scale if opts else 1.0
        p.setRenderHint(QPainter.RenderHint.Antialiasing, bool(opts.get("antialias", True)) if opts else False)
        for pen, xs, ys in self._vector_bins():
            if pen_scale != 1.0:
                pen = QPen(pen)
                pen.setWidthF(pen.widthF() * pen_scale)
            p.setPen(pen)
            p.drawPath(pg.arrayToQPath(xs, ys, connect="pairs", finiteCheck=False))

    def _paint_raster(self, p: QPainter) -> None:
        transform = p.combinedTransform()
        device = p.device()
        dpr = device.devicePixelRatioF() if device is not None else 1.0
        full = QRectF(0, 0, device.width(), device.height()) if device is not None else QRectF()
        region = transform.mapRect(self.boundingRect()).intersected(full)
        if region.isEmpty():
            return
        left, top = np.floor(region.left()), np.floor(region.top())
        cols = int(np.ceil((region.right() - left) * dpr))
        rows = int(np.ceil((region.bottom() - top) * dpr))
        if cols <= 0 or rows <= 0:
            return
        key = (self._version, _transform_key(transform), left, top, cols, rows, dpr)
        if key != self._key or self._image is None:
            self._rasterise(transform, left, top, cols, rows, dpr)
            self._key = key
        p.save()
        p.resetTransform()
        p.drawImage(QPointF(left, top), self._image)
        p.restore()

    def _rasterise(self, t: QTransform, left: float, top: float, cols: int, rows: int, dpr: float) -> None:
        self.raster_count += 1
        if self._buffer.shape[:2] != (rows, cols):
            self._buffer = np.zeros((rows, cols), np.uint32)
        else:
            self._buffer.fill(0)
        s, e = self._start, self._end
        m11, m12, m21, m22, dx, dy = t.m11(), t.m12(), t.m21(), t.m22(), t.dx(), t.dy()
        x0 = (m11 * s[:, 0] + m21 * s[:, 1] + dx - left) * dpr
        y0 = (m12 * s[:, 0] + m22 * s[:, 1] + dy - top) * dpr
        x1 = (m11 * e[:, 0] + m21 * e[:, 1] + dx - left) * dpr
        y1 = (m12 * e[:, 0] + m22 * e[:, 1] + dy - top) * dpr
        rasterise(self._buffer, x0, y0, x1, y1, self._width * dpr, self._rgba)
        image = QImage(self._buffer.data, cols, rows, cols * 4, QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(dpr)
        self._image = image

    def image_array(self) -> np.ndarray:
        """The last raster as (h, w, 4) BGRA premultiplied (little-endian ARGB32; for tests)."""
        return self._buffer.view(np.uint8).reshape(*self._buffer.shape, 4).copy()


def _transform_key(t: QTransform) -> tuple[float, ...]:
    return (t.m11(), t.m12(), t.m21(), t.m22(), t.dx(), t.dy())
