"""Actor names that never pile up: greedy placement in screen pixels, most important first.

The most important actors are always named; the rest are named only where a spot is free, so
zooming in (more room) names more of them and zooming out names fewer. Placement is recomputed on
every frame and view change, so it has to be cheap: candidates are capped, and collision tests are
one vectorised comparison against the rectangles already taken.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsObject, QStyleOptionGraphicsItem, QWidget

MAX_CANDIDATES = 300
PAD = 2.0


@dataclass(frozen=True, slots=True)
class Placed:
    actor: int
    rect: tuple[float, float, float, float]  # x, y, w, h in screen pixels
    strong: bool
    faded: bool


def place_labels(
    xy: np.ndarray, radius: np.ndarray, widths: np.ndarray, height: float, order: np.ndarray,
    always: int, obstacles: list[tuple[float, float, float, float]], bounds: tuple[float, float],
    dots: np.ndarray | None = None,
) -> list[tuple[int, tuple[float, float, float, float]]]:
    """Choose a rectangle for as many labels as fit, in ``order``; the first ``always`` are forced.

    Each label tries below, above, right and left of its dot (forced ones also a little further
    out); a spot is free when it overlaps no
    placed label, no obstacle (caption, legend) and no other dot (``dots``: (n, 3) x, y, r).
    """
    taken = np.array(obstacles, dtype=np.float64).reshape(-1, 4)
    taken = np.vstack([taken, np.zeros((len(order), 4))])
    count = len(obstacles)
    width_px, height_px = bounds
    result: list[tuple[int, tuple[float, float, float, float]]] = []
    for rank, i in enumerate(order.tolist()):
        x, y, r, w = float(xy[i, 0]), float(xy[i, 1]), float(radius[i]), float(widths[i])
        spots = [
            (x - w / 2, y + r + 1),
            (x - w / 2, y - r - 1 - height),
            (x + r + 3, y - height / 2),
            (x - r - 3 - w, y - height / 2),
        ]
        if rank < always:  # a name that must show moves further out before it may overlap
            for m in (1, 2, 3):
                step = m * (height + 1)
                spots += [(x - w / 2, y + r + 1 + step), (x - w / 2, y - r - 1 - height - step),
                          (x + r + 3, y - height / 2 + step), (x + r + 3, y - height / 2 - step),
                          (x - r - 3 - w, y - height / 2 + step), (x - r - 3 - w, y - height / 2 - step)]
        chosen = None
        least: tuple[float, tuple[float, float]] | None = None
        for sx, sy in spots:
            if sx < 0 or sy < 0 or sx + w > width_px or sy + height > height_px:
                continue
            box = taken[:count]
            overlap_w = np.minimum(box[:, 0] + box[:, 2] + PAD, sx + w + PAD) - np.maximum(box[:, 0], sx)
            overlap_h = np.minimum(box[:, 1] + box[:, 3], sy + height) - np.maximum(box[:, 1], sy)
            covered = float((np.clip(overlap_w, 0, None) * np.clip(overlap_h, 0, None)).sum())
            hit = covered > 0
            if not hit and dots is not None and len(dots):
                near = ((np.abs(dots[:, 0] - (sx + w / 2)) < w / 2 + dots[:, 2])
                        & (np.abs(dots[:, 1] - (sy + height / 2)) < height / 2 + dots[:, 2]))
                near[i] = False
                hit = bool(near.any())
            if not hit:
                chosen = (sx, sy)
                break
            if least is None or covered < least[0]:
                least = (covered, (sx, sy))  # covering a dot is better than covering another name
        if chosen is None and rank < always:
            chosen = least[1] if least is not None else spots[0]
        if chosen is None:
            continue
        rect = (chosen[0], chosen[1], w, height)
        taken[count] = rect
        count += 1
        result.append((i, rect))
    return result


class LabelLayer(QGraphicsObject):
    """Paints the placed names over the map in screen pixels (one item, not one per label)."""

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
        self.placed: list[Placed] = []
        self._bounds = QRectF()
        self.setZValue(500)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_names(self, names: list[str]) -> None:
        self.names = names
        self.widths = np.array([self.metrics.horizontalAdvance(n) + 6 for n in names], dtype=np.float64)

    @property
    def line_height(self) -> float:
        return self.metrics.height() + 1

    def set_placed(self, placed: list[Placed], bounds: QRectF) -> None:
        self.prepareGeometryChange()
        self.placed = placed
        self._bounds = bounds
        self.update()

    def shown(self) -> list[str]:
        """The names on screen, for tests and for the export to compare."""
        return [self.names[p.actor] for p in self.placed]

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        for p in self.placed:
            x, y, w, h = p.rect
            alpha = 90 if p.faded else 255
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(255, 255, 255, 175 if not p.faded else 90))
            painter.drawRoundedRect(QRectF(x, y, w, h), 3, 3)
            painter.setFont(self.strong_font if p.strong else self.font)
            painter.setPen(QPen(QColor(25, 25, 32, alpha)))
            painter.drawText(QRectF(x, y, w, h), Qt.AlignmentFlag.AlignCenter, self.names[p.actor])

    def hit(self, point: QPointF) -> int | None:
        for p in self.placed:
            x, y, w, h = p.rect
            if x <= point.x() <= x + w and y <= point.y() <= y + h:
                return p.actor
        return None
