"""The map first: views put off what a newly opened dataset gives them until the map has drawn it.

A dataset arriving makes every view work at once: the event cards lay out their text, the timeline
chart computes its tension index, and all of them repaint. None of that is the picture the user waits
for, yet on the GUI thread it all came before the map's first paint (a third of a warm start). So the
window holds that work from the moment a dataset is opened until the map has painted it, then lets it
run. The panels fill a moment after the map appears; every control works throughout (only what a view
does *because a dataset arrived* waits, never a click or a date change). A first layout that takes
long (thousands of actors) never leaves them empty for more than :data:`HOLD_MS`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

HOLD_MS = 1000


class MapFirst(QObject):
    """Held from :meth:`hold` until ``view`` paints after ``ready`` fires, or ``HOLD_MS`` at the most."""

    def __init__(self, view: QWidget, parent: QObject | None = None, *, enabled: bool = True) -> None:
        """``enabled=False`` (a synchronous window: tests, exports) never holds: a load there is finished,
        map and panels, when the call returns."""
        super().__init__(parent)
        self._view = view
        self._enabled = enabled
        self._jobs: dict[Callable[[], None], None] = {}  # in order, each once
        self._holding = False
        self._awaiting_paint = False
        self._shown_at_hold = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self.hold_ms = HOLD_MS  # the longest the panels wait for a slow first layout
        self._timer.timeout.connect(self.release)
        view.installEventFilter(self)

    @property
    def holding(self) -> bool:
        return self._holding

    def hold(self) -> None:
        """A dataset is being opened: put off :meth:`later` jobs until the map shows it."""
        if not self._enabled:
            return
        self._holding = True
        self._awaiting_paint = False
        self._shown_at_hold = self._view.isVisible()
        self._timer.start(self.hold_ms)

    def later(self, job: Callable[[], None]) -> None:
        """Run ``job`` now, or once the map has drawn the dataset being opened (a job queued twice runs once)."""
        if self._holding:
            self._jobs[job] = None
        else:
            job()

    def map_ready(self, *_: object) -> None:
        """The map has its first positions: release after its next paint (at once if it is not on screen)."""
        if not self._holding:
            return
        if self._view.isVisible():
            self._awaiting_paint = True
            self._view.update()
        else:
            self.release()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if self._awaiting_paint and kind == QEvent.Type.Paint:
            self._awaiting_paint = False
            QTimer.singleShot(0, self.release)  # after this paint has reached the screen
        elif kind == QEvent.Type.Show and self._jobs and not self._holding:
            QTimer.singleShot(0, self.release)  # jobs kept while the window was closed
        return False

    def release(self, *_: object) -> None:
        """Run the jobs put off (also when the layout failed or was superseded: nothing is held for good).

        A window closed meanwhile (the app quitting) keeps them until it is shown again: nobody would
        see the work, and it would only delay the exit.
        """
        self._timer.stop()
        self._holding = self._awaiting_paint = False
        if self._shown_at_hold and not self._view.isVisible():
            return
        jobs, self._jobs = list(self._jobs), {}
        for job in jobs:
            job()


def when_map_drawn(widget: QWidget, job: Callable[[], None]) -> None:
    """Run ``job`` now, or when the map of ``widget``'s window has drawn the dataset it is opening.

    A widget outside such a window (a panel on its own in a test, an export) runs it at once.
    """
    gate = getattr(widget.window(), "map_first", None)
    if isinstance(gate, MapFirst):
        gate.later(job)
    else:
        job()
