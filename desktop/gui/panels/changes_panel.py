"""What changed between two dates: the ranked lists of :func:`desktop.core.changes.compare`.

The same ranking ``relmap changes`` prints. Comparing also highlights the named ties and actors on
the map (through ``state.comparison``) until the comparison is cleared.
"""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QDate, QUrl
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from desktop.core.changes import Changes, TieChange
from desktop.core.model import Dataset
from desktop.gui.metrics_service import MetricsService
from desktop.viewer.state import ViewerState


def _tie_line(dataset: Dataset, change: TieChange, what: str) -> str:
    def value(v: float | None, fmt: str) -> str:
        return "—" if v is None else format(v, fmt)

    detail = {
        "soured": f"tension {value(change.tension_before, '+.2f')} → {value(change.tension_after, '+.2f')}",
        "warmed": f"tension {value(change.tension_before, '+.2f')} → {value(change.tension_after, '+.2f')}",
        "appeared": f"tension {value(change.tension_after, '+.2f')}, intensity {value(change.intensity_after, '.2f')}",
        "broke": f"was tension {value(change.tension_before, '+.2f')}, "
                 f"intensity {value(change.intensity_before, '.2f')}",
    }[what]
    return (f'<li><a href="tie:{html.escape(change.a)}|{html.escape(change.b)}">{html.escape(change.a_name)} — '
            f"{html.escape(change.b_name)}</a><br><small>{detail}</small></li>")


def changes_html(dataset: Dataset, changes: Changes) -> str:
    axis = dataset.axis
    parts = [f"<p><b>{html.escape(axis.format(changes.start))} → {html.escape(axis.format(changes.end))}</b></p>"]
    titles = (("soured", "Soured most"), ("warmed", "Warmed most"), ("appeared", "New ties"), ("broke", "Ties gone"))
    for what, title in titles:
        items = getattr(changes, what)
        parts.append(f"<p><b>{title}</b> ({len(items)})</p>")
        parts.append("<ol>" + "".join(_tie_line(dataset, c, what) for c in items) + "</ol>" if items
                     else "<p><i>none</i></p>")
    parts.append("<p><b>Moved most in betweenness</b></p><ol>")
    for actor in changes.actors:
        parts.append(f'<li><a href="actor:{html.escape(actor.id)}">{html.escape(actor.name)}</a> '
                     f"<small>{actor.centrality_before:.2f} → {actor.centrality_after:.2f} "
                     f"({actor.centrality_change:+.2f}); ties {actor.degree_before} → "
                     f"{actor.degree_after}</small></li>")
    parts.append("</ol>")
    return "".join(parts)


def _qdate(dataset: Dataset, instant: float) -> QDate:
    day = dataset.axis.to_date(instant) or dt.date.today()
    return QDate(day.year, day.month, day.day)


class ChangesPanel(QWidget):
    def __init__(self, state: ViewerState, metrics: MetricsService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.metrics = metrics
        self.start = QDateEdit(calendarPopup=True, displayFormat="d MMM yyyy")
        self.end = QDateEdit(calendarPopup=True, displayFormat="d MMM yyyy")
        self.compare_button = QPushButton("Compare")
        self.clear_button = QPushButton("Clear")
        self.browser = QTextBrowser(openLinks=False)
        self.browser.anchorClicked.connect(self._on_link)
        row = QHBoxLayout()
        for widget in (QLabel("From"), self.start, QLabel("to"), self.end):
            row.addWidget(widget)
        buttons = QHBoxLayout()
        buttons.addWidget(self.compare_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(6, 6, 6, 6)
        column.addLayout(row)
        column.addLayout(buttons)
        column.addWidget(self.browser, 1)
        self.compare_button.clicked.connect(self._on_compare_clicked)
        self.clear_button.clicked.connect(lambda: setattr(state, "comparison", None))
        state.events.dataset.connect(self._on_dataset_changed)
        state.events.comparison.connect(self._refresh)
        metrics.changes_ready.connect(self._refresh)
        self._on_dataset_changed()

    def _on_dataset_changed(self, *_: object) -> None:
        dataset = self.state.dataset
        if dataset is not None and dataset.axis.is_date:
            start, end = dataset.span
            for edit in (self.start, self.end):
                edit.setDateRange(_qdate(dataset, start), _qdate(dataset, end))
            self.start.setDate(_qdate(dataset, start))
            self.end.setDate(_qdate(dataset, end))
        self._refresh()

    def compare(self, start: float, end: float) -> None:
        """Compare two instants: fills the dates, ranks, and highlights on the map."""
        dataset = self.state.dataset
        if dataset is not None and dataset.axis.is_date:
            self.start.setDate(_qdate(dataset, start))
            self.end.setDate(_qdate(dataset, end))
        self.state.selected_actor = None
        self.state.selected_tie = None
        self.state.comparison = (float(start), float(end))

    def _on_compare_clicked(self) -> None:
        start, end = self.start.date().toPython(), self.end.date().toPython()
        self.compare(float(start.toordinal()), float(end.toordinal()))

    def current(self) -> Changes | None:
        span = self.state.comparison
        return self.metrics.changes(*span) if span is not None else None

    def _refresh(self, *_: object) -> None:
        dataset = self.state.dataset
        if dataset is None or self.state.comparison is None:
            self.browser.setHtml("<p><i>Pick two dates (or a chapter) and press Compare: the ties that soured or "
                                 "warmed most, appeared or broke, and who moved most central.</i></p>")
            return
        changes = self.current()
        self.browser.setHtml(changes_html(dataset, changes) if changes is not None else "<p>Comparing…</p>")

    def _on_link(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("tie:"):
            a, b = text.removeprefix("tie:").split("|", 1)
            self.state.selected_actor = None
            self.state.selected_tie = (a, b)
        elif text.startswith("actor:"):
            self.state.selected_tie = None
            self.state.selected_actor = text.removeprefix("actor:")
