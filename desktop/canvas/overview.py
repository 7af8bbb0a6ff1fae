"""The mini overview: where the visible part of the map sits in the whole, shown when zoomed in.

A fixed-size panel in screen pixels with every actor as a dot (sampled when there are very many)
and the view as a rectangle; clicking it moves the view there.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsObject, QGraphicsSceneMouseEvent, QStyleOptionGraphicsItem, QWidget

from desktop.canvas.overlays import PANEL_EDGE, PANEL_FILL

SIZE = (170.0, 120.0)
MAX_DOTS = 3000


class OverviewOverlay(QGraphicsObject):
    recentre_requested = Signal(float, float)

    def __init__(self) -> None:
        super().__init__()
        self._points = np.zeros((0, 2))
        self._bounds = (0.0, 0.0, 1.0, 1.0)
        self._view = QRectF()
        self.setZValue(1000)
        self.setVisible(False)

    def set_content(self, points: np.ndarray, view: QRectF) -> None:
        """Show ``points`` (view coordinates) and the visible ``view`` rectangle."""
        if len(points) > MAX_DOTS:
            points = points[:: int(np.ceil(len(points) / MAX_DOTS))]
        self._points = points
        if len(points):
            lo, hi = points.min(axis=0), points.max(axis=0)
            span = np.maximum(hi - lo, 1e-9)
            margin = span * 0.08
            self._bounds = (float(lo[0] - margin[0]), float(lo[1] - margin[1]),
                            float(span[0] + 2 * margin[0]), float(span[1] + 2 * margin[1]))
        self._view = view
        self.update()

    def _scale(self) -> tuple[float, float, float]:
        _, _, w, h = self._bounds
        s = min((SIZE[0] - 8) / w, (SIZE[1] - 8) / h)
        ox = (SIZE[0] - w * s) / 2
        oy = (SIZE[1] - h * s) / 2
        return s, ox, oy

    def _to_panel(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        x0, y0, _, h = self._bounds
        s, ox, oy = self._scale()
        return ox + (x - x0) * s, oy + (y0 + h - y) * s  # y up in the map, down on screen

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, *SIZE)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setPen(QPen(PANEL_EDGE, 1))
        painter.setBrush(PANEL_FILL)
        painter.drawRoundedRect(self.boundingRect(), 5, 5)
        if len(self._points):
            px, py = self._to_panel(self._points[:, 0], self._points[:, 1])
            painter.setPen(QPen(QColor(90, 90, 100, 160), 2))
            painter.drawPoints([QPointF(float(a), float(b)) for a, b in zip(px, py, strict=True)])
        v = self._view
        (left, right), (top, bottom) = self._to_panel(np.array([v.left(), v.right()]),
                                                      np.array([v.bottom(), v.top()]))
        painter.setPen(QPen(QColor(208, 64, 16), 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(QPointF(left, top), QPointF(right, bottom)).intersected(self.boundingRect()))

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        x0, y0, _, h = self._bounds
        s, ox, oy = self._scale()
        pos = event.pos()
        self.recentre_requested.emit(x0 + (pos.x() - ox) / s, y0 + h - (pos.y() - oy) / s)
        event.accept()
