"""Collect Python garbage on the GUI thread only.

Python's cycle collector runs in whichever thread happens to allocate. If a worker thread (a layout, a
numba compile, a video encoder) collects the last reference to a Qt wrapper, Qt deletes that object off
the GUI thread and the event loop crashes later, far from the cause. pyqtgraph's ``GarbageCollector``
turns automatic collection off and collects from a timer on the GUI thread instead.

A loaded dataset is hundreds of thousands of Python objects (events, interactions, their tuples and
dicts) that live until the next file. Every collection of the generation they sit in walks all of
them: 200 ms and more at 20,000 actors, a frozen frame in the middle of playback. So once a file is
in, :func:`settle` collects once (the previous file's leftovers go) and freezes what is alive
(``gc.freeze``): later collections walk only what was made since.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication

_ATTRIBUTE = "_relmap_garbage_collector"


def collect_on_gui_thread(app: QCoreApplication, interval: float = 1.0) -> None:
    """Install the GUI-thread collector on ``app`` once (idempotent)."""
    if getattr(app, _ATTRIBUTE, None) is not None:
        return
    from pyqtgraph.util.garbage_collector import GarbageCollector

    setattr(app, _ATTRIBUTE, GarbageCollector(interval=interval))


def settle() -> None:
    """Collect everything once, then keep every object alive now out of later collections.

    Called on the GUI thread when a new dataset has been taken in (a moment the map waits for its
    layout anyway). Frozen objects are still freed by reference counting; only cycles among them wait
    for the next :func:`settle`, which unfreezes them first.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()
