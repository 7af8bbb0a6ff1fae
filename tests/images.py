"""Pictures as arrays, the way every test looks at them: one helper for grabs, exports and screenshots."""

from __future__ import annotations

from typing import Any

import numpy as np


def image_array(image: Any, channels: int = 3) -> np.ndarray:
    """A QImage as an (height, width, ``channels``) uint8 array: RGB, or RGBA with ``channels=4``.

    Copied while the QImage still owns its buffer (numpy would otherwise point into freed memory).
    """
    from PySide6.QtGui import QImage

    fmt = QImage.Format.Format_RGBA8888 if channels == 4 else QImage.Format.Format_RGB888
    converted = image.convertToFormat(fmt)
    height, width, stride = converted.height(), converted.width(), converted.bytesPerLine()
    rows = np.frombuffer(converted.constBits(), np.uint8, count=stride * height).reshape(height, stride)
    return rows[:, : width * channels].reshape(height, width, channels).copy()


def rgba(image: Any) -> np.ndarray:
    """(height, width, 4) uint8."""
    return image_array(image, 4)
