"""The graphics items of the map: batched edges and draggable nodes.

Edges are drawn as a handful of ``PlotCurveItem(connect="pairs")`` curves, one per (colour, width)
bin, never one item per edge: Qt's software painter costs microseconds per item and per pen, so
batching is what keeps thousands of ties animating.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Signal

from desktop.core.palette import tension_rgb

TENSION_BINS = np.linspace(-2.0, 2.0, 17)
WIDTH_LEVELS = np.array([0.8, 1.4, 2.2, 3.2, 4.4, 6.0])


def edge_width(intensity: np.ndarray) -> np.ndarray:
    """Pixel width for an intensity: grows quickly for the first contacts, then levels off."""
    return 0.8 + 5.2 * np.sqrt(np.clip(intensity, 0.0, 4.0) / 4.0)


class EdgeLayer:
    """All edges of the map, grouped into as few curves as their colours and widths allow."""

    def __init__(self, viewbox: pg.ViewBox, z: float = -10) -> None:
        self._viewbox = viewbox
        self._curves: dict[tuple[int, int, int], pg.PlotCurveItem] = {}
        self._z = z
        self._colours = tension_rgb(TENSION_BINS)

    def set_edges(
        self, start: np.ndarray, end: np.ndarray, tension: np.ndarray, width: np.ndarray,
        alpha: np.ndarray | None = None,
    ) -> None:
        """Draw segments ``start[k] → end[k]`` coloured by tension, ``width`` pixels wide."""
        count = len(start)
        tension_bin = np.clip(np.rint((np.asarray(tension) + 2.0) * 4).astype(int), 0, 16)
        width_bin = np.abs(np.asarray(width)[:, None] - WIDTH_LEVELS[None, :]).argmin(axis=1) if count else []
        alpha_bin = (np.clip(np.rint(np.asarray(alpha) * 4), 0, 4).astype(int) if alpha is not None
                     else np.full(count, 4))
        keys = np.stack([tension_bin, width_bin, alpha_bin], axis=1) if count else np.zeros((0, 3), int)
        wanted: set[tuple[int, int, int]] = set()
        if count:
            order = np.lexsort((keys[:, 2], keys[:, 1], keys[:, 0]))
            sorted_keys = keys[order]
            cuts = np.flatnonzero(np.any(np.diff(sorted_keys, axis=0), axis=1)) + 1
            for chunk in np.split(order, cuts):
                key = tuple(int(v) for v in keys[chunk[0]])
                wanted.add(key)  # type: ignore[arg-type]
                xs = np.empty(2 * len(chunk))
                ys = np.empty(2 * len(chunk))
                xs[0::2], xs[1::2] = start[chunk, 0], end[chunk, 0]
                ys[0::2], ys[1::2] = start[chunk, 1], end[chunk, 1]
                self._curve(key).setData(xs, ys, connect="pairs")  # type: ignore[arg-type]
        for key, curve in self._curves.items():
            if key not in wanted and curve.isVisible():
                curve.setData([], [])
            curve.setVisible(key in wanted)

    def _curve(self, key: tuple[int, int, int]) -> pg.PlotCurveItem:
        curve = self._curves.get(key)
        if curve is None:
            tension_bin, width_bin, alpha_bin = key
            r, g, b = (int(c) for c in self._colours[tension_bin])
            pen = pg.mkPen((r, g, b, int(50 + 205 * alpha_bin / 4)), width=float(WIDTH_LEVELS[width_bin]))
            curve = pg.PlotCurveItem(pen=pen, antialias=False)
            curve.setZValue(self._z + tension_bin * 0.01)
            self._viewbox.addItem(curve)
            self._curves[key] = curve
        return curve

    def item_count(self) -> int:
        return sum(1 for curve in self._curves.values() if curve.isVisible())


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
