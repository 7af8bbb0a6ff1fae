"""Still pictures of the map, rendered by the same MapView the window shows.

Headless export builds the view offscreen, computes the date's layout synchronously (the same
deterministic layout the window shows for that date) and grabs it. Files are written atomically.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtGui import QImage

from desktop.core.model import Dataset
from desktop.core.time_axis import Instant
from desktop.core.timeline import Timeline


def atomic_write(path: Path, write: object) -> None:
    """Call ``write(temp_path)`` then rename over ``path``: a crash never leaves half a file."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=path.suffix, dir=folder)
    os.close(handle)
    try:
        write(Path(temp))  # type: ignore[operator]
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def save_image(image: QImage, path: Path) -> None:
    """Save a QImage in the format the suffix names, atomically, raising OSError on failure."""
    fmt = path.suffix.lstrip(".").upper() or "PNG"

    def write(temp: Path) -> None:
        if not image.save(str(temp), fmt):
            raise OSError(f"could not write a {fmt} image to {path}")

    atomic_write(path, write)


def render_map(dataset: Dataset, at: Instant, size: tuple[int, int] = (1600, 1000)) -> QImage:
    """The map of ``dataset`` at ``at`` as an image of ``size`` pixels, with caption and legend."""
    from PySide6.QtWidgets import QApplication

    from desktop.gui.map_controller import caption_for
    from desktop.gui.map_view import MapView
    from desktop.map_layout import MapLayout

    app = QApplication.instance() or QApplication([])
    timeline = Timeline(dataset)
    from PySide6.QtCore import Qt

    view = MapView()
    view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    view.resize(*size)
    view.show()
    app.processEvents()
    view.set_dataset(dataset, timeline.rule.describe(dataset.axis.unit))
    view.set_caption(caption_for(timeline, at))
    positions = MapLayout(timeline).positions_at(at)
    view.show_frame(timeline.snapshot_at(at), positions, animate=False)
    view.zoom_to_fit()
    app.processEvents()
    image = view.grab().toImage()
    view.deleteLater()
    return image
