"""Raster pictures of the map: PNG at any size and scale, and the QImage the clipboard gets.

Painted from the export stage (a real MapView offscreen), so the picture is what the window shows.
A scale above 1 paints at a device-pixel ratio, not a bigger map: text, dots and ties keep their
size on the page and gain sharpness, which is what a high-DPI slide or a print wants.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage

from desktop.core.model import Dataset
from desktop.core.time_axis import Instant
from desktop.export.contract import ExportError, Picture, StillOptions, deliver_bytes
from desktop.export.stage import stage_picture
from desktop.io.atomic import write_bytes


def encode_image(image: QImage, fmt: str = "PNG") -> bytes:
    """``image`` encoded in memory (``fmt`` as Qt names it); an :class:`ExportError` if Qt cannot."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    ok = image.save(buffer, fmt)
    buffer.close()
    if not ok or data.isEmpty():
        raise ExportError(f"Qt could not encode a {image.width()}×{image.height()} image as {fmt}")
    return bytes(data.data())


def save_image(image: QImage, path: Path) -> None:
    """Save a QImage in the format the suffix names, atomically, raising OSError on failure.

    Encoded in memory and written from Python, so a full disk is an ``OSError`` with its cause.
    """
    fmt = path.suffix.lstrip(".").upper() or "PNG"
    write_bytes(path, encode_image(image, fmt), path.suffix)


def render_picture(picture: Picture, options: StillOptions | None = None) -> QImage:
    """``picture`` as an image of ``options.size × options.scale`` device pixels."""
    options = options or StillOptions()
    options.check()
    stage = stage_picture(picture, options.size)
    try:
        return stage.image(options.scale, options.transparent)
    finally:
        stage.close()


def render_map(dataset: Dataset, at: Instant, size: tuple[int, int] = (1600, 1000)) -> QImage:
    """The map of ``dataset`` at ``at`` as an image of ``size`` pixels, with caption and legend."""
    return render_picture(Picture(dataset, at), StillOptions(size=size))


class PngExporter:
    """A PNG of one date; transparent if asked (the caption and legend keep their white panels)."""

    def __init__(self, picture: Picture, options: StillOptions | None = None) -> None:
        self.picture = picture
        self.options = options or StillOptions()

    def export(self, path: Path | str | None = None, to_bytes: bool = False) -> bytes | None:
        image = render_picture(self.picture, self.options)
        return deliver_bytes(path, to_bytes, "png", encode_image(image))
