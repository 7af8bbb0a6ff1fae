"""Centrality over time and "what changed", computed once per timeline in a worker and shared.

The map (size by centrality), the actor panel (charts) and the comparison panel all ask for the same
numbers; computing them here once keeps the GUI thread free and the three views in agreement.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QObject, Signal

from desktop.core.changes import Changes, compare
from desktop.core.metrics import CentralitySeries, centrality_series
from desktop.core.timeline import Timeline
from desktop.gui.workers import LatestOnlyWorker
from desktop.viewer.state import ViewerState


class MetricsService(QObject):
    centrality_ready = Signal()
    changes_ready = Signal()

    def __init__(self, state: ViewerState, *, synchronous: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self._centrality: tuple[Timeline, CentralitySeries] | None = None
        # Keyed by the Timeline object itself (held), not its id(): an id can be reused once a timeline is freed.
        self._changes: OrderedDict[tuple[Timeline, float, float], Changes] = OrderedDict()
        self._changes_asked: set[tuple[Timeline, float, float]] = set()
        self._worker = LatestOnlyWorker("metrics", synchronous=synchronous, parent=self)
        self._worker.finished.connect(self._on_finished)
        self._worker.failed.connect(self._on_failed)
        self._changes_worker = LatestOnlyWorker("changes", synchronous=synchronous, parent=self)
        self._changes_worker.finished.connect(self._on_changes)
        self._changes_worker.failed.connect(self._on_changes_failed)
        self._asked: Timeline | None = None

    def centrality(self) -> CentralitySeries | None:
        """The series for the current timeline, or None while it is being computed (then asked for)."""
        timeline = self.state.timeline
        if timeline is None:
            return None
        if self._centrality is not None and self._centrality[0] is timeline:
            return self._centrality[1]
        if self._asked is not timeline:
            self._asked = timeline
            self._worker.submit(timeline, lambda: centrality_series(timeline))
            if self._centrality is not None and self._centrality[0] is timeline:  # computed inline (synchronous)
                return self._centrality[1]
        return None

    def _on_finished(self, timeline: object, series: object) -> None:
        if isinstance(timeline, Timeline) and isinstance(series, CentralitySeries):
            self._centrality = (timeline, series)
            if timeline is self.state.timeline:
                self.centrality_ready.emit()

    def changes(self, start: float, end: float) -> Changes | None:
        """The ranking for the current timeline between two instants, or None while computing."""
        timeline = self.state.timeline
        if timeline is None:
            return None
        key = (timeline, float(start), float(end))
        if key in self._changes:
            return self._changes[key]
        if key not in self._changes_asked:  # several views ask for the same comparison: compute it once
            self._changes_asked.add(key)
            self._changes_worker.submit((timeline, key), lambda: compare(timeline, start, end, top=15))
        return self._changes.get(key)

    def _on_failed(self, timeline: object, error: object) -> None:
        if self._asked is timeline:
            self._asked = None  # let a later request try again
        self.state.status = f"Could not compute centrality over time ({type(error).__name__}: {error})"

    def _on_changes_failed(self, tag: object, error: object) -> None:
        _timeline, key = tag  # type: ignore[misc]
        self._changes_asked.discard(key)
        self.state.status = f"Could not compare the two dates ({type(error).__name__}: {error})"

    def _on_changes(self, tag: object, result: object) -> None:
        timeline, key = tag  # type: ignore[misc]
        self._changes_asked.discard(key)
        if isinstance(result, Changes):
            self._changes[key] = result
            while len(self._changes) > 32:
                self._changes.popitem(last=False)
            if timeline is self.state.timeline:
                self.changes_ready.emit()
