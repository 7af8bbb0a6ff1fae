"""One date change makes one frame: the controller, the view and the layout, synchronously, without a window."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest

from desktop.canvas.map_view import MapView
from desktop.core.timeline import Snapshot
from desktop.gui.map_controller import MapController
from desktop.io.registry import load
from desktop.viewer.state import ViewerState


class Counts:
    def __init__(self) -> None:
        self.paints = 0
        self.snapshots: list[float] = []
        self.layouts: list[object] = []


@pytest.fixture
def rig(qtbot, write_dataset: Callable[..., Path]) -> Iterator[tuple[ViewerState, MapView, MapController, Counts]]:
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    state = ViewerState()
    host = QWidget()  # closing a pyqtgraph view directly tears its scene down under Qt: close its parent
    qtbot.addWidget(host)
    view = MapView()
    QVBoxLayout(host).addWidget(view)
    host.resize(900, 600)
    host.show()
    controller = MapController(state, view, synchronous=True)
    counts = Counts()
    view.painted.connect(lambda: setattr(counts, "paints", counts.paints + 1))
    submit = controller.worker.submit

    def counted_submit(tag: object, job: Callable[[], object]) -> None:
        counts.layouts.append(tag)
        submit(tag, job)

    controller.worker.submit = counted_submit
    dataset = load(write_dataset()).dataset
    state.open_dataset(dataset, at=dataset.axis.to_instant("2013-07-15"))
    timeline = state.timeline
    assert timeline is not None
    snapshot_at = timeline.snapshot_at

    def counted_snapshot(when: float) -> Snapshot:
        counts.snapshots.append(float(when))
        return snapshot_at(when)

    timeline.snapshot_at = counted_snapshot
    yield state, view, controller, counts
    controller.worker.shutdown()


def test_one_date_change_computes_one_snapshot_one_layout_and_paints_once(rig) -> None:
    state, view, controller, counts = rig
    counts.paints, counts.snapshots, counts.layouts = 0, [], []
    t = state.dataset.axis.to_instant("2013-08-10")
    state.current_time = t
    assert counts.snapshots == [t]  # the controller's frame; the worker lays out from the same snapshot
    assert len(counts.layouts) == 1
    assert counts.paints == 1  # the ties and the positions of the new date arrive in one paint, not two
    frame = controller.frame()
    assert frame is not None and frame.time == t and controller.snapshot() is frame.snapshot
    assert view.caption._text.date == "10 August 2013"


def test_the_map_draws_the_frame_it_was_given(rig, qtbot) -> None:
    state, view, controller, _ = rig
    state.current_time = state.dataset.axis.to_instant("2013-08-10")
    qtbot.waitUntil(lambda: not view.is_animating(), timeout=5_000)
    frame = controller.frame()
    start, end, pair = view.drawn_ties()
    assert set(pair.tolist()) == set(frame.snapshot.pair[frame.snapshot.intensity > 1e-3].tolist())
    positions = view.displayed_positions()
    assert positions is not None
    index = state.dataset.actor_index
    ann, bob = positions[index["ann"]], positions[index["bob"]]
    k = int(np.flatnonzero(pair == frame.snapshot.pair[0])[0])
    assert {tuple(start[k]), tuple(end[k])} >= {tuple(ann)} or {tuple(start[k]), tuple(end[k])} >= {tuple(bob)}


def test_a_selection_restyles_in_one_paint_without_a_snapshot_or_a_layout(rig) -> None:
    state, view, controller, counts = rig
    counts.paints, counts.snapshots, counts.layouts = 0, [], []
    before = controller.frame()
    state.selected_actor = "ann"
    assert counts.snapshots == [] and counts.layouts == []
    assert counts.paints == 1
    frame = controller.frame()
    assert frame is not None and frame.snapshot is before.snapshot and frame.selected == "ann"
    assert view.emphasis is frame.emphasis and view.emphasis.focus is not None


def test_pins_ask_for_positions_only(rig) -> None:
    state, view, controller, counts = rig
    counts.paints, counts.snapshots, counts.layouts = 0, [], []
    frame = controller.frame()
    state.pins = {"ann": (3.0, 4.0)}
    assert counts.snapshots == [] and len(counts.layouts) == 1 and counts.paints == 1
    assert controller.frame() is frame
    positions = view.displayed_positions()
    assert positions is not None  # easing towards the pin; the target holds it exactly
    assert np.allclose(view._to.positions[state.dataset.actor_index["ann"]], (3.0, 4.0))


def test_a_tie_filter_is_a_new_frame_of_the_same_date(rig) -> None:
    from desktop.core.filters import TieFilter

    state, _view, controller, counts = rig
    state.current_time = state.dataset.axis.to_instant("2013-08-20")
    counts.paints, counts.snapshots, counts.layouts = 0, [], []
    state.tie_filter = TieFilter(sign="warm")
    assert len(counts.snapshots) == 1 and len(counts.layouts) == 1 and counts.paints == 1
    frame = controller.frame()
    assert frame is not None and len(frame.snapshot.pair) < len(frame.laid_out.pair)


def test_a_key_on_the_real_slider_changes_the_date_and_paints_the_map_once(
        qtbot, make_window, write_dataset: Callable[..., Path]) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    window = make_window(write_dataset(), at="2013-07-15")
    qtbot.waitUntil(lambda: window.map_view.has_frame() and not window.map_view.is_animating(), timeout=10_000)
    paints: list[float] = []
    window.map_view.painted.connect(lambda: paints.append(window.state.current_time))
    before = window.state.current_time
    slider = window.timeline_bar.slider
    QTest.keyClick(slider, Qt.Key.Key_End)  # real input on the real widget, applied at once
    assert window.state.current_time != before
    assert paints == [window.state.current_time]  # one paint for the new date, not ties first then positions
    assert window.map_view.caption._text.date == window.timeline_bar.date_label.text()
