"""The real window, driven through its widgets, offscreen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.canvas.map_items import EdgeLayer
from desktop.gui.main_window import MainWindow
from tests.images import image_array


@pytest.fixture
def window(make_window: Callable[..., MainWindow], write_dataset: Callable[..., Path]) -> MainWindow:
    return make_window(write_dataset(), at="2013-07-15")


def distinct_colours(image) -> int:
    return len(np.unique(image_array(image).reshape(-1, 3) // 16, axis=0))


def test_opening_a_dataset_draws_the_map(window: MainWindow) -> None:
    state = window.state
    assert state.dataset is not None and state.dataset.title == "Tiny"
    assert window.windowTitle() == "Tiny — Relmap"
    assert window.timeline_bar.date_label.text() == "15 July 2013"
    assert window.map_view.displayed_positions() is not None
    assert len(window.map_view.nodes.data) == 2  # Ann and Bob; Cat appears in August
    assert window.map_view.edges.item_count() == 1
    assert distinct_colours(window.map_view.grab().toImage()) > 8


def test_moving_the_slider_moves_the_state_and_the_map(window: MainWindow, qtbot) -> None:
    slider = window.timeline_bar.slider
    slider.setValue(slider.maximum())
    assert window.state.current_time == window.state.dataset.span[1]
    assert window.timeline_bar.date_label.text() == "1 August 2013"
    qtbot.waitUntil(lambda: not window.map_view.is_animating(), timeout=3000)
    assert len(window.map_view.nodes.data) == 3
    assert "Quarrel" in window.map_view.caption._text.event or "Threat" in window.map_view.caption._text.event


def test_state_changes_move_the_slider_without_echo(window: MainWindow) -> None:
    changes: list[float] = []
    window.state.events.current_time.connect(changes.append)
    window.state.current_time = window.state.dataset.span[0]
    assert window.timeline_bar.slider.value() == 0
    assert len(changes) == 1


def test_playing_advances_the_date(window: MainWindow, qtbot) -> None:
    window.state.current_time = window.state.dataset.span[0]
    start = window.state.current_time
    window.timeline_bar.play_button.click()
    assert window.state.playing
    qtbot.waitUntil(lambda: window.state.current_time > start + 2, timeout=5000)
    window.toggle_playing()
    assert not window.state.playing


def test_next_event_jumps_to_the_next_date(window: MainWindow) -> None:
    window.timeline_bar.next_button.click()
    assert window.timeline_bar.date_label.text() == "1 August 2013"


def test_clicking_an_actor_selects_it_and_shows_its_cited_history(window: MainWindow) -> None:
    window.state.current_time = window.state.dataset.span[1]
    window.map_view.actor_clicked.emit("bob")
    assert window.state.selected_actor == "bob"
    text = window.details.toPlainText()
    assert "Bob" in text and "Quarrel" in text and "Press" in text


def test_a_bad_file_shows_an_error_and_keeps_the_map(window: MainWindow, tmp_path: Path, qtbot) -> None:
    before = window.state.dataset
    bad = tmp_path / "bad.json"
    bad.write_text('{"relmap": 1, "title": "x", "actors": [], "events": [{"id": 1}]}')
    window.open_path(bad)
    box = window.findChild(QMessageBox, "load_error")
    assert box is not None and box.isVisible()
    assert "bad.json" in box.text() and "events[0]" in box.text()
    assert window.state.dataset is before
    box.close()


def test_dragging_a_node_pins_it(window: MainWindow, qtbot) -> None:
    window.map_view.actor_moved.emit("ann", 5.0, 7.0)
    assert window.state.pins == {"ann": (5.0, 7.0)}
    qtbot.waitUntil(lambda: not window.map_view.is_animating(), timeout=3000)
    index = window.state.dataset.actor_index["ann"]
    assert tuple(window.map_view.displayed_positions()[index]) == (5.0, 7.0)


def test_edges_are_batched_not_one_item_each(qtbot) -> None:
    import pyqtgraph as pg

    view = pg.ViewBox()
    layer = EdgeLayer(view)
    rng = np.random.default_rng(1)
    n = 5000
    layer.set_edges(rng.random((n, 2)), rng.random((n, 2)), rng.uniform(-2, 2, n), rng.uniform(0.8, 6, n))
    assert layer.item_count() <= 17 * 6


def test_a_newer_date_cancels_the_layout_in_progress(qtbot, make_window, write_dataset: Callable[..., Path]) -> None:
    from desktop.layout import LayoutCancelled

    win = make_window(synchronous=False, show=False)  # the real background worker
    cancelled: list[object] = []
    win.map_controller.worker.failed.connect(lambda _tag, error: cancelled.append(error))
    win.open_path(write_dataset(), at="2013-07-15")
    qtbot.waitUntil(lambda: win.state.dataset is not None, timeout=10000)
    for day in range(20):  # scrub quickly: stale layouts are dropped or cancelled, never applied late
        win.state.current_time = win.state.dataset.span[0] + day
    qtbot.waitUntil(lambda: win.map_controller.worker.is_idle(), timeout=15000)
    expected = win.map_controller.map_layout.positions_at(win.state.current_time)
    visible = win.state.snapshot().actor_visible

    def settled_on_the_last_date() -> bool:
        shown = win.map_view.displayed_positions()
        return shown is not None and not win.map_view.is_animating() and np.allclose(shown[visible], expected[visible])

    # The worker goes idle before its last answer reaches the GUI thread: wait for the picture itself.
    qtbot.waitUntil(settled_on_the_last_date, timeout=15000)
    assert all(isinstance(error, LayoutCancelled) for error in cancelled)


def test_find_puts_the_cursor_in_the_search_box(window: MainWindow, qtbot) -> None:
    window.activateWindow()
    window.focus_search()
    qtbot.waitUntil(lambda: window.filter_bar.search.hasFocus(), timeout=2000)
    shortcuts = {a.text(): a.shortcut().toString() for a in window.actions()}
    assert shortcuts["&Find an actor…"] == "Ctrl+F"


def test_the_export_dialog_starts_in_the_last_export_folder(window: MainWindow, tmp_path: Path) -> None:
    window.choose_export()
    window.export_dialog.exported.emit(str(tmp_path / "first.png"))
    window.export_dialog.close()
    window.choose_export()
    assert Path(window.export_dialog.path.text()).parent == tmp_path
    window.export_dialog.close()


def test_an_at_that_does_not_fit_the_file_opens_on_its_busiest_moment(
    make_window: Callable[..., MainWindow], write_dataset: Callable[..., Path]
) -> None:
    from tests.conftest import tiny_document

    document = tiny_document()
    document["time"] = {"kind": "number", "unit": "step"}
    for step, event in enumerate(document["events"]):
        event["date"] = step
        event.pop("date_precision", None)
    win = make_window(write_dataset(document), at="2013-07-01")  # a date, for a file counted in steps
    assert win.state.dataset is not None
    assert win.state.current_time == win.state.timeline.busiest_time()
    assert "--at ignored" in win.statusBar().currentMessage()


def test_closing_the_window_stops_every_background_worker(qtbot, make_window,
                                                          write_dataset: Callable[..., Path]) -> None:
    from desktop.gui.workers import LatestOnlyWorker

    win = make_window(synchronous=False)  # real background workers
    win.open_path(write_dataset(), at="2013-07-15")
    qtbot.waitUntil(lambda: win.state.dataset is not None, timeout=10000)
    workers = win.findChildren(LatestOnlyWorker)
    assert len(workers) >= 4  # loader, layout, metrics, changes (+ the chart's)
    win.close()
    assert all(worker.is_idle() for worker in workers)
    workers[0].submit("late", lambda: 1)  # after closing, new work is refused quietly
    assert workers[0].is_idle()
