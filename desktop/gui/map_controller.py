"""Keeps the map in step with the state: one date change makes one frame.

On a new date (or tie filter, rule, dataset or pins) the controller builds the frame once, on the GUI
thread (:func:`desktop.viewer.frame.map_frame`: ties, caption, emphasis, sizes, the same function the
exports draw through); the layout worker computes positions only, from that frame's snapshot; then
the map gets ``show(frame, positions)``, one apply and one paint, easing from what is on screen. The
worker drops stale answers (a newer date supersedes an unfinished layout). A new selection, comparison
or sizing at the same date restyles the frame and repaints it where it stands. Filters narrow what is
drawn, never what is laid out.
"""

from __future__ import annotations

import html

import numpy as np
from PySide6.QtCore import QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import QMenu

from desktop.canvas.gui_gc import settle
from desktop.canvas.map_view import MapView
from desktop.core.palette import tension_label
from desktop.core.timeline import Snapshot
from desktop.gui.map_first import when_map_drawn
from desktop.gui.metrics_service import MetricsService
from desktop.gui.workers import LatestOnlyWorker
from desktop.layout.timeline_layout import MapLayout
from desktop.viewer.frame import FrameInputs, MapFrame, caption_for, map_frame, restyled, rule_text, size_text
from desktop.viewer.state import ViewerState

__all__ = ["MapController", "caption_for"]

LayoutTag = tuple[int, float, tuple[tuple[str, tuple[float, float]], ...]]


def frame_inputs(state: ViewerState, metrics: MetricsService | None) -> FrameInputs:
    """The state's selection, comparison, filter and sizing, with what ``metrics`` has computed of the
    comparison ranking and the centrality series (None while computing: asked for, then announced)."""
    span = state.comparison
    return FrameInputs(
        tie_filter=state.tie_filter, selected_actor=state.selected_actor, selected_tie=state.selected_tie,
        changes=metrics.changes(*span) if metrics is not None and span is not None else None,
        size_by=state.size_by,
        centrality=metrics.centrality() if metrics is not None and state.size_by == "centrality" else None,
    )


class MapController(QObject):
    layout_ready = Signal(float)
    layout_progress = Signal(float)  # emitted from the worker thread; Qt queues it to the GUI thread

    def __init__(self, state: ViewerState, view: MapView, *, synchronous: bool = False,
                 metrics: MetricsService | None = None) -> None:
        super().__init__(view)
        self.state = state
        self.view = view
        self.metrics = metrics or MetricsService(state, synchronous=synchronous, parent=self)
        self.map_layout: MapLayout | None = None
        self.use_file_layout = False
        self.worker = LatestOnlyWorker("layout", synchronous=synchronous, only_latest=True, parent=self)
        self.worker.finished.connect(self._on_positions)
        self.worker.failed.connect(self._on_layout_failed)
        self._generation = 0
        self._fitted = False
        self._frame: MapFrame | None = None  # what the map shows, or is about to once its positions come
        self._waiting: LayoutTag | None = None  # the layout asked for and not answered yet
        self.layout_progress.connect(self._on_layout_progress)
        self.menu: QMenu | None = None
        state.events.dataset.connect(self._on_dataset_changed)
        state.events.rule.connect(self._on_rule_changed)
        state.events.current_time.connect(self._on_time_changed)
        state.events.tie_filter.connect(self._on_time_changed)
        state.events.pins.connect(self._mark_pins)  # first: the paint the new positions bring shows the rings
        state.events.pins.connect(self._request_positions)
        state.events.selected_actor.connect(self._restyle)
        state.events.selected_tie.connect(self._restyle)
        state.events.comparison.connect(self._restyle)
        state.events.size_by.connect(self._restyle)
        state.events.size_by.connect(self._describe_sizes)
        self.metrics.centrality_ready.connect(self._restyle)
        self.metrics.changes_ready.connect(self._restyle)
        view.actor_clicked.connect(self._on_actor_clicked)
        view.tie_clicked.connect(self._on_tie_clicked)
        view.background_clicked.connect(self._on_background_clicked)
        view.actor_moved.connect(self._on_actor_moved)
        view.actor_menu_requested.connect(self.show_actor_menu)
        view.tie_tooltip = self.tie_tooltip
        if state.dataset is not None:
            self._on_dataset_changed()

    def snapshot(self) -> Snapshot | None:
        """The filtered snapshot of the current date: what the map draws."""
        frame = self.frame()
        return None if frame is None else frame.snapshot

    def is_idle(self) -> bool:
        """Whether the frame of the current date is on screen (no positions are on their way)."""
        return self._waiting is None

    def frame(self) -> MapFrame | None:
        """What the map shows now (snapshot, caption, emphasis, sizes), built once per date."""
        return self._frame

    def frame_inputs(self) -> FrameInputs:
        """The state's selection, comparison, filter and sizing, with the metrics they need, as one object."""
        return frame_inputs(self.state, self.metrics)

    def _on_dataset_changed(self, *_: object) -> None:
        timeline = self.state.timeline
        if timeline is None:
            return
        self._generation += 1
        self._fitted = False
        from desktop.layout.file_layout import has_full_layout

        self.use_file_layout = has_full_layout(timeline.dataset)
        self.map_layout = MapLayout(timeline, use_file_layout=self.use_file_layout)
        self.view.set_dataset(timeline.dataset, rule_text(self.state.rule, timeline.dataset),
                              own_colours=self.use_file_layout)
        self._describe_sizes()
        self._mark_pins()
        self._on_time_changed()
        # Once every view has let go of the old dataset: collect, and keep the new one out of the
        # collections that run during playback (they walked all of it, 200 ms a time at 20,000 actors).
        # After the map's first paint of it (desktop/gui/map_first.py): a full collection is no part of it.
        when_map_drawn(self.view, lambda: QTimer.singleShot(0, settle))

    def _describe_sizes(self, *_: object) -> None:
        self.view.set_size_text(size_text(self.state.size_by))

    def _mark_pins(self, *_: object) -> None:
        self.view.set_pinned(list(self.state.pins))

    def set_use_file_layout(self, on: bool) -> None:
        """View → Use the file's layout and colours: the picture the file was saved with, or Relmap's own."""
        timeline = self.state.timeline
        if timeline is None or on == self.use_file_layout:
            return
        self.use_file_layout = on
        self._generation += 1
        self._fitted = False
        self.map_layout = MapLayout(timeline, use_file_layout=on)
        self.view.set_dataset(timeline.dataset, rule_text(self.state.rule, timeline.dataset),
                              own_colours=on)
        self._on_time_changed()

    def _on_rule_changed(self, *_: object) -> None:
        timeline = self.state.timeline
        if timeline is None:
            return
        self._generation += 1
        # The whole-span layout every date is anchored to does not depend on the rule: keep it.
        base = self.map_layout.base if self.map_layout is not None else None
        self.map_layout = MapLayout(timeline, base=base, use_file_layout=self.use_file_layout)
        self.view.set_rule_text(rule_text(self.state.rule, timeline.dataset))
        self._on_time_changed()

    def _on_time_changed(self, *_: object) -> None:
        """A new date (or filter): build its frame once, then ask for its positions."""
        timeline = self.state.timeline
        if timeline is None:
            return
        self._frame = frame = map_frame(timeline, self.state.current_time, self.frame_inputs())
        rule = self.state.tie_filter
        hidden = rule.is_active and not len(frame.snapshot.pair) and len(frame.laid_out.pair)
        # A filter that hides every tie says so on the map, rather than leaving it blank.
        self.view.set_notice(f"No ties match the filter ({rule.describe()}) on this date" if hidden else "")
        self._request_positions()

    def _request_positions(self, *_: object) -> None:
        layout, frame = self.map_layout, self._frame
        if layout is None or frame is None:
            return
        t, laid_out = frame.time, frame.laid_out
        pins = dict(self.state.pins)
        tag: LayoutTag = (self._generation, t, tuple(sorted(pins.items())))
        self._waiting = tag
        worker = self.worker

        def progress(fraction: float) -> bool:
            # Runs on the worker thread: announce progress, and give up once a newer date or pin is wanted.
            self.layout_progress.emit(fraction)
            return worker.is_current(tag)

        worker.submit(tag, lambda: layout.positions_at(t, pins, progress, snapshot=laid_out))

    def _on_positions(self, _tag: object, positions: object) -> None:
        """The positions of the frame asked for last (the worker signals no stale answer): one paint."""
        frame = self._frame
        self._waiting = None
        if frame is None:
            return
        assert isinstance(positions, np.ndarray)
        if positions.shape != (len(frame.snapshot.actor_visible), 2):
            return  # computed for another dataset's actors: drawing it would index past the new arrays
        self.view.show(frame, positions, animate=self._fitted)
        if not self._fitted:
            self._fitted = True
            self.view.zoom_to_fit()
            if self.state.status.startswith("Laying out"):
                self.state.status = ""
        self.layout_ready.emit(frame.time)

    def _on_layout_progress(self, fraction: float) -> None:
        # Only long first layouts are worth reporting; a date step is over before anyone could read it.
        if not self._fitted:
            self.state.status = f"Laying out the map… {fraction:.0%}"

    def _on_layout_failed(self, _tag: object, error: object) -> None:
        from desktop.layout import LayoutCancelled

        self._waiting = None
        if isinstance(error, LayoutCancelled):
            return  # superseded by a newer request: nothing went wrong
        self.state.status = f"Layout failed ({type(error).__name__}: {error}); the map keeps its last positions"

    # -- emphasis and size -----------------------------------------------------------------------

    def _restyle(self, *_: object) -> None:
        """A new selection, comparison or sizing at the same date: the same ties, restyled in place.

        While positions are on their way the new style rides with them (one paint when they come).
        """
        timeline, frame = self.state.timeline, self._frame
        if timeline is None or frame is None:
            return
        self._frame = frame = restyled(frame, timeline, self.frame_inputs())
        if self._waiting is None and self.view.has_frame():
            self.view.show(frame)

    def tie_tooltip(self, pair: int) -> str:
        """Pair, tension, intensity and the last interaction: the hover answer to "what is this line?"."""
        timeline = self.state.timeline
        if timeline is None or not 0 <= pair < len(timeline.pairs):
            return ""
        dataset = timeline.dataset
        i, j = (int(v) for v in timeline.pairs[pair])
        a, b = dataset.actors[i], dataset.actors[j]
        tie = timeline.snapshot_at(self.state.current_time).tie(a.id, b.id)
        lines = [f"<b>{html.escape(a.name)} — {html.escape(b.name)}</b>"]
        if tie is not None:
            lines.append(f"{tension_label(tie.tension)} (tension {tie.tension:+.2f}), intensity {tie.intensity:.2f}")
        history = timeline.interactions_between(a.id, b.id, until=self.state.current_time)
        if history:
            event, interaction = history[-1]
            lines.append(f"Last: {html.escape(dataset.axis.format(event.time, event.date_precision))} — "
                         f"{html.escape(event.title or event.id)} (tone {interaction.tone:+g})")
        lines.append("<i>Click for the events behind this tie</i>")
        return "<br>".join(lines)

    # -- clicks ----------------------------------------------------------------------------------

    def _on_actor_clicked(self, actor_id: str) -> None:
        self.state.selected_tie = None
        self.state.selected_actor = actor_id

    def _on_tie_clicked(self, pair: int) -> None:
        timeline = self.state.timeline
        if timeline is None or not 0 <= pair < len(timeline.pairs):
            return
        i, j = (int(v) for v in timeline.pairs[pair])
        self.state.selected_actor = None
        self.state.selected_tie = (timeline.actor_ids[i], timeline.actor_ids[j])

    def _on_background_clicked(self) -> None:
        self.state.selected_actor = None
        self.state.selected_tie = None

    def _on_actor_moved(self, actor_id: str, x: float, y: float) -> None:
        self.state.pins = {**self.state.pins, actor_id: (x, y)}

    def unpin(self, actor_id: str | None = None) -> None:
        """Release one actor (or, with None, everyone) back to the layout."""
        if actor_id is None:
            self.state.pins = {}
        elif actor_id in self.state.pins:
            self.state.pins = {k: v for k, v in self.state.pins.items() if k != actor_id}

    def show_actor_menu(self, actor_id: str, where: QPoint) -> QMenu:
        """The node's menu: select, unpin, unpin all. Returned (and kept) so tests can trigger it."""
        dataset = self.state.dataset
        name = dataset.actor(actor_id).name if dataset and actor_id in dataset.actor_index else actor_id
        menu = QMenu(self.view)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # one menu per right-click: freed once closed
        menu.addAction(f"Select {name}", lambda: self._on_actor_clicked(actor_id))
        unpin = menu.addAction(f"Unpin {name}", lambda: self.unpin(actor_id))
        unpin.setEnabled(actor_id in self.state.pins)
        unpin_all = menu.addAction("Unpin everyone", lambda: self.unpin(None))
        unpin_all.setEnabled(bool(self.state.pins))
        self.menu = menu
        menu.popup(where)
        return menu
