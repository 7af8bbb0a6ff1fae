"""The second edition's hostility is on the map: Erekat–Netanyahu is drawn as hostile, and a click on it shows why."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt

from desktop.gui.main_window import MainWindow
from tests.conftest import BUILTIN


@pytest.fixture
def window(qtbot, make_window: Callable[..., MainWindow]) -> MainWindow:
    # Two days after the veranda talk of 6 November 2013, where Erekat says Netanyahu is cheating the Palestinians.
    win = make_window(BUILTIN, at="2013-11-08", size=(1400, 900))
    qtbot.waitUntil(lambda: win.state.dataset is not None, timeout=10000)
    qtbot.waitUntil(lambda: not win.map_view.is_animating(), timeout=5000)
    return win


def test_erekat_netanyahu_is_drawn_hostile_and_its_click_shows_the_cited_remarks(
        window: MainWindow, qtbot) -> None:
    view, state = window.map_view, window.state
    window.filter_bar.sign.setCurrentIndex(window.filter_bar.sign.findData("hostile"))
    qtbot.waitUntil(lambda: not view.is_animating(), timeout=5000)
    start, end, pairs = view.drawn_ties()
    erekat, netanyahu = (state.dataset.actor_index[x] for x in ("erekat", "netanyahu"))
    timeline = state.timeline
    found = [k for k, p in enumerate(pairs) if set(timeline.pairs[p].tolist()) == {erekat, netanyahu}]
    assert found, "the Erekat–Netanyahu tie is not among the hostile ties drawn on 8 November 2013"
    k = found[0]
    a, b = start[k], end[k]
    for f in np.linspace(0.2, 0.8, 13):
        point = QPointF(*(a + f * (b - a)))
        scene = view.viewbox.mapViewToScene(point)
        if view.edge_at(point) == pairs[k] and view.actor_at(scene) is None:
            break
    else:
        pytest.fail("no clear spot on the Erekat–Netanyahu line")
    pos = view.mapFromScene(scene)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(pos.x(), pos.y()))
    assert state.selected_tie is not None and set(state.selected_tie) == {"erekat", "netanyahu"}
    text = window.details.toPlainText()
    assert "Saeb Erekat" in text and "Benjamin Netanyahu" in text and "hostile" in text.lower()
    # The three scenes to date, each with its tone, its reason and its citation.
    assert "In Netanyahu's absence, Erekat accuses him of cheating" in text
    assert "string everyone along" in text
    assert "tone -2" in text and "The New Republic" in text and "§ III" in text
