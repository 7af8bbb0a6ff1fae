"""Panels drawn over the map in screen pixels: the date caption and the legend.

They are plain QGraphicsObjects painted with QPainter, so a PNG, an SVG (text stays text) and the
window all get the same legend, and they stay put while the map pans and zooms.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QLinearGradient, QPainter, QPen
from PySide6.QtWidgets import QGraphicsObject, QStyleOptionGraphicsItem, QWidget

from desktop.core.palette import TENSION_STOPS
from desktop.viewer.frame import CaptionText

PANEL_FILL = QColor(255, 255, 255, 225)
PANEL_EDGE = QColor(0, 0, 0, 40)
INK = QColor(40, 40, 46)
MUTED = QColor(95, 95, 105)
PADDING = 10.0


def _font(point_size: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSizeF(point_size)
    font.setBold(bold)
    return font


def _panel(painter: QPainter, rect: QRectF) -> None:
    painter.setPen(QPen(PANEL_EDGE, 1))
    painter.setBrush(QBrush(PANEL_FILL))
    painter.drawRoundedRect(rect, 6, 6)


class CaptionOverlay(QGraphicsObject):
    """Top-left panel: dataset title, the current date large, and the latest event's title."""

    MAX_WIDTH = 460.0

    def __init__(self) -> None:
        super().__init__()
        self._text = CaptionText()
        self._title_font = _font(9.5)
        self._date_font = _font(17, bold=True)
        self._event_font = _font(10)
        self._metrics = {id(f): QFontMetricsF(f) for f in (self._title_font, self._date_font, self._event_font)}
        self._layout: tuple[QRectF, list[tuple[str, QFont, QColor, float, float]]] | None = None
        self.setZValue(1000)

    def set_text(self, text: CaptionText) -> None:
        """A new caption; its lines are measured once here, not on every paint and geometry query."""
        if text != self._text:
            self.prepareGeometryChange()
            self._text = text
            self._layout = None
            self.update()

    def _measured(self) -> tuple[QRectF, list[tuple[str, QFont, QColor, float, float]]]:
        if self._layout is None:
            lines = []
            for text, font, colour in self._lines():
                metrics = self._metrics[id(font)]
                lines.append((self._elided(text, font), font, colour, metrics.ascent(), metrics.height()))
            if not lines:
                rect = QRectF()
            else:
                width = max(self._metrics[id(font)].horizontalAdvance(text) for text, font, *_ in lines)
                height = sum(h + 2 for *_, h in lines)
                rect = QRectF(0, 0, min(width, self.MAX_WIDTH) + 2 * PADDING, height + 2 * PADDING)
            self._layout = (rect, lines)
        return self._layout

    def _lines(self) -> list[tuple[str, QFont, QColor]]:
        lines = []
        if self._text.title:
            lines.append((self._text.title, self._title_font, MUTED))
        if self._text.date:
            lines.append((self._text.date, self._date_font, INK))
        if self._text.event:
            lines.append((self._text.event, self._event_font, INK))
        return lines

    def _elided(self, text: str, font: QFont) -> str:
        return self._metrics[id(font)].elidedText(text, Qt.TextElideMode.ElideRight, self.MAX_WIDTH - 2 * PADDING)

    def boundingRect(self) -> QRectF:
        return QRectF(self._measured()[0])

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        rect, lines = self._measured()
        if rect.isEmpty():
            return
        _panel(painter, rect)
        y = PADDING
        for text, font, colour, ascent, height in lines:
            painter.setFont(font)
            painter.setPen(colour)
            painter.drawText(QPointF(PADDING, y + ascent), text)
            y += height + 2


@dataclass(frozen=True)
class LegendEntry:
    label: str
    colour: str


class LegendOverlay(QGraphicsObject):
    """Bottom-right panel: group colours, the tension scale, what width means and the tie rule."""

    BAR_WIDTH = 150.0
    HEADINGS = ("Actors", "Ties: tension", "Width: how much recent contact")
    PIN_NOTE = "dashed ring: pinned by dragging"

    def __init__(self) -> None:
        super().__init__()
        self._groups: tuple[LegendEntry, ...] = ()
        self._rule = ""
        self._size = "Dot size: recent contact"
        self._pins = False
        self._font = _font(9)
        self._small = _font(8)
        self._head = _font(9, bold=True)
        self._rect: QRectF | None = None
        self._wrapped: list[str] | None = None
        self.setZValue(1000)

    def set_content(self, groups: tuple[LegendEntry, ...], rule: str) -> None:
        """New groups or rule; the legend is measured again only then (it used to be on every paint)."""
        if (groups, rule) != (self._groups, self._rule):
            self.prepareGeometryChange()
            self._groups, self._rule = groups, rule
            self._rect = self._wrapped = None
            self.update()

    def set_size_text(self, text: str, pins: bool | None = None) -> None:
        """What a dot's size shows; ``pins``: whether to explain the pinned ring (only while someone is pinned)."""
        pins = self._pins if pins is None else pins
        if (text, pins) != (self._size, self._pins):
            self.prepareGeometryChange()
            self._size, self._pins = text, pins
            self._rect = self._wrapped = None
            self.update()

    def _row_height(self) -> float:
        return QFontMetricsF(self._font).height() + 3

    def _rule_lines(self) -> list[str]:
        """The rule sentence wrapped to the legend's width (measured once per content)."""
        if self._wrapped is None:
            self._wrapped = self._wrap()
        return self._wrapped

    def _wrap(self) -> list[str]:
        metrics = QFontMetricsF(self._small)
        limit = self._width() - 2 * PADDING
        words, lines, line = self._rule.split(), [], ""
        for word in words:
            trial = f"{line} {word}".strip()
            if metrics.horizontalAdvance(trial) > limit and line:
                lines.append(line)
                line = word
            else:
                line = trial
        return [*lines, line] if line else lines

    def _width(self) -> float:
        metrics, head = QFontMetricsF(self._font), QFontMetricsF(self._head)
        widest = max(
            [metrics.horizontalAdvance(g.label) + 22 for g in self._groups]
            + [head.horizontalAdvance(text) + 4 for text in (*self.HEADINGS, self._size)]
            + [self.BAR_WIDTH + 20]
        )
        return min(max(widest, 200.0), 320.0) + 2 * PADDING

    def boundingRect(self) -> QRectF:
        if self._rect is None:
            rows = len(self._groups) + 1
            head = QFontMetricsF(self._head).height() + 4
            small = QFontMetricsF(self._small).height()
            height = head + rows * self._row_height() + head + 14 + small + 6 + head * 0.9 + 10
            height += head + (small + 4 if self._pins else 0)  # what a dot's size shows, and the pinned ring
            height += len(self._rule_lines()) * small + 2 * PADDING
            self._rect = QRectF(0, 0, self._width(), height)
        return QRectF(self._rect)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        rect = self.boundingRect()
        _panel(painter, rect)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        x, y = PADDING, PADDING
        y = self._heading(painter, self.HEADINGS[0], x, y)
        row = self._row_height()
        metrics = QFontMetricsF(self._font)
        painter.setFont(self._font)
        for entry in self._groups:
            painter.setPen(QPen(QColor(255, 255, 255), 1.2))
            painter.setBrush(QColor(entry.colour))
            painter.drawEllipse(QPointF(x + 6, y + row / 2), 5.5, 5.5)
            painter.setPen(INK)
            painter.drawText(QPointF(x + 18, y + (row + metrics.ascent() - metrics.descent()) / 2), entry.label)
            y += row
        y += 4
        y = self._heading(painter, self.HEADINGS[1], x, y)
        self._tension_bar(painter, x, y)
        y += 14 + QFontMetricsF(self._small).height() + 8
        y = self._heading(painter, self.HEADINGS[2], x, y)
        for k, width in enumerate((1.0, 2.5, 5.0)):
            x0 = x + k * 50
            painter.setPen(QPen(QColor(120, 120, 120), width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
            painter.drawLine(QPointF(x0, y + 4), QPointF(x0 + 38, y + 4))
        y += 12
        y = self._heading(painter, self._size, x, y)
        small = QFontMetricsF(self._small)
        if self._pins:
            painter.setPen(QPen(QColor(34, 34, 34), 1.6, Qt.PenStyle.DashLine))
            painter.setBrush(QColor(190, 190, 190))
            painter.drawEllipse(QPointF(x + 6, y + small.height() / 2), 5.0, 5.0)
            painter.setFont(self._small)
            painter.setPen(MUTED)
            painter.drawText(QPointF(x + 18, y + small.ascent()), self.PIN_NOTE)
            y += small.height() + 4
        painter.setFont(self._small)
        painter.setPen(MUTED)
        for line in self._rule_lines():
            painter.drawText(QPointF(x, y + small.ascent()), line)
            y += small.height()

    def _heading(self, painter: QPainter, text: str, x: float, y: float) -> float:
        painter.setFont(self._head)
        painter.setPen(INK)
        metrics = QFontMetricsF(self._head)
        painter.drawText(QPointF(x, y + metrics.ascent()), text)
        return y + metrics.height() + 4

    def _tension_bar(self, painter: QPainter, x: float, y: float) -> None:
        gradient = QLinearGradient(x, 0, x + self.BAR_WIDTH, 0)
        for value, (r, g, b) in TENSION_STOPS:
            gradient.setColorAt((value + 2) / 4, QColor(r, g, b))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(gradient))
        painter.drawRect(QRectF(x, y, self.BAR_WIDTH, 10))
        painter.setFont(self._small)
        painter.setPen(MUTED)
        metrics = QFontMetricsF(self._small)
        base = y + 12 + metrics.ascent()
        painter.drawText(QPointF(x, base), "hostile")
        mid = "working"
        painter.drawText(QPointF(x + (self.BAR_WIDTH - metrics.horizontalAdvance(mid)) / 2, base), mid)
        painter.drawText(QPointF(x + self.BAR_WIDTH - metrics.horizontalAdvance("warm"), base), "warm")


class NoticeOverlay(QGraphicsObject):
    """A sentence in the middle of the map, shown only when the map has nothing to draw."""

    def __init__(self) -> None:
        super().__init__()
        self._text = ""
        self._font = _font(11)
        self.setZValue(1001)
        self.setVisible(False)

    def text(self) -> str:
        return self._text

    def set_text(self, text: str) -> None:
        if text != self._text:
            self.prepareGeometryChange()
            self._text = text
            self.setVisible(bool(text))
            self.update()

    def boundingRect(self) -> QRectF:
        if not self._text:
            return QRectF()
        metrics = QFontMetricsF(self._font)
        return QRectF(0, 0, metrics.horizontalAdvance(self._text) + 4 * PADDING, metrics.height() + 3 * PADDING)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        rect = self.boundingRect()
        if rect.isEmpty():
            return
        _panel(painter, rect)
        painter.setFont(self._font)
        painter.setPen(INK)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self._text)
