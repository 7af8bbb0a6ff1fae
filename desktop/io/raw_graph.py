"""The nodes and edges a reader meets, as the graph builder receives them.

Readers fill these plain records from whatever their format calls things; :class:`Tally` counts what was
skipped or guessed so the load report can say how often and where.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from desktop.io.timeparse import TimeValue


@dataclass
class RawNode:
    id: str
    label: str = ""
    group: str = ""
    group_label: str = ""
    colour: str = ""
    position: tuple[float, float] | None = None  # where the file drew it (y up), if it says
    size: float | None = None
    spells: list[tuple[str | None, str | None]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    location: str = ""


Span = tuple[float | None, float | None, TimeValue | None]


@dataclass(slots=True)
class RawEdge:
    """One edge as a reader met it (slotted: a file may hold two million of them at once)."""

    source: str
    target: str
    start: str | None
    end: str | None
    weight: float | None
    tone: float | None
    location: str
    id: str = ""
    title: str = ""
    kind: str = ""
    event: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


class Tally:
    """Counts a kind of skipped or guessed thing and keeps the first few locations for the report."""

    def __init__(self) -> None:
        self.count: Counter[str] = Counter()
        self.where: dict[str, list[str]] = defaultdict(list)

    def add(self, reason: str, location: str) -> None:
        self.count[reason] += 1
        if len(self.where[reason]) < 5:
            self.where[reason].append(location)

    def lines(self) -> list[str]:
        out = []
        for reason, count in self.count.items():
            where = ", ".join(self.where[reason])
            more = "…" if count > len(self.where[reason]) else ""
            out.append(f"{count} {reason} ({where}{more})")
        return out
