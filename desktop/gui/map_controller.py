"""Keeps the map in step with the state: snapshot on every date change, layout in the background.

Tie colours and widths follow the date at once (a snapshot is cheap); positions follow when the
layout worker answers, and the map eases into them. A newer date supersedes an unfinished layout.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, Signal

from desktop.core.timeline import Timeline
from desktop.gui.map_view import MapView
from desktop.gui.overlays import CaptionText
from desktop.gui.workers import LatestOnlyWorker
from desktop.map_layout import MapLayout
from desktop.state import ViewerState


def caption_for(timeline: Timeline, t: float) -> CaptionText:
    """Title, date and the latest event at ``t``: what a reader of a still needs to place it."""
    dataset = timeline.dataset
    latest = timeline.last_event_at_or_before(t)
    event = ""
    if latest is not None:
        ev = dataset.events[latest]
        event = f"Latest: {ev.title or ev.id} ({dataset.axis.format(ev.time, ev.date_precision)})"
    return CaptionText(dataset.title, dataset.axis.format(t), event)


class MapController(QObject):
    layout_ready = Signal(float)
    layout_progress = Signal(float)  # emitted from the worker thread; Qt queues it to the GUI thread

    def __init__(self, state: ViewerState, view: MapView, *, synchronous: bool = False) -> None:
        super().__init__(view)
        self.state = state
        self.view = view
        self.map_layout: MapLayout | None = None
        self.worker = LatestOnlyWorker("layout", synchronous=synchronous, parent=self)
        self.worker.finished.connect(self._on_layout_finished)
        self.worker.failed.connect(self._on_layout_failed)
        self._generation = 0
        self._fitted = False
        self._wanted: object = None
        self.layout_progress.connect(self._on_layout_progress)
        state.events.dataset.connect(self._on_dataset_changed)
        state.events.rule.connect(self._on_rule_changed)
        state.events.current_time.connect(self._on_time_changed)
        state.events.pins.connect(self._request_layout)
        state.events.selected_actor.connect(self._on_selection_changed)
        view.actor_clicked.connect(self._on_actor_clicked)
        view.background_clicked.connect(lambda: setattr(state, "selected_actor", None))
        view.actor_moved.connect(self._on_actor_moved)
        if state.dataset is not None:
            self._on_dataset_changed()

    def _on_dataset_changed(self, *_: object) -> None:
        timeline = self.state.timeline
        if timeline is None:
            return
        self._generation += 1
        self._fitted = False
        self.map_layout = MapLayout(timeline)
        self.view.set_dataset(timeline.dataset, self.state.rule.describe(timeline.dataset.axis.unit))
        self._on_time_changed()

    def _on_rule_changed(self, *_: object) -> None:
        timeline = self.state.timeline
        if timeline is None:
            return
        self._generation += 1
        self.map_layout = MapLayout(timeline)
        self.view.set_rule_text(self.state.rule.describe(timeline.dataset.axis.unit))
        self._on_time_changed()

    def _on_time_changed(self, *_: object) -> None:
        timeline = self.state.timeline
        if timeline is None:
            return
        t = self.state.current_time
        self.view.set_caption(caption_for(timeline, t))
        snapshot = timeline.snapshot_at(t)
        if self.view.displayed_positions() is not None:
            self.view.update_ties(snapshot)
        self._request_layout()

    def _request_layout(self, *_: object) -> None:
        layout = self.map_layout
        if layout is None:
            return
        t = self.state.current_time
        pins = dict(self.state.pins)
        tag = (self._generation, t)
        self._wanted = tag

        def progress(fraction: float) -> bool:
            # Runs on the worker thread: announce progress, and give up once a newer date is wanted.
            self.layout_progress.emit(fraction)
            return self._wanted == tag

        self.worker.submit(tag, lambda: layout.positions_at(t, pins, progress))

    def _on_layout_finished(self, tag: object, positions: object) -> None:
        generation, t = tag  # type: ignore[misc]
        timeline = self.state.timeline
        if generation != self._generation or timeline is None:
            return
        assert isinstance(positions, np.ndarray)
        snapshot = timeline.snapshot_at(self.state.current_time)
        self.view.show_frame(snapshot, positions, animate=self._fitted)
        if not self._fitted:
            self._fitted = True
            self.view.zoom_to_fit()
            if self.state.status.startswith("Laying out"):
                self.state.status = ""
        self.layout_ready.emit(t)

    def _on_layout_progress(self, fraction: float) -> None:
        # Only long first layouts are worth reporting; a date step is over before anyone could read it.
        if not self._fitted:
            self.state.status = f"Laying out the map… {fraction:.0%}"

    def _on_layout_failed(self, _tag: object, error: object) -> None:
        from desktop.layout import LayoutCancelled

        if isinstance(error, LayoutCancelled):
            return  # superseded by a newer date: nothing went wrong
        self.state.status = f"Layout failed ({type(error).__name__}: {error}); the map keeps its last positions"

    def _on_actor_clicked(self, actor_id: str) -> None:
        self.state.selected_actor = actor_id

    def _on_selection_changed(self, *_: object) -> None:
        self.view.select(self.state.selected_actor)

    def _on_actor_moved(self, actor_id: str, x: float, y: float) -> None:
        self.state.pins = {**self.state.pins, actor_id: (x, y)}
