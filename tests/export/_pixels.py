"""What exported pictures are checked for: the tension colours (arrays come from :mod:`tests.images`)."""

from __future__ import annotations

import numpy as np

from tests.images import rgba

__all__ = ["rgba", "tension_colours"]


def tension_colours(pixels: np.ndarray) -> tuple[int, int]:
    """How many pixels read as hostile red and as warm blue (the two ends of the tie scale)."""
    px = pixels[..., :3].reshape(-1, 3).astype(int)
    red = (px[:, 0] > px[:, 1] + 60) & (px[:, 0] > px[:, 2] + 60)
    blue = (px[:, 2] > px[:, 0] + 60) & (px[:, 2] > px[:, 1] + 20)
    return int(red.sum()), int(blue.sum())
