"""Starting the desktop app: the QApplication, the window, the first dataset, background warm-up."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from desktop import __version__
from desktop.core.resources import builtin_dataset_path, resource_path
from desktop.desktop_integration import ICON_SIZES


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Relmap")
    app.setOrganizationName("Relmap")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("relmap")
    app.setWindowIcon(app_icon())
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


def _warm_up_layout() -> None:
    """Compile the layout kernels while the window appears (numba caches them on disk)."""
    from desktop.layout import warm_up

    warm_up()


def run_gui(path: Path | None = None, at: str | None = None) -> int:
    """Open the main window on ``path`` (the built-in dataset by default) and run until closed."""
    app = create_application()
    from desktop.gui.crash_handler import install as install_crash_handler

    install_crash_handler()  # before anything can fail: no exception ends the app silently
    threading.Thread(target=_warm_up_layout, name="layout-warm-up", daemon=True).start()
    from desktop.gui.main_window import MainWindow

    window = MainWindow()
    window.show()
    window.open_path(path or builtin_dataset_path(), at=at)
    return app.exec()
