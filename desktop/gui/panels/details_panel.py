"""The panel that answers "why?": the chosen tie or actor, their history over time, and the cited events.

A tie shows its tension over time (a sparkline with the current date as a cursor) and every
interaction behind it with tone, note and citation. An actor shows role, group, degree and
betweenness over time and their interaction history. Nothing chosen: the dataset's card.
"""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QUrl
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from desktop.core.metrics import pair_series
from desktop.core.model import Dataset
from desktop.core.palette import tension_label
from desktop.gui.metrics_service import MetricsService
from desktop.gui.panels.event_panel import sources_html
from desktop.viewer.state import ViewerState

TONE_WORDS = {-2: "hostile", -1: "strained", 0: "working", 1: "cordial", 2: "warm"}


class SmallChart(pg.PlotWidget):
    """A titled sparkline with a current-date cursor."""

    def __init__(self, title: str) -> None:
        super().__init__(background=QColor(255, 255, 255))
        self.setFixedHeight(92)
        item = self.getPlotItem()
        item.setMenuEnabled(False)
        item.hideButtons()
        item.setMouseEnabled(x=False, y=False)
        item.setTitle(f'<span style="font-size:8pt; color:#444">{title}</span>')
        item.getAxis("bottom").setStyle(showValues=False)
        item.getAxis("left").setWidth(28)
        self.curve = pg.PlotCurveItem(pen=pg.mkPen(40, 70, 140, width=1.6))
        self.zero = pg.InfiniteLine(0, angle=0, pen=pg.mkPen(160, 160, 160, 140, style=pg.QtCore.Qt.PenStyle.DashLine))
        self.cursor = pg.InfiniteLine(0, angle=90, pen=pg.mkPen("#d04010", width=1.5))
        for x in (self.zero, self.curve, self.cursor):
            self.addItem(x)

    def set_series(self, times: np.ndarray, values: np.ndarray, y_range: tuple[float, float] | None = None) -> None:
        self.curve.setData(times, values, connect="finite")
        if len(times):
            self.setXRange(float(times[0]), float(times[-1]), padding=0)
        if y_range is not None:
            self.setYRange(*y_range, padding=0.05)
        else:
            finite = values[np.isfinite(values)]
            top = float(finite.max()) if len(finite) else 1.0
            self.setYRange(0, max(top, 1e-6), padding=0.05)


class DetailsPanel(QWidget):
    """Reads the state's selection; charts follow the date, the text follows the latest event."""

    def __init__(self, state: ViewerState, metrics: MetricsService | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.metrics = metrics
        self.header = QLabel(wordWrap=True)
        self.header.linkActivated.connect(lambda href: self._on_link(QUrl(href)))
        self.chart_a = SmallChart("tension over time")
        self.chart_b = SmallChart("betweenness over time")
        self.browser = QTextBrowser(openLinks=False, openExternalLinks=False)
        self.browser.anchorClicked.connect(self._on_link)
        column = QVBoxLayout(self)
        column.setContentsMargins(6, 6, 6, 6)
        for widget in (self.header, self.chart_a, self.chart_b):
            column.addWidget(widget)
        column.addWidget(self.browser, 1)
        for signal in (state.events.selected_actor, state.events.selected_tie, state.events.dataset,
                       state.events.rule):
            signal.connect(self._rebuild)
        state.events.current_time.connect(self._on_time_changed)
        if metrics is not None:
            metrics.centrality_ready.connect(self._rebuild)
        self._shown_key: tuple[object, ...] | None = None
        self._rebuild()

    def toPlainText(self) -> str:
        return self.header.text() + "\n" + self.browser.toPlainText()

    # -- reactions -------------------------------------------------------------------------------

    def _on_time_changed(self, *_: object) -> None:
        for chart in (self.chart_a, self.chart_b):
            chart.cursor.setValue(self.state.current_time)
        self._refresh_text()

    def _rebuild(self, *_: object) -> None:
        self._shown_key = None
        dataset, timeline = self.state.dataset, self.state.timeline
        tie, actor = self.state.selected_tie, self.state.selected_actor
        self.chart_a.setVisible(False)
        self.chart_b.setVisible(False)
        if dataset is None or timeline is None:
            self.header.setText("")
        elif tie is not None:
            series = pair_series(timeline, *tie)
            self.chart_a.getPlotItem().setTitle('<span style="font-size:8pt; color:#444">tension over time '
                                                "(above 0 warm, below hostile)</span>")
            self.chart_a.set_series(series.times, series.tension, (-2.0, 2.0))
            self.chart_a.setVisible(True)
        elif actor is not None and actor in dataset.actor_index:
            series = self.metrics.centrality() if self.metrics is not None else None
            if series is not None:
                k = dataset.actor_index[actor]
                self.chart_a.getPlotItem().setTitle('<span style="font-size:8pt; color:#444">degree (ties) '
                                                    "over time</span>")
                self.chart_a.set_series(series.times, series.degree[:, k].astype(float))
                self.chart_b.set_series(series.times, series.betweenness[:, k])
                self.chart_a.setVisible(True)
                self.chart_b.setVisible(True)
        self._on_time_changed()

    def _refresh_text(self) -> None:
        dataset, timeline = self.state.dataset, self.state.timeline
        tie, actor = self.state.selected_tie, self.state.selected_actor
        latest = timeline.last_event_at_or_before(self.state.current_time) if timeline else None
        key = (id(dataset), id(timeline), tie, actor, latest)
        if key == self._shown_key:  # redraw only when the words would change, not every frame
            return
        self._shown_key = key
        if dataset is None or timeline is None:
            self.header.setText("")
            self.browser.setHtml("")
        elif tie is not None:
            self._show_tie(dataset, tie)
        elif actor is not None and actor in dataset.actor_index:
            self._show_actor(dataset, actor)
        else:
            self._show_dataset(dataset)

    def _on_link(self, url: QUrl) -> None:
        text = url.toString()
        dataset = self.state.dataset
        if text.startswith("event:") and dataset is not None:
            self.state.current_time = dataset.events[int(text.removeprefix("event:"))].time
        elif text.startswith("actor:"):
            self.state.selected_tie = None
            self.state.selected_actor = text.removeprefix("actor:")

    # -- content ---------------------------------------------------------------------------------

    def _show_dataset(self, dataset: Dataset) -> None:
        start, end = dataset.span
        self.header.setText(f"<h3>{html.escape(dataset.title)}</h3>")
        text = [f"<p>{html.escape(dataset.description)}</p>"] if dataset.description else []
        text.append(
            f"<p>{len(dataset.actors)} actors, {len(dataset.events)} events, "
            f"{dataset.interaction_count} interactions, {html.escape(dataset.axis.format(start))} – "
            f"{html.escape(dataset.axis.format(end))}.</p><p><i>Click an actor or a line to see the events "
            "behind it.</i></p>"
        )
        self.browser.setHtml("".join(text))

    def _show_tie(self, dataset: Dataset, pair: tuple[str, str]) -> None:
        timeline = self.state.timeline
        assert timeline is not None
        a, b = (dataset.actor(x) if x in dataset.actor_index else None for x in pair)
        if a is None or b is None:
            self.header.setText("")
            return
        now = timeline.snapshot_at(self.state.current_time).tie(a.id, b.id)
        state_text = (f"{tension_label(now.tension)} — tension {now.tension:+.2f}, intensity {now.intensity:.2f}"
                      if now is not None else "no tie drawn on this date")
        self.header.setText(
            f'<h3 style="margin:0">{self._link(a.id, a.name)} — {self._link(b.id, b.name)}</h3>'
            f"<p style='margin:2px 0'>{html.escape(dataset.axis.format(self.state.current_time))}: "
            f"{html.escape(state_text)}</p>"
        )
        history = timeline.interactions_between(a.id, b.id)
        now_t = self.state.current_time
        past = [item for item in history if item[0].time <= now_t]
        later = [item for item in history if item[0].time > now_t]
        text, muted = self._ink()
        lines = [f"<p><b>Interactions behind this tie</b> ({len(past)} to date, newest first)</p>"]
        # What is still to come reads best after the story so far, in order.
        ordered = [*reversed(past), None, *later] if later else list(reversed(past))
        for item in ordered:
            if item is None:
                lines.append(f"<p><b>Later</b> ({len(later)})</p>")
                continue
            event, interaction = item
            number = dataset.events.index(event)
            future = event.time > now_t
            # The panel's own text colour, or a muted one for what is still to come: fixed greys are
            # unreadable on dark chrome (#222) or too faint on light (#999).
            colour = muted if future else text
            tone = TONE_WORDS.get(round(interaction.tone), f"{interaction.tone:+g}")
            lines.append(
                f'<p style="color:{colour}"><a href="event:{number}"><b>'
                f"{html.escape(dataset.axis.format(event.time, event.date_precision))}</b></a> — "
                f"{html.escape(event.title or event.id)}<br>tone <b>{interaction.tone:+g}</b> ({tone})"
                + (f": {html.escape(interaction.note)}" if interaction.note else "")
                + f"<br><small><i>{sources_html(dataset, event)}</i></small>"
                + ("<br><small>(after the current date)</small>" if future else "") + "</p>"
            )
        self.browser.setHtml("".join(lines))

    def _show_actor(self, dataset: Dataset, actor_id: str) -> None:
        actor = dataset.actor(actor_id)
        group = dataset.group_by_id.get(actor.group)
        now = self.state.current_time
        snapshot = self.state.snapshot()
        facts = [x for x in (actor.role, group.label if group else actor.group) if x]
        degree = 0
        lines: list[str] = []
        if snapshot is not None:
            ties = sorted((t for t in snapshot.ties() if actor_id in (t.a, t.b)), key=lambda t: -t.intensity)
            degree = len(ties)
            if ties:
                lines.append(f"<p><b>Ties on {html.escape(dataset.axis.format(now))}</b></p><ul>")
                for tie in ties:
                    other = tie.b if tie.a == actor_id else tie.a
                    lines.append(
                        f"<li>{self._link(other, dataset.actor(other).name)}: {tension_label(tie.tension)} "
                        f"({tie.tension:+.1f}), intensity {tie.intensity:.2f}</li>"
                    )
                lines.append("</ul>")
        series = self.metrics.centrality() if self.metrics is not None else None
        between = f", betweenness {series.at(now)[1][dataset.actor_index[actor_id]]:.2f}" if series else ""
        aliases = f"<br><small>also: {html.escape(', '.join(actor.aliases))}</small>" if actor.aliases else ""
        self.header.setText(
            f'<h3 style="margin:0">{html.escape(actor.name)}</h3><p style="margin:2px 0">'
            f"{html.escape(' · '.join(facts))}{aliases}<br>{degree} ties now{between}</p>"
        )
        history = [
            (number, event) for number, event in enumerate(dataset.events)
            if event.time <= now and (actor_id in event.participants
                                      or any(actor_id in (i.a, i.b) for i in event.interactions))
        ]
        lines.append(f"<p><b>History to date</b> ({len(history)} events)</p>")
        for number, event in reversed(history[-60:]):
            tones = [f"{html.escape(dataset.actor(i.b if i.a == actor_id else i.a).name)} {i.tone:+g}"
                     for i in event.interactions if actor_id in (i.a, i.b)
                     and (i.b if i.a == actor_id else i.a) in dataset.actor_index]
            lines.append(
                f'<p><a href="event:{number}"><b>{html.escape(dataset.axis.format(event.time, event.date_precision))}'
                f"</b></a> — {html.escape(event.title or event.id)}<br>{html.escape(event.summary)}"
                + (f"<br><small>tone with: {'; '.join(tones)}</small>" if tones else "")
                + f"<br><small><i>{sources_html(dataset, event)}</i></small></p>"
            )
        self.browser.setHtml("".join(lines))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # light or dark chrome: the text colours follow
            self._shown_key = None
            self._refresh_text()

    def _ink(self) -> tuple[str, str]:
        """The browser's text colour and a muted one between it and the background (about 4.5:1 on both
        light and dark chrome: readable, yet visibly set back)."""
        palette = self.browser.palette()
        text, base = palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base)
        muted = QColor.fromRgbF(*(t + 0.45 * (b - t) for t, b in zip(text.getRgbF()[:3], base.getRgbF()[:3],
                                                                           strict=True)))
        return text.name(), muted.name()

    @staticmethod
    def _link(actor_id: str, name: str) -> str:
        return f'<a href="actor:{html.escape(actor_id)}">{html.escape(name)}</a>'
