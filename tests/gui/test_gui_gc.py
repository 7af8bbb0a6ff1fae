from __future__ import annotations

import gc

from PySide6.QtWidgets import QApplication

from desktop.canvas.gui_gc import collect_on_gui_thread


def test_the_app_collects_garbage_only_on_its_own_thread(qtbot) -> None:
    app = QApplication.instance()
    was = gc.isenabled()
    try:
        gc.enable()
        collect_on_gui_thread(app)
        assert not gc.isenabled()  # automatic collection, which may run on any thread, is off
        collector = app._relmap_garbage_collector
        assert collector.timer.isActive()
        collect_on_gui_thread(app)
        assert app._relmap_garbage_collector is collector
    finally:
        app._relmap_garbage_collector.timer.stop()
        del app._relmap_garbage_collector
        if was:
            gc.enable()
