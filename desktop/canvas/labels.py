"""Actor names that never pile up, painted over the map as one item.

Where each name goes is :mod:`desktop.canvas.label_placement` (no Qt); this module paints the placed
names, each laid out once, and places them at most once per painted frame.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QStaticText, QTransform
from PySide6.QtWidgets import QGraphicsObject, QStyleOptionGraphicsItem, QWidget

from desktop.canvas.label_placement import GAP, SIDE_GAP, SIDES, DotIndex, anchor, place_labels, spot

__all__ = ["GAP", "SIDES", "SIDE_GAP", "DotIndex", "LabelLayer", "Placed", "anchor", "place_labels", "spot"]

@dataclass(frozen=True, slots=True)
class Placed:
    actor: int
    rect: tuple[float, float, float, float]  # x, y, w, h in screen pixels
    strong: bool
    faded: bool
    side: int = 0  # index into SIDES: where the name sits against its dot


class LabelLayer(QGraphicsObject):
    """Paints the placed names over the map in screen pixels (one item, not one per label).

    Placement is asked for (:meth:`request`) as often as the map changes, but runs once, when the names
    are next painted or read: a date step moves the dots, the ties and the caption, and each used to
    place every name again (four placements a frame). Each name's text is laid out once
    (``QStaticText``) and reused on every frame.
    """

    def __init__(self) -> None:
        super().__init__()
        self.font = QFont()
        self.font.setPointSizeF(8.5)
        self.strong_font = QFont(self.font)
        self.strong_font.setPointSizeF(9.0)
        self.strong_font.setWeight(QFont.Weight.DemiBold)
        self.metrics = QFontMetricsF(self.strong_font)
        self.names: list[str] = []
        self.widths = np.zeros(0)
        self._placed: list[Placed] = []
        self._pending: Callable[[], None] | None = None
        self._painting = False
        self._texts: dict[tuple[int, bool], QStaticText] = {}
        self._bounds = QRectF()
        self.setZValue(500)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_names(self, names: list[str]) -> None:
        """New names (a new dataset): the names placed for the old ones go with them, in the same step."""
        self._pending = None  # a placement asked for with the old dataset's dots
        self.set_placed([], QRectF())
        self.names = names
        self.widths = np.array([self.metrics.horizontalAdvance(n) + 6 for n in names], dtype=np.float64)
        self._texts.clear()

    @property
    def line_height(self) -> float:
        return self.metrics.height() + 1

    @property
    def placed(self) -> list[Placed]:
        """The names as they are (or will be) painted: a placement still asked for is made first."""
        self.flush()
        return self._placed

    def request(self, placer: Callable[[], None], bounds: QRectF) -> None:
        """Place the names with ``placer`` before they are next painted or read (once, however often asked)."""
        self._pending = placer
        if bounds != self._bounds:
            self.prepareGeometryChange()
            self._bounds = bounds
        self.update()

    def flush(self) -> None:
        placer, self._pending = self._pending, None
        if placer is not None:
            placer()

    def set_placed(self, placed: list[Placed], bounds: QRectF | None = None) -> None:
        if bounds is not None and bounds != self._bounds and not self._painting:
            self.prepareGeometryChange()
            self._bounds = bounds
        self._placed = placed
        if not self._painting:
            self.update()

    def shown(self) -> list[str]:
        """The names on screen, for tests and for the export to compare."""
        return [self.names[p.actor] for p in self.placed]

    def boundingRect(self) -> QRectF:
        return self._bounds

    def _text(self, actor: int, strong: bool) -> QStaticText:
        text = self._texts.get((actor, strong))
        if text is None:
            text = QStaticText(self.names[actor])
            text.setTextFormat(Qt.TextFormat.PlainText)  # a name is never markup
            text.prepare(QTransform(), self.strong_font if strong else self.font)
            self._texts[(actor, strong)] = text
        return text

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        self._painting = True
        try:
            self.flush()
        finally:
            self._painting = False
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        count = len(self.names)
        for p in self._placed:
            if not 0 <= p.actor < count:
                continue  # never index past the names (an exception in paint takes PySide down)
            x, y, w, h = p.rect
            alpha = 90 if p.faded else 255
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(255, 255, 255, 175 if not p.faded else 90))
            painter.drawRoundedRect(QRectF(x, y, w, h), 3, 3)
            painter.setFont(self.strong_font if p.strong else self.font)
            painter.setPen(QPen(QColor(25, 25, 32, alpha)))
            text = self._text(p.actor, p.strong)
            size = text.size()
            painter.drawStaticText(QPointF(x + (w - size.width()) / 2, y + (h - size.height()) / 2), text)

    def hit(self, point: QPointF) -> int | None:
        for p in self.placed:
            x, y, w, h = p.rect
            if x <= point.x() <= x + w and y <= point.y() <= y + h:
                return p.actor
        return None
