"""The one easing curve, shared by the window's transitions and exported animations, so both move alike."""

from __future__ import annotations

import numpy as np


def smoothstep(x: np.ndarray | float) -> np.ndarray | float:
    """0 → 1 starting and stopping gently; inputs outside [0, 1] are clamped."""
    clamped: np.ndarray | float = np.clip(x, 0.0, 1.0)
    return clamped * clamped * (3 - 2 * clamped)
