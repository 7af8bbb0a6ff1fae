"""The explore dock: events, the selection's details, chapters and "what changed", as tabs.

Selecting an actor or a tie brings its details forward, because that is what the click asked for;
everything else stays where the reader put it.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QWidget

from desktop.gui.details_panel import DetailsPanel
from desktop.gui.event_panel import EventPanel
from desktop.state import ViewerState


class SidePanel(QTabWidget):
    play_span_requested = Signal(float, float)

    def __init__(self, state: ViewerState, parent: QWidget | None = None, *, synchronous: bool = False) -> None:
        super().__init__(parent)
        self.state = state
        self.setDocumentMode(True)
        self.events = EventPanel(state)
        self.details = DetailsPanel(state)
        self.addTab(self.events, "Events")
        self.addTab(self.details, "Details")
        self.setMinimumWidth(320)
        state.events.selected_actor.connect(self._on_selection)
        state.events.selected_tie.connect(self._on_selection)

    def _on_selection(self, value: object) -> None:
        if value is not None:
            self.setCurrentWidget(self.details)
