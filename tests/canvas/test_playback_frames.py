"""Per-frame work during playback: names placed afresh only when what decides them changes, and no
easing step drawn while the last one is still waiting to be painted."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from desktop.canvas import map_view as map_view_module
from desktop.canvas import painter as painter_module
from desktop.canvas.map_view import MapView
from desktop.core.model import Actor, Dataset
from desktop.core.timeline import Snapshot
from desktop.viewer.focus import Emphasis
from desktop.viewer.frame import CaptionText, MapFrame

_VIEWS: list[MapView] = []


@pytest.fixture(autouse=True)
def _views():
    """Views are hidden and deleted later, not closed: pyqtgraph's close() can crash a live scene."""
    yield
    while _VIEWS:
        view = _VIEWS.pop()
        view.hide()
        view.deleteLater()


def _crowd(n: int, seed: int = 5) -> tuple[MapView, Snapshot, np.ndarray]:
    rng = np.random.default_rng(seed)
    positions = rng.uniform(-1, 1, (n, 2))
    pairs = np.column_stack([np.arange(0, n - 1, 2), np.arange(1, n, 2)])
    actors = tuple(Actor(f"a{i}", f"Actor {i}") for i in range(n))
    snapshot = Snapshot(
        time=0.0, actor_ids=tuple(a.id for a in actors), actor_visible=np.ones(n, bool),
        pair=np.arange(len(pairs)), source=pairs[:, 0], target=pairs[:, 1], tension=np.zeros(len(pairs)),
        intensity=np.full(len(pairs), 4.0),
    )
    view = MapView()
    _VIEWS.append(view)
    view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    view.resize(700, 500)
    view.show()
    view.set_dataset(Dataset(title="t", actors=actors, events=()), "")
    view.show_frame(snapshot, positions, animate=False)
    view.viewbox.setRange(xRange=(-1.2, 1.2), yRange=(-1.2, 1.2), padding=0)
    return view, snapshot, positions


def _frame(snapshot: Snapshot, t: float, selected: str | None = None, focus: np.ndarray | None = None) -> MapFrame:
    return MapFrame(t, snapshot, snapshot, CaptionText("t", f"day {t:g}"), Emphasis(focus=focus), None, selected)


def test_a_new_date_keeps_the_names_and_a_new_selection_places_them_afresh(
        qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    view, snapshot, positions = _crowd(painter_module.CROWDED + 200)
    placements: list[int] = []
    original = painter_module.place_labels

    def counted(*args, **kwargs):
        placements.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(painter_module, "place_labels", counted)

    def shifted(dx: float) -> np.ndarray:
        return positions + np.array([dx, 0.0])

    def shown(frame: MapFrame, at: np.ndarray) -> int:
        """Show a frame and read its names as the paint would: the placements made so far."""
        view.show(frame, at, animate=False)
        assert view.labels.placed
        return len(placements)

    assert shown(_frame(snapshot, 1.0), positions) == 1
    named = {p.actor for p in view.labels.placed}
    # The next date moves the dots a little: the names ride with them, nothing is placed again.
    assert shown(_frame(snapshot, 2.0), shifted(0.004)) == 1
    assert {p.actor for p in view.labels.placed} <= named
    # A selection is named at once, at the same date or the next.
    assert shown(_frame(snapshot, 3.0, selected="a7"), shifted(0.008)) == 2
    # So is a new focus (an ego network that grew), and a focus that ends.
    focus = np.zeros(len(positions), bool)
    focus[[7, 8]] = True
    assert shown(_frame(snapshot, 3.0, selected="a7", focus=focus), shifted(0.008)) == 3
    same = focus.copy()
    assert shown(_frame(snapshot, 4.0, selected="a7", focus=same), shifted(0.009)) == 3  # the same focus, next date
    focus[9] = True
    assert shown(_frame(snapshot, 5.0, selected="a7", focus=focus), shifted(0.01)) == 4
    assert shown(_frame(snapshot, 6.0), shifted(0.01)) == 5


def test_an_easing_step_waits_for_the_last_one_to_be_painted(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a big map a frame takes longer than the easing timer's 16 ms: each step drawn before the last
    was painted was thrown away unseen (a third of the draws at 5,000 actors)."""
    view, snapshot, positions = _crowd(400)
    draws: list[int] = []
    draw = view.painter.draw
    monkeypatch.setattr(view.painter, "draw", lambda frame: (draws.append(1), draw(frame)))
    view.show_frame(snapshot, positions * 0.5, animate=True)
    assert len(draws) == 1  # a new date is drawn at once
    assert view.is_animating()
    view._on_timer()  # the easing timer fires before the paint came
    assert len(draws) == 1
    view.viewport().repaint()  # painted: the next step may draw
    view._on_timer()
    assert len(draws) == 2
    view._drawn_at -= map_view_module.UNPAINTED_WAIT  # a view that is not painted at all still eases
    view._on_timer()
    assert len(draws) == 3
    view.show_frame(snapshot, positions * 0.4, animate=True)  # the next date, unpainted or not
    assert len(draws) == 4
    qtbot.waitUntil(lambda: not view.is_animating(), timeout=10_000)
    assert np.allclose(view.displayed_positions(), positions * 0.4)
