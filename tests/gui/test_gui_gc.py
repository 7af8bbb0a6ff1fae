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


def test_a_loaded_dataset_is_kept_out_of_collections_and_the_last_ones_leftovers_go(
        qtbot, make_window) -> None:
    import weakref

    from desktop.core.resources import builtin_dataset_path

    window = make_window(builtin_dataset_path())
    dataset = window.state.dataset
    event = dataset.events[0]

    def frozen(obj: object) -> bool:
        return gc.is_tracked(obj) and not any(o is obj for o in gc.get_objects())

    # Collections during playback walk only what was made since the file came in.
    qtbot.waitUntil(lambda: frozen(event), timeout=5000)

    class Leftover:
        """A cycle of the last file's, alive at the last freeze and dropped since."""

    leftover = Leftover()
    leftover.me = leftover
    alive = weakref.ref(leftover)
    gc.freeze()
    del leftover
    assert alive() is not None  # frozen cycles wait
    window.open_path(builtin_dataset_path())
    qtbot.waitUntil(lambda: alive() is None, timeout=5000)
    qtbot.waitUntil(lambda: frozen(window.state.dataset.events[0]), timeout=5000)
