"""The chart above the slider: chapters as bands, event density, and the map's mood over time.

Mean tension is drawn as a line around a zero baseline, filled blue where contact was warm and red
where it was hostile; contact intensity is a grey line on its own scale. The current date is a
cursor line that can be dragged, and a click anywhere jumps there. The series are cheap for the
datasets people annotate by hand but not for event feeds, so they are computed by a worker.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainterPath
from PySide6.QtWidgets import QWidget

from desktop.core.metrics import TensionIndex, event_density, tension_index
from desktop.core.palette import TENSION_STOPS
from desktop.gui.map_first import when_map_drawn
from desktop.gui.workers import LatestOnlyWorker
from desktop.viewer.state import ViewerState

ZERO = 0.56  # where tension 0 sits on the chart's 0..1 scale
TENSION_SCALE = 0.26  # height of one tension unit (±1.5 fills the chart)
DENSITY_TOP = 0.2
INLINE_EVENTS = 2000
CHAPTER_FILLS = (QColor(90, 110, 150, 22), QColor(90, 110, 150, 8))
WARM = QColor(*TENSION_STOPS[3][1], 110)
HOSTILE = QColor(*TENSION_STOPS[1][1], 130)


class DateAxis(pg.AxisItem):
    """Month ticks for day-ordinal instants (pyqtgraph's DateAxisItem expects Unix seconds)."""

    def __init__(self, is_date: bool = True) -> None:
        super().__init__(orientation="bottom")
        self.is_date = is_date
        self.whole = False  # a number axis whose instants are all whole numbers (steps, years)

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list:
        if not self.is_date and self.whole:
            return self._whole_ticks(super().tickValues(minVal, maxVal, size), minVal, maxVal)
        if not self.is_date or maxVal - minVal < 1:
            return super().tickValues(minVal, maxVal, size)
        first = dt.date.fromordinal(max(1, int(minVal)))
        months = []
        year, month = first.year, first.month
        while True:
            day = dt.date(year, month, 1).toordinal()
            if day > maxVal:
                break
            if day >= minVal:
                months.append(float(day))
            month += 1
            if month > 12:
                year, month = year + 1, 1
        step = max(1, int(np.ceil(len(months) * 70 / max(size, 1))))
        major = [m for m in months if dt.date.fromordinal(int(m)).month % step == 1 % step] if step > 1 else months
        return [(1.0, major)]

    @staticmethod
    def _whole_ticks(levels: list, lo: float, hi: float) -> list:
        """Steps are whole numbers: no tick between two steps (10.5, 11.5 name no moment of the data)."""
        whole = [(spacing, [v for v in values if float(v).is_integer()]) for spacing, values in levels if spacing >= 1]
        whole = [(spacing, values) for spacing, values in whole if values]
        if not whole:
            first, last = int(np.ceil(lo)), int(np.floor(hi))
            whole = [(1.0, [float(v) for v in range(first, last + 1)])] if last >= first else []
        return whole

    def tickStrings(self, values: list, scale: float, spacing: float) -> list[str]:
        if not self.is_date:
            return super().tickStrings(values, scale, spacing)
        labels = []
        for value in values:
            day = dt.date.fromordinal(max(1, int(value)))
            labels.append(day.strftime("%b %Y") if day.month == 1 or value == values[0] else day.strftime("%b"))
        return labels


class TimelineChart(pg.PlotWidget):
    """Chapters, event density, mean tension and contact over the dataset's span, with a cursor."""

    jump_requested = Signal(float)

    def __init__(self, state: ViewerState, parent: QWidget | None = None, *, synchronous: bool = False) -> None:
        self.date_axis = DateAxis()
        super().__init__(parent, background=QColor(250, 250, 248), axisItems={"bottom": self.date_axis})
        self.state = state
        self.setFixedHeight(118)
        plot = self.getPlotItem()
        plot.hideAxis("left")
        plot.setMenuEnabled(False)
        plot.hideButtons()
        plot.setMouseEnabled(x=False, y=False)
        plot.getViewBox().setDefaultPadding(0)
        plot.setContentsMargins(6, 2, 6, 0)
        self.date_axis.setStyle(tickFont=_small_font(), tickLength=-4)
        self.setYRange(0, 1.0, padding=0)
        self._chapter_items: list[pg.GraphicsObject] = []
        self.density = pg.BarGraphItem(x0=[], x1=[], y0=[], y1=[], brush=QColor(60, 60, 70, 70), pen=pg.mkPen(None))
        self.zero_line = pg.InfiniteLine(ZERO, angle=0, pen=pg.mkPen(150, 150, 150, 120, width=1,
                                                                      style=Qt.PenStyle.DashLine))
        self.warm_fill = pg.PlotCurveItem(pen=pg.mkPen(None), brush=WARM, fillLevel=ZERO)
        self.hostile_fill = pg.PlotCurveItem(pen=pg.mkPen(None), brush=HOSTILE, fillLevel=ZERO)
        self.tension_line = pg.PlotCurveItem(pen=pg.mkPen(60, 60, 70, 220, width=1.4))
        self.contact_line = pg.PlotCurveItem(pen=pg.mkPen(120, 120, 120, 160, width=1, style=Qt.PenStyle.DotLine))
        self.cursor = pg.InfiniteLine(0, angle=90, movable=True, pen=pg.mkPen("#111111", width=2),
                                      hoverPen=pg.mkPen("#d04010", width=3))
        self.key = pg.TextItem("", color=(80, 80, 90), anchor=(0, 0))
        self.key.setFont(_small_font())
        for item in (self.density, self.zero_line, self.hostile_fill, self.warm_fill, self.contact_line,
                     self.tension_line, self.cursor, self.key):
            self.addItem(item)
        self.cursor.setZValue(50)
        self._syncing = False
        self.cursor.sigDragged.connect(self._on_cursor_dragged)
        self.scene().sigMouseClicked.connect(self._on_clicked)
        self.index: TensionIndex | None = None
        self.worker = LatestOnlyWorker("timeline-chart", synchronous=synchronous, parent=self)
        self.worker.finished.connect(self._on_index_ready)
        state.events.dataset.connect(self._on_dataset_changed)
        state.events.rule.connect(self._request_index)
        state.events.current_time.connect(self._on_time_changed)
        self._on_dataset_changed()

    # -- reactions -------------------------------------------------------------------------------

    def _on_dataset_changed(self, *_: object) -> None:
        timeline = self.state.timeline
        for item in self._chapter_items:
            self.removeItem(item)
        self._chapter_items.clear()
        if timeline is None:
            return
        dataset = timeline.dataset
        self.date_axis.is_date = dataset.axis.is_date
        times = timeline.event_times
        self.date_axis.whole = bool(len(times)) and bool(np.all(np.mod(times, 1.0) == 0))
        start, end = dataset.span
        if end <= start:
            end = start + 1.0
        self.setXRange(start, end, padding=0)
        self.cursor.setBounds((start, end))
        edges, counts = event_density(timeline, bins=max(10, min(160, int(end - start) // 3 or 10)))
        top = max(int(counts.max()), 1) if len(counts) else 1
        self.density.setOpts(x0=edges[:-1], x1=edges[1:], y0=np.zeros(len(counts)),
                             y1=counts / top * DENSITY_TOP)
        for k, chapter in enumerate(dataset.chapters):
            band = _Band(chapter.start, chapter.end + 1, CHAPTER_FILLS[k % 2])
            band.setToolTip(f"{chapter.title}\n{dataset.axis.format(chapter.start)} – "
                            f"{dataset.axis.format(chapter.end)}")
            band.setZValue(-20)
            self.addItem(band)
            self._chapter_items.append(band)
        self._show_index(None)
        when_map_drawn(self, self._request_index)  # computed after the map's first paint; none of the old shown
        self._on_time_changed()

    def _request_index(self, *_: object) -> None:
        timeline = self.state.timeline
        if timeline is None:
            return
        if len(timeline.event_times) <= INLINE_EVENTS:  # a hand-made dataset: milliseconds, no need to wait
            self._on_index_ready(timeline, tension_index(timeline))
        else:
            self.worker.submit(timeline, lambda: tension_index(timeline))

    def _on_index_ready(self, timeline: object, index: object) -> None:
        if timeline is not self.state.timeline or not isinstance(index, TensionIndex):
            return
        self._show_index(index)

    def _show_index(self, index: TensionIndex | None) -> None:
        """Draw the tension and contact lines of ``index``, or none (a new dataset's are on their way)."""
        self.index = index
        if index is None:
            for curve in (self.tension_line, self.warm_fill, self.hostile_fill, self.contact_line):
                curve.setData([], [])
            self.key.setText("")
            return
        times = index.times
        tension = np.nan_to_num(index.mean_tension, nan=0.0)
        y = np.clip(ZERO + TENSION_SCALE * tension, DENSITY_TOP, 1.0)
        self.tension_line.setData(times, y)
        self.warm_fill.setData(times, np.maximum(y, ZERO))
        self.hostile_fill.setData(times, np.minimum(y, ZERO))
        top = max(float(index.total_intensity.max()), 1e-9)
        self.contact_line.setData(times, DENSITY_TOP + 0.06 + (0.94 - DENSITY_TOP) * index.total_intensity / top)
        self.key.setText("mean tension (blue warm, red hostile) · dotted: amount of contact · bars: events")
        self.key.setPos(times[0], 1.0)

    def _on_time_changed(self, *_: object) -> None:
        self._syncing = True  # the echo guard: a cursor moved by the state does not write the state
        try:
            self.cursor.setValue(self.state.current_time)
        finally:
            self._syncing = False

    def _on_cursor_dragged(self, line: pg.InfiniteLine) -> None:
        if not self._syncing:
            self.jump_requested.emit(float(line.value()))

    def _on_clicked(self, ev: object) -> None:
        if self.state.dataset is None or getattr(ev, "button", lambda: None)() != Qt.MouseButton.LeftButton:
            return
        point = self.getPlotItem().getViewBox().mapSceneToView(ev.scenePos())  # type: ignore[attr-defined]
        self.jump_requested.emit(float(point.x()))

    def value_at(self, t: float) -> tuple[float, float] | None:
        """Mean tension and total intensity at the sample nearest ``t`` (for tests and tooltips)."""
        if self.index is None:
            return None
        k = int(np.argmin(np.abs(self.index.times - t)))
        return float(self.index.mean_tension[k]), float(self.index.total_intensity[k])


class _Band(pg.GraphicsObject):
    """A full-height band for one chapter (drawn in data coordinates, 0..1 high)."""

    def __init__(self, start: float, end: float, colour: QColor) -> None:
        super().__init__()
        self._rect = QRectF(start, 0.0, end - start, 1.0)
        self._colour = colour

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: object, *_: object) -> None:
        path = QPainterPath()
        path.addRect(self._rect)
        painter.fillPath(path, self._colour)  # type: ignore[attr-defined]


def _small_font() -> QFont:
    font = QFont()
    font.setPointSizeF(7.5)
    return font
