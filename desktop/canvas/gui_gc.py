"""Collect Python garbage on the GUI thread only.

Python's cycle collector runs in whichever thread happens to allocate. If a worker thread (a layout, a
numba compile, a video encoder) collects the last reference to a Qt wrapper, Qt deletes that object off
the GUI thread and the event loop crashes later, far from the cause. pyqtgraph's ``GarbageCollector``
turns automatic collection off and collects from a timer on the GUI thread instead.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

_ATTRIBUTE = "_relmap_garbage_collector"


def collect_on_gui_thread(app: QCoreApplication, interval: float = 1.0) -> None:
    """Install the GUI-thread collector on ``app`` once (idempotent)."""
    if getattr(app, _ATTRIBUTE, None) is not None:
        return
    from pyqtgraph.util.garbage_collector import GarbageCollector

    setattr(app, _ATTRIBUTE, GarbageCollector(interval=interval))
