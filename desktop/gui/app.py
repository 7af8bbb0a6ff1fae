"""Starting the desktop app: the QApplication, the window, the first dataset, background warm-up."""

from __future__ import annotations

import gc
import os
import sys
import threading
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSize, QStandardPaths, QTimer
from PySide6.QtGui import QFileOpenEvent, QIcon
from PySide6.QtWidgets import QApplication

from desktop import __version__
from desktop.core.resources import builtin_dataset_path, resource_path
from desktop.freedesktop import ICON_SIZES
from desktop.gui.appearance import follow_color_scheme
from desktop.layout import base_cache, kernels


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Relmap")
    app.setOrganizationName("Relmap")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("relmap")
    app.setWindowIcon(app_icon())
    from desktop.canvas.gui_gc import collect_on_gui_thread

    collect_on_gui_thread(app)
    return app


def app_icon() -> QIcon:
    """The application icon from the rendered PNG sizes.

    PNGs rather than the SVG: they need no SVG icon-engine plugin (a bundle may lack it), and each size
    was rendered for its pixel grid, so the 16 px title-bar icon is as sharp as the 256 px one.
    """
    icon = QIcon()
    for size in ICON_SIZES:
        png = resource_path("icons", f"relmap-{size}.png")
        if png.exists():
            icon.addFile(str(png), QSize(size, size))
    return icon


def layout_folder() -> Path:
    """Where whole-span layouts are kept between runs: the platform's cache folder for the app."""
    cache = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
    return Path(cache or Path.home() / ".cache" / "relmap") / "layouts"


def _warm_up_layout() -> None:
    """Compile (or load from numba's disk cache) the layout and tie-raster kernels, off the GUI thread."""
    from desktop.canvas import edge_raster
    from desktop.layout import warm_up

    warm_up()
    edge_raster.warm_up()


def _warm_up_after_first_picture(window: QObject) -> None:
    """Load the compiled kernels once the map is drawn: the first picture comes from the numpy kernels
    (small maps) and must not share the start-up with numba's import and compile. A large map waits
    for the kernels anyway, so it starts them at once."""
    started = False

    def start(*_: object) -> None:
        nonlocal started
        if not started:
            started = True
            threading.Thread(target=_warm_up_layout, name="layout-warm-up", daemon=True).start()

    controller = getattr(window, "map_controller", None)
    if controller is None:  # a window without a map: nothing to wait for
        start()
        return
    controller.layout_ready.connect(lambda *_: QTimer.singleShot(0, start))
    window.state.events.dataset.connect(  # type: ignore[attr-defined]
        lambda dataset: start() if dataset is not None and len(dataset.actors) > kernels.SMALL else None)


def run_gui(path: Path | None = None, at: str | None = None) -> int:
    """Open the main window on ``path``, else the file open when the app last closed, else the built-in dataset.

    The window comes back at its last size, position and dock layout.
    """
    started = time.perf_counter()
    app = create_application()
    follow_color_scheme(app)
    from desktop.gui.crash_handler import install as install_crash_handler

    install_crash_handler()  # before anything can fail: no exception ends the app silently
    kernels.allow_uncompiled = True  # small maps are drawn before numba's kernels are loaded
    base_cache.folder = layout_folder()  # a file opened before shows its map without laying it out again
    from desktop.gui.main_window import MainWindow
    from desktop.gui.settings import WindowMemory

    window = MainWindow()
    _warm_up_after_first_picture(window)
    memory = WindowMemory(window)
    memory.restore()
    window.show()
    # What the imports and the window made lives as long as the app: out of the cycle collector's sight,
    # neither the GUI-thread collections (every second) nor the one at exit walk it again.
    gc.freeze()
    window.open_path(path or memory.last_file() or builtin_dataset_path(), at=at)
    app.installEventFilter(FileOpenFilter(window))
    if os.environ.get("RELMAP_EXIT_AFTER_FIRST_FRAME"):
        _exit_after_first_frame(window, started)
    try:
        return app.exec()
    finally:
        kernels.allow_uncompiled = False
        base_cache.folder = None


class FileOpenFilter(QObject):
    """Opens files that macOS hands over by event (Finder double-click, dropping on the Dock icon).

    Linux and Windows pass them on the command line instead, which ``relmap FILE`` already handles.
    """

    def __init__(self, window: QObject) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent) and event.file():
            self.window.open_path(event.file())  # type: ignore[attr-defined]
            return True
        return False


def _exit_after_first_frame(window: QObject, started: float) -> None:
    """Start-up benchmark hook: print the seconds to the first drawn map, then quit."""

    viewport = window.map_view.viewport()  # type: ignore[attr-defined]

    class Painted(QObject):
        """Counts the map as drawn when its viewport paints after the first laid-out frame arrived."""

        laid_out = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if self.laid_out and event.type() == QEvent.Type.Paint:
                self.laid_out = False
                now = time.perf_counter()  # CLOCK_MONOTONIC: a parent process can compare it with its own
                print(f"first frame after {now - started:.3f} s (monotonic {now:.6f})", flush=True)
                QTimer.singleShot(0, QApplication.quit)
            return False

    painted = Painted(window)
    viewport.installEventFilter(painted)

    def laid_out(*_: object) -> None:
        painted.laid_out = True
        viewport.update()

    window.map_controller.layout_ready.connect(laid_out)  # type: ignore[attr-defined]
