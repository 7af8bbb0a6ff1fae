"""Labels tell the truth: at every painted frame of playback, each name sits against its own actor's dot.

A map that names the wrong person is worse than no labels. The check runs where the user's eye does:
inside the label layer's paint, against the dots the scatter paints in that same frame (their view
positions mapped through the view box as it is at that moment), on the built-in story and on a
generated crowd of 2,000 actors.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt

from desktop.canvas.labels import GAP, SIDE_GAP
from tests.acceptance.conftest import click, key
from tests.conftest import BUILTIN

SLACK = 0.75  # pixels: rounding of a dot's size and of the label rectangle


def label_faults(view: Any) -> list[str]:
    """Every placed name whose anchor is not against its own dot, or lies nearer another dot."""
    data = view.nodes.data
    if not len(data):
        return []
    ids = [str(d) for d in data["data"]]
    row_of = {actor: k for k, actor in enumerate(ids)}
    scene = [view.viewbox.mapViewToScene(QPointF(float(x), float(y)))
             for x, y in zip(data["x"], data["y"], strict=True)]
    xy = np.array([[p.x(), p.y()] for p in scene])
    radius = np.asarray(data["size"], dtype=np.float64) / 2
    actors = view._dataset.actors
    faults = []
    for placed in view.labels.placed:
        name = actors[placed.actor].name
        row = row_of.get(actors[placed.actor].id)
        if row is None:
            faults.append(f"{name}: named but not drawn")
            continue
        x, y, w, h = placed.rect
        # The anchor: the point of the name's box nearest its own dot.
        ax, ay = float(np.clip(xy[row, 0], x, x + w)), float(np.clip(xy[row, 1], y, y + h))
        edge = np.hypot(xy[:, 0] - ax, xy[:, 1] - ay) - radius
        if edge[row] > max(GAP, SIDE_GAP) + SLACK:
            faults.append(f"{name}: {edge[row]:.1f} px from its dot")
        nearest = int(np.argmin(edge))
        if nearest != row and edge[nearest] < edge[row] - SLACK:
            faults.append(f"{name}: beside {actors[view._dataset.actor_index[ids[nearest]]].name}'s dot")
    return faults


def play_and_check_every_frame(qtbot: Any, win: Any, monkeypatch: pytest.MonkeyPatch, faster: int,
                               least_frames: int) -> int:
    """Press Home, speed up with ], press Space and check each painted label frame until playback stops."""
    view = win.map_view
    layer_type = type(view.labels)
    painted: list[int] = []
    faults: list[str] = []
    original = layer_type.paint

    def paint(layer: Any, painter: Any, option: Any, widget: Any = None) -> None:
        if layer is view.labels:
            painted.append(1)
            faults.extend(f"{win.timeline_bar.date_label.text()}: {f}" for f in label_faults(view))
        original(layer, painter, option, widget)

    monkeypatch.setattr(layer_type, "paint", paint)
    key(win, Qt.Key.Key_Home)
    assert win.state.current_time == win.state.dataset.span[0]
    speed = win.state.speed
    for _ in range(faster):
        key(win, Qt.Key.Key_BracketRight)
    assert win.state.speed > speed
    click(win.timeline_bar.play_button)
    assert win.state.playing
    qtbot.waitUntil(lambda: not win.state.playing, timeout=120_000)
    assert win.state.current_time == win.state.dataset.span[1]
    assert len(painted) >= least_frames, f"only {len(painted)} frames painted"
    assert not faults, f"{len(faults)} misplaced names: " + "; ".join(list(dict.fromkeys(faults))[:12])
    return len(painted)


def test_every_frame_of_the_story_names_the_right_dots(open_window: Callable[..., Any], qtbot: Any,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    win = open_window(BUILTIN)
    play_and_check_every_frame(qtbot, win, monkeypatch, faster=2, least_frames=20)


def crowd_document(actors: int = 2000, events: int = 2400, seed: int = 7) -> dict[str, Any]:
    """A generated crowd: ``actors`` in 25 groups meeting mostly inside their group over 200 days."""
    rng = random.Random(seed)
    groups = [{"id": f"g{k}", "label": f"Group {k}"} for k in range(25)]
    people = [{"id": f"a{k}", "name": f"Actor {k:04d}", "group": f"g{k % 25}"} for k in range(actors)]
    items = []
    for k in range(events):
        a = rng.randrange(actors)
        b = a + 25 * rng.randint(1, 6) if rng.random() < 0.8 else rng.randrange(actors)
        b %= actors
        if a == b:
            b = (a + 1) % actors
        day = 1 + (k * 200) // events
        date = f"2020-{1 + (day - 1) // 28:02d}-{1 + (day - 1) % 28:02d}"
        items.append({"id": f"e{k}", "date": date, "title": f"Meeting {k}", "sources": [{"source": "gen"}],
                      "interactions": [{"a": f"a{a}", "b": f"a{b}", "tone": rng.choice([-2, -1, 0, 1, 2])}]})
    return {"relmap": 1, "title": "Crowd", "sources": [{"id": "gen", "title": "Generated"}],
            "groups": groups, "actors": people, "events": items}


def test_every_frame_of_a_2000_actor_crowd_names_the_right_dots(open_window: Callable[..., Any], qtbot: Any,
                                                                 monkeypatch: pytest.MonkeyPatch,
                                                                 tmp_path: Path) -> None:
    path = tmp_path / "crowd.relmap.json"
    path.write_text(json.dumps(crowd_document()), encoding="utf-8")
    win = open_window(path)
    assert len(win.state.dataset.actors) == 2000
    play_and_check_every_frame(qtbot, win, monkeypatch, faster=2, least_frames=10)
