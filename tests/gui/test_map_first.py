"""The map first: on opening a file, the map is painted before the panels fill, and they do fill.

Driven through the real window with its background loader and layout worker (as the app runs it): the
first paint of the map that shows laid-out actors happens while the event cards and the timeline chart
still wait, and both appear right after. A window that is closed while the panels wait does not do their
work for nobody.
"""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtCore import QEvent, QObject

from desktop.core.resources import builtin_dataset_path
from desktop.layout import kernels


class _FirstMapPaint(QObject):
    """Records what the panels held at the first map paint after the map got its positions."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.laid_out = False
        self.seen: tuple[int, bool] | None = None
        window.map_controller.layout_ready.connect(self._laid_out)
        window.map_view.viewport().installEventFilter(self)

    def _laid_out(self, *_: object) -> None:
        self.laid_out = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.laid_out and self.seen is None and event.type() == QEvent.Type.Paint:
            chart = self.window.timeline_bar.chart
            self.seen = (len(self.window.side.events.cards), chart.index is not None)
        return False


def test_the_map_is_painted_before_the_panels_fill_and_then_they_fill(make_window, qtbot, monkeypatch) -> None:
    monkeypatch.setattr(kernels, "allow_uncompiled", True)  # as the app: the first layout needs no numba
    window = make_window(synchronous=False)
    window.map_first.hold_ms = 60_000  # however loaded the machine, the order is the map's, not a timer's
    probe = _FirstMapPaint(window)
    window.open_path(builtin_dataset_path())
    qtbot.waitUntil(lambda: probe.seen is not None, timeout=30_000)
    assert probe.seen == (0, False)  # the first picture did not wait for the cards or the tension index
    qtbot.waitUntil(lambda: len(window.side.events.cards) > 0 and window.timeline_bar.chart.index is not None,
                    timeout=10_000)
    assert window.side.events.current_card() is not None  # the opening date's event is among the cards
    assert not window.map_first.holding


def test_a_synchronous_window_fills_its_panels_before_open_returns(make_window) -> None:
    window = make_window(builtin_dataset_path())
    assert window.side.events.cards
    assert window.timeline_bar.chart.index is not None


def test_a_window_closed_while_panels_wait_keeps_their_work_until_shown_again(make_window, qtbot) -> None:
    window = make_window(synchronous=False)
    window.open_path(builtin_dataset_path())
    qtbot.waitUntil(lambda: window.map_first.holding, timeout=30_000)
    window.hide()
    qtbot.waitUntil(lambda: not window.map_first.holding, timeout=10_000)
    assert not window.side.events.cards  # nobody could see them
    window.show()
    qtbot.waitUntil(lambda: len(window.side.events.cards) > 0, timeout=10_000)


def test_importing_the_window_leaves_numba_networkx_and_scipy_for_later() -> None:
    """The first picture never waits for the heavy imports: the window module does not pull them in."""
    probe = ("import sys, desktop.gui.app, desktop.gui.main_window; "
             "print(' '.join(m for m in ('numba', 'llvmlite', 'networkx', 'scipy', 'jsonschema') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.strip() == ""
