"""The graphics items of the map: batched edges and draggable nodes.

Edges are drawn as a handful of ``PlotCurveItem(connect="pairs")`` curves, one per (colour, width)
bin, never one item per edge: Qt's software painter costs microseconds per item and per pen, so
batching is what keeps thousands of ties animating. Above :data:`RASTER_TIES` ties on screen even
that is too slow, and the ties go into one image instead (:mod:`desktop.canvas.edge_raster`), each
with its own colour and width; files that need vectors still get paths from the same bins.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Signal
from PySide6.QtGui import QPen

from desktop.canvas import edge_raster
from desktop.core.palette import tension_rgb

TENSION_BINS = np.linspace(-2.0, 2.0, 17)
WIDTH_LEVELS = np.array([0.8, 1.4, 2.2, 3.2, 4.4, 6.0])
RASTER_TIES = 1500  # above this many ties on screen they are rasterised into one image


def edge_width(intensity: np.ndarray) -> np.ndarray:
    """Pixel width for an intensity: grows quickly for the first contacts, then levels off."""
    return 0.8 + 5.2 * np.sqrt(np.clip(intensity, 0.0, 4.0) / 4.0)


class EdgeLayer:
    """All edges of the map: as few curves as their colours and widths allow, or one image.

    ``raster_threshold``: above this many ties the compiled rasteriser draws them (``None``: never,
    ``0``: always, once the kernel is loaded).
    """

    def __init__(self, viewbox: pg.ViewBox, z: float = -10) -> None:
        self._viewbox = viewbox
        self._curves: dict[tuple[int, int, int], pg.PlotCurveItem] = {}
        self._z = z
        self._colours = tension_rgb(TENSION_BINS)
        self._lut = tension_rgb(np.linspace(-2.0, 2.0, 1024))  # per-tie colours without interpolating
        self.raster_threshold: int | None = RASTER_TIES
        self.raster = edge_raster.EdgeRasterItem(self._vector_bins)
        self.raster.setZValue(z)
        self.raster.setVisible(False)
        viewbox.addItem(self.raster, ignoreBounds=True)
        self._edges: tuple[np.ndarray, ...] = (np.zeros((0, 2)), np.zeros((0, 2)), np.zeros(0), np.zeros(0))
        self._alpha: np.ndarray | None = None
        self._pens: dict[tuple[int, int, int], QPen] = {}

    def uses_raster(self, count: int) -> bool:
        threshold = self.raster_threshold
        if threshold is None or count <= threshold:
            return False
        if not edge_raster.ready():
            edge_raster.start_warm_up()  # the first crowded map loads the kernel; curves until it is there
            return False
        return True

    def set_edges(
        self, start: np.ndarray, end: np.ndarray, tension: np.ndarray, width: np.ndarray,
        alpha: np.ndarray | None = None,
    ) -> None:
        """Draw segments ``start[k] → end[k]`` coloured by tension, ``width`` pixels wide."""
        self._edges = (start, end, np.asarray(tension, np.float64), np.asarray(width, np.float64))
        self._alpha = None if alpha is None else np.asarray(alpha, np.float64)
        if self.uses_raster(len(start)):
            self._set_raster(*self._edges, self._alpha)
            for curve in self._curves.values():
                if curve.isVisible():
                    curve.setVisible(False)
            self.raster.setVisible(True)
            return
        if self.raster.isVisible():
            self.raster.setVisible(False)
            self.raster.set_edges(np.zeros((0, 2)), np.zeros((0, 2)), np.zeros(0), np.zeros((0, 4)))
        wanted: set[tuple[int, int, int]] = set()
        for key, xs, ys in self._binned():
            wanted.add(key)
            self._curve(key).setData(xs, ys, connect="pairs")
        for key, curve in self._curves.items():
            if key not in wanted and curve.isVisible():
                curve.setData([], [])
            curve.setVisible(key in wanted)

    def _set_raster(self, start: np.ndarray, end: np.ndarray, tension: np.ndarray, width: np.ndarray,
                    alpha: np.ndarray | None) -> None:
        order = edge_raster.sort_for_drawing(tension)
        rgba = np.empty((len(order), 4), np.uint8)
        rgba[:, :3] = self._lut[np.clip(((tension[order] + 2.0) * (1023 / 4) + 0.5).astype(np.intp), 0, 1023)]
        rgba[:, 3] = 255 if alpha is None else np.rint(50 + 205 * np.clip(alpha[order], 0.0, 1.0))
        self.raster.set_edges(start[order], end[order], width[order], rgba)

    def _binned(self) -> list[tuple[tuple[int, int, int], np.ndarray, np.ndarray]]:
        """The ties grouped by (tension, width, alpha) bin: ``(key, xs, ys)`` for ``connect="pairs"``."""
        start, end, tension, width = self._edges
        alpha = self._alpha
        count = len(start)
        if not count:
            return []
        tension_bin = np.clip(np.rint((tension + 2.0) * 4).astype(int), 0, 16)
        width_bin = np.abs(width[:, None] - WIDTH_LEVELS[None, :]).argmin(axis=1)
        alpha_bin = (np.clip(np.rint(alpha * 4), 0, 4).astype(int) if alpha is not None
                     else np.full(count, 4))
        keys = np.stack([tension_bin, width_bin, alpha_bin], axis=1)
        order = np.lexsort((keys[:, 2], keys[:, 1], keys[:, 0]))
        sorted_keys = keys[order]
        cuts = np.flatnonzero(np.any(np.diff(sorted_keys, axis=0), axis=1)) + 1
        result = []
        for chunk in np.split(order, cuts):
            key = tuple(int(v) for v in keys[chunk[0]])
            xs = np.empty(2 * len(chunk))
            ys = np.empty(2 * len(chunk))
            xs[0::2], xs[1::2] = start[chunk, 0], end[chunk, 0]
            ys[0::2], ys[1::2] = start[chunk, 1], end[chunk, 1]
            result.append((key, xs, ys))
        return result  # type: ignore[return-value]

    def _vector_bins(self) -> list[tuple[QPen, np.ndarray, np.ndarray]]:
        """What the curves would draw, in their z order: for vector files while the image is shown."""
        return [(self._pen(key), xs, ys) for key, xs, ys in self._binned()]

    def _pen(self, key: tuple[int, int, int]) -> QPen:
        pen = self._pens.get(key)
        if pen is None:
            tension_bin, width_bin, alpha_bin = key
            r, g, b = (int(c) for c in self._colours[tension_bin])
            pen = self._pens[key] = pg.mkPen((r, g, b, int(50 + 205 * alpha_bin / 4)),
                                             width=float(WIDTH_LEVELS[width_bin]))
        return pen

    def _curve(self, key: tuple[int, int, int]) -> pg.PlotCurveItem:
        curve = self._curves.get(key)
        if curve is None:
            curve = pg.PlotCurveItem(pen=self._pen(key), antialias=False)
            curve.setZValue(self._z + key[0] * 0.01)
            self._viewbox.addItem(curve)
            self._curves[key] = curve
        return curve

    def item_count(self) -> int:
        return sum(1 for curve in self._curves.values() if curve.isVisible()) + int(self.raster.isVisible())


class NodeItem(pg.ScatterPlotItem):
    """Actor dots that can be clicked and dragged; a drag reports where the actor was put."""

    node_dragged = Signal(str, float, float)
    node_drag_finished = Signal(str, float, float)

    def __init__(self) -> None:
        super().__init__(pxMode=True, hoverable=True, tip=None)
        self._dragging: str | None = None
        self._offset = QPointF()

    def mouseDragEvent(self, ev: object) -> None:
        from pyqtgraph.GraphicsScene.mouseEvents import MouseDragEvent

        assert isinstance(ev, MouseDragEvent)
        if ev.button() != pg.QtCore.Qt.MouseButton.LeftButton:
            ev.ignore()
            return
        if ev.isStart():
            hits = self.pointsAt(ev.buttonDownPos())
            if len(hits) == 0:
                ev.ignore()
                return
            spot = hits[0]
            self._dragging = str(spot.data())
            self._offset = spot.pos() - ev.buttonDownPos()
        if self._dragging is None:
            ev.ignore()
            return
        ev.accept()
        where = ev.pos() + self._offset
        if ev.isFinish():
            actor, self._dragging = self._dragging, None
            self.node_drag_finished.emit(actor, where.x(), where.y())
        else:
            self.node_dragged.emit(self._dragging, where.x(), where.y())
