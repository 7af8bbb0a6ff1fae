"""Which ties the map shows: filters by group, tie sign and minimum intensity.

Filters narrow what is drawn, never what is laid out, so switching one on does not move anybody:
the picture of a date stays the picture of that date. They live in the state as one frozen value.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Literal

import numpy as np

from desktop.core.model import Dataset
from desktop.core.timeline import Snapshot

TieSign = Literal["all", "hostile", "warm"]
# Working contact (tension 0) is neither: "only hostile" means strained or worse, "only warm" cordial or better.
SIGN_CUT = 0.25


@dataclass(frozen=True, slots=True)
class TieFilter:
    """``groups``: show only ties that touch an actor of these groups (empty: every group)."""

    groups: frozenset[str] = frozenset()
    sign: TieSign = "all"
    min_intensity: float = 0.0

    @property
    def is_active(self) -> bool:
        return bool(self.groups) or self.sign != "all" or self.min_intensity > 0

    def describe(self) -> str:
        parts = []
        if self.sign == "hostile":
            parts.append("only hostile ties")
        elif self.sign == "warm":
            parts.append("only warm ties")
        if self.min_intensity > 0:
            parts.append(f"intensity ≥ {self.min_intensity:g}")
        if self.groups:
            parts.append("groups: " + ", ".join(sorted(self.groups)))
        return "; ".join(parts)

    def apply(self, snapshot: Snapshot, dataset: Dataset) -> Snapshot:
        """The snapshot with only the ties that pass; actors of a hidden group disappear too."""
        if not self.is_active:
            return snapshot
        keep = snapshot.intensity >= self.min_intensity
        if self.sign == "hostile":
            keep &= snapshot.tension <= -SIGN_CUT
        elif self.sign == "warm":
            keep &= snapshot.tension >= SIGN_CUT
        visible = snapshot.actor_visible.copy()
        if self.groups:
            member = np.array([actor.group in self.groups for actor in dataset.actors], dtype=bool)
            keep &= member[snapshot.source] | member[snapshot.target]
            linked = np.zeros_like(visible)
            linked[snapshot.source[keep]] = True
            linked[snapshot.target[keep]] = True
            visible &= member | linked
        return dataclasses.replace(
            snapshot,
            actor_visible=visible,
            pair=snapshot.pair[keep],
            source=snapshot.source[keep],
            target=snapshot.target[keep],
            tension=snapshot.tension[keep],
            intensity=snapshot.intensity[keep],
        )
