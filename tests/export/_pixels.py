"""Reading exported pictures back as arrays, the way a test looks at them."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage


def rgba(image: QImage) -> np.ndarray:
    """(height, width, 4) uint8, copied while the QImage still owns its buffer."""
    converted = image.convertToFormat(QImage.Format.Format_RGBA8888)
    rows = np.frombuffer(converted.constBits(), np.uint8).reshape(converted.height(), converted.bytesPerLine())
    return rows[:, : converted.width() * 4].reshape(converted.height(), converted.width(), 4).copy()


def tension_colours(pixels: np.ndarray) -> tuple[int, int]:
    """How many pixels read as hostile red and as warm blue (the two ends of the tie scale)."""
    px = pixels[..., :3].reshape(-1, 3).astype(int)
    red = (px[:, 0] > px[:, 1] + 60) & (px[:, 0] > px[:, 2] + 60)
    blue = (px[:, 2] > px[:, 0] + 60) & (px[:, 2] > px[:, 1] + 20)
    return int(red.sum()), int(blue.sum())
