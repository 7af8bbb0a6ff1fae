"""Exports and saved pictures get ordinary permissions (0666 less the umask), like the dataset writers."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from PySide6.QtGui import QColor, QImage

from desktop.export.contract import write_output
from desktop.export.image import save_image


def test_export_and_saved_image_honour_the_umask(tmp_path: Path) -> None:
    image = QImage(4, 4, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    previous = os.umask(0o022)
    try:
        save_image(image, tmp_path / "map.png")
        write_output(tmp_path / "map.svg", False, "svg", lambda temp: temp.write_text("<svg/>", encoding="utf-8"))
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "map.png").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "map.svg").stat().st_mode) == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.png", "map.svg"]
