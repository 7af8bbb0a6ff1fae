"""Colours that carry meaning: the diverging tension scale and the fallback group palette.

Kept Qt-free so the legend, the exporters and the command line describe the same scale.
Tension runs red (hostile) through grey (working contact) to blue (warm): a diverging scale that
stays readable for the common forms of colour blindness, unlike red–green.
"""

from __future__ import annotations

import numpy as np

from desktop.core.colours import normalise_colour, parse_colour

# (tension, RGB) stops from ColorBrewer's RdBu, with a neutral grey in the middle.
TENSION_STOPS: tuple[tuple[float, tuple[int, int, int]], ...] = (
    (-2.0, (178, 24, 43)),
    (-1.0, (239, 138, 98)),
    (0.0, (160, 160, 160)),
    (1.0, (103, 169, 207)),
    (2.0, (33, 102, 172)),
)

TENSION_LABELS: tuple[tuple[float, str], ...] = (
    (-2.0, "hostile"),
    (-1.0, "strained"),
    (0.0, "working"),
    (1.0, "cordial"),
    (2.0, "warm"),
)

# Okabe–Ito and ColorBrewer hues, minus everything that reads as a tension: no red or salmon (hostile,
# strained), no sky or steel blue (cordial, warm), no mid grey (working). Each is at least 30 CIELAB
# units from every tension stop.
GROUP_PALETTE: tuple[str, ...] = (
    "#E69F00", "#009E73", "#CC79A7", "#7B3294", "#F0E442", "#8C564B", "#66A61E", "#B8860B",
)


def tension_rgb(tension: np.ndarray) -> np.ndarray:
    """RGB (n, 3) uint8 for tensions in [-2, 2], interpolated between the stops."""
    xs = np.array([stop for stop, _ in TENSION_STOPS])
    rgb = np.array([colour for _, colour in TENSION_STOPS], dtype=np.float64)
    values = np.clip(np.asarray(tension, dtype=np.float64), -2.0, 2.0)
    channels = [np.interp(values, xs, rgb[:, c]) for c in range(3)]
    return np.round(np.stack(channels, axis=-1)).astype(np.uint8)


def tension_label(tension: float) -> str:
    """The word the legend uses for a tension value."""
    return min(TENSION_LABELS, key=lambda stop: abs(stop[0] - tension))[1]


FALLBACK_RGB = (127, 127, 127)


def hex_to_rgb(colour: str) -> tuple[int, int, int]:
    """RGB of a colour in any form a dataset may carry (``#rgb``, ``rgb()``, a CSS name …); grey if unreadable.

    A dataset's colour is a hint, never a reason to refuse drawing the map.
    """
    rgba = parse_colour(colour)
    return FALLBACK_RGB if rgba is None else rgba[:3]


def group_colours(group_ids: list[str], declared: dict[str, str]) -> dict[str, str]:
    """A colour per group: the dataset's own where it gives one, the palette otherwise."""
    declared = {group: normalise_colour(colour) for group, colour in declared.items()}
    taken = {colour.upper() for colour in declared.values() if colour}
    spare = [c for c in GROUP_PALETTE if c.upper() not in taken] or list(GROUP_PALETTE)
    result: dict[str, str] = {}
    k = 0
    for group in group_ids:
        if declared.get(group):
            result[group] = declared[group]
        else:
            result[group] = spare[k % len(spare)]
            k += 1
    return result
