"""What changed between two dates: the ranked lists of :func:`desktop.core.changes.compare`.

The same ranking ``relmap changes`` prints. Comparing also highlights the named ties and actors on
the map (through ``state.comparison``) until the comparison is cleared.
"""

from __future__ import annotations

import datetime as dt
import html
from urllib.parse import quote, unquote

from PySide6.QtCore import QDate, QUrl
from PySide6.QtWidgets import (
    QDateEdit,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

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
    return (f'<li><a href="{tie_link(change.a, change.b)}">{html.escape(change.a_name)} — '
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
        parts.append(f'<li><a href="actor:{quote(actor.id, safe="")}">{html.escape(actor.name)}</a> '
                     f"<small>{actor.centrality_before:.2f} → {actor.centrality_after:.2f} "
                     f"({actor.centrality_change:+.2f}); ties {actor.degree_before} → "
                     f"{actor.degree_after}</small></li>")
    parts.append("</ol>")
    return "".join(parts)


def tie_link(a: str, b: str) -> str:
    """A link naming a pair: each id percent-encoded whole, so no character of an id can split it."""
    return f"tie:{quote(a, safe='')}/{quote(b, safe='')}"


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
        # Files whose time is steps or numbers compare two steps instead of two dates.
        self.start_step = QDoubleSpinBox(decimals=0, maximum=1e12, minimum=-1e12)
        self.end_step = QDoubleSpinBox(decimals=0, maximum=1e12, minimum=-1e12)
        row = QHBoxLayout()
        for widget in (QLabel("From"), self.start, self.start_step, QLabel("to"), self.end, self.end_step):
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
        """The new file's span, in its own terms (dates, or steps): nothing of the old file stays."""
        dataset = self.state.dataset
        dates = dataset is None or dataset.axis.is_date
        for edit in (self.start, self.end):
            edit.setVisible(dates)
        for box in (self.start_step, self.end_step):
            box.setVisible(not dates)
        if dataset is None:
            return self._refresh()
        start, end = dataset.span
        if dates:
            for edit in (self.start, self.end):
                edit.setDateRange(_qdate(dataset, start), _qdate(dataset, end))
            self.start.setDate(_qdate(dataset, start))
            self.end.setDate(_qdate(dataset, end))
        else:
            whole = all(float(t).is_integer() for t in (start, end))
            for box in (self.start_step, self.end_step):
                box.setDecimals(0 if whole else 2)
                box.setRange(start, end)
                box.setPrefix(f"{dataset.axis.unit} " if dataset.axis.unit else "")
            self.start_step.setValue(start)
            self.end_step.setValue(end)
        has_time = not dataset.is_static
        self.compare_button.setEnabled(has_time)
        self._refresh()

    def compare(self, start: float, end: float) -> None:
        """Compare two instants: fills the dates, ranks, and highlights on the map."""
        dataset = self.state.dataset
        if dataset is not None and dataset.axis.is_date:
            self.start.setDate(_qdate(dataset, start))
            self.end.setDate(_qdate(dataset, end))
        elif dataset is not None:
            self.start_step.setValue(start)
            self.end_step.setValue(end)
        self.state.selected_actor = None
        self.state.selected_tie = None
        self.state.comparison = (float(start), float(end))
        # Show the map at the later date: the ties that appeared are on screen there, not at the earlier one.
        self.state.current_time = self.state.clamp(float(max(start, end)))

    def _on_compare_clicked(self) -> None:
        dataset = self.state.dataset
        if dataset is not None and not dataset.axis.is_date:
            self.compare(self.start_step.value(), self.end_step.value())
            return
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
        scheme, path = url.scheme(), url.path(QUrl.ComponentFormattingOption.FullyEncoded)
        if scheme == "tie" and path.count("/") == 1:
            a, b = (unquote(part) for part in path.split("/"))
            self.state.selected_actor = None
            self.state.selected_tie = (a, b)
        elif scheme == "actor":
            self.state.selected_tie = None
            self.state.selected_actor = unquote(path)
