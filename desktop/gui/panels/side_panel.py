"""The explore dock: events, the selection's details, chapters and "what changed", as tabs.

Selecting an actor or a tie brings its details forward, and a comparison brings the ranking
forward, because that is what the click asked for; otherwise the tabs stay where the reader put them.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QWidget

from desktop.gui.metrics_service import MetricsService
from desktop.gui.panels.changes_panel import ChangesPanel
from desktop.gui.panels.chapters_panel import ChaptersPanel
from desktop.gui.panels.details_panel import DetailsPanel
from desktop.gui.panels.event_panel import EventPanel
from desktop.viewer.state import ViewerState


class SidePanel(QTabWidget):
    play_span_requested = Signal(float, float)

    def __init__(self, state: ViewerState, metrics: MetricsService | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.metrics = metrics or MetricsService(state, parent=self)
        self.setDocumentMode(True)
        self.events = EventPanel(state)
        self.details = DetailsPanel(state, self.metrics)
        self.chapters = ChaptersPanel(state)
        self.changes = ChangesPanel(state, self.metrics)
        self.addTab(self.events, "Events")
        self.addTab(self.details, "Details")
        self.addTab(self.chapters, "Chapters")
        self.addTab(self.changes, "What changed")
        self.setMinimumWidth(340)
        self.chapters.play_span_requested.connect(self.play_span_requested)
        self.chapters.compare_requested.connect(self.changes.compare)
        state.events.selected_actor.connect(self._on_selection)
        state.events.selected_tie.connect(self._on_selection)
        state.events.comparison.connect(self._on_comparison)

    def _on_selection(self, value: object) -> None:
        if value is not None:
            self.setCurrentWidget(self.details)

    def _on_comparison(self, value: object) -> None:
        if value is not None:
            self.setCurrentWidget(self.changes)
