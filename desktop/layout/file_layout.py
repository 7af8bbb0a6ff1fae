"""The layout a file brings with it: Gephi's ``viz:position``, yEd's geometry, GML graphics, Pajek coordinates.

Readers keep each node's drawn position in ``Actor.extra["position"]`` (file units, y up). When every actor
has one, the map can show the file's own picture (the default, switchable in View → Use the file's layout);
when only some have one, those positions are where the force layout starts. Files use any unit (yEd pixels,
Pajek's 0…1, Gephi's ±1000), so positions are rescaled to the spread the force layout gives the same number
of actors: node sizes, label gaps and zoom behave as they do for a computed layout.
"""

from __future__ import annotations

import numpy as np

from desktop.core.model import Dataset
from desktop.layout.engine import DEFAULT_PARAMS
from desktop.layout.placement import RADIUS_PER_SQRT_NODE


def file_positions(dataset: Dataset) -> np.ndarray | None:
    """(n, 2) positions from the file, NaN for actors without one; None when no actor has one."""
    raw = np.full((len(dataset.actors), 2), np.nan)
    for i, actor in enumerate(dataset.actors):
        where = actor.extra.get("position")
        if isinstance(where, list | tuple) and len(where) == 2:
            try:
                raw[i] = (float(where[0]), float(where[1]))
            except (TypeError, ValueError):
                continue
    known = np.isfinite(raw).all(axis=1)
    if not known.any():
        return None
    centre = raw[known].mean(axis=0)
    spread = float(np.sqrt(((raw[known] - centre) ** 2).sum(axis=1).mean()))
    target = RADIUS_PER_SQRT_NODE * DEFAULT_PARAMS.k * float(np.sqrt(max(len(dataset.actors), 1))) * 0.6
    scale = target / spread if spread > 0 else 1.0
    out: np.ndarray = (raw - centre) * scale
    out[~known] = np.nan
    return out


def has_full_layout(dataset: Dataset) -> bool:
    """True when every actor has a position in the file: then its layout is shown unless switched off."""
    return bool(dataset.actors) and all(
        isinstance(a.extra.get("position"), list | tuple) for a in dataset.actors)
