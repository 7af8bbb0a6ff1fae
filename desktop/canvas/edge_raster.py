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
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QImage, QPaintEngine, QPainter, QPen, QTransform

from desktop.core import shapes

_ready = threading.Event()
_CORES = os.cpu_count() or 1
_pool: ThreadPoolExecutor | None = None
_warm_lock = threading.Lock()


def __getattr__(name: str) -> Any:
    """The compiled kernel, imported (with numba) only when first used: the window's first picture
    needs neither."""
    if name == "rasterise_lines":
        from desktop.canvas._raster_kernel import rasterise_lines

        return rasterise_lines
    raise AttributeError(name)


def rasterise(buf: np.ndarray, x0: np.ndarray, y0: np.ndarray, x1: np.ndarray, y1: np.ndarray,
              width: np.ndarray, rgba: np.ndarray) -> None:
    """:func:`rasterise_lines` over the whole of ``buf``: the top half on a helper thread when there
    is a spare core and enough to draw (each band clips every tie to its rows, so they never race)."""
    from desktop.canvas._raster_kernel import rasterise_lines

    count = shapes.same_length(x0=x0, y0=y0, x1=x1, y1=y1, width=width, rgba=rgba)
    shapes.rows("colours", rgba, count, 4)
    if buf.ndim != 2:
        raise ValueError(f"image buffer: shape {buf.shape}, expected (height, width)")
    check_shapes(buf, x0, y0, x1, y1, width, rgba)  # after the checks that name the array: types, layout
    # One signature only: a strided view (a reversed or sliced array) is another numba type, and the
    # first call with a new type compiles (or loads) the kernel again, a frame held for half a second.
    x0, y0, x1, y1, width = (np.ascontiguousarray(a, np.float64) for a in (x0, y0, x1, y1, width))
    rows = buf.shape[0]
    if _CORES < 2 or rows < 64 or len(x0) < 2000:
        rasterise_lines(buf, x0, y0, x1, y1, width, rgba, 0, rows)
        return
    middle = rows // 2
    top = _helper().submit(rasterise_lines, buf, x0, y0, x1, y1, width, rgba, 0, middle)
    rasterise_lines(buf, x0, y0, x1, y1, width, rgba, middle, rows)
    top.result()


def check_shapes(buf: np.ndarray, x0: np.ndarray, y0: np.ndarray, x1: np.ndarray, y1: np.ndarray,
                 width: np.ndarray, rgba: np.ndarray) -> None:
    """Refuse arrays the kernel would read past: numba does not check bounds, a mismatch is a segfault."""
    n = len(x0)
    if buf.ndim != 2 or buf.dtype != np.uint32 or not buf.flags.c_contiguous:
        raise ValueError(f"raster buffer must be a contiguous 2-d uint32 array, not {buf.dtype} {buf.shape}")
    if any(a.shape != (n,) for a in (x0, y0, x1, y1, width)) or rgba.shape != (n, 4) or rgba.dtype != np.uint8:
        raise ValueError(f"tie arrays disagree: {[a.shape for a in (x0, y0, x1, y1, width, rgba)]}")


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
        from desktop.canvas._raster_kernel import rasterise_lines

        buf = np.zeros((4, 4), np.uint32)
        pts = np.array([0.5, 3.5])
        # Exactly the types a frame passes (contiguous arrays): warming any other signature leaves the
        # first crowded frame to compile the one it needs.
        rasterise_lines(buf, pts, pts, np.array([3.5, 0.5]), pts, np.array([1.5, 1.5]),
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
