"""Gephi's spreadsheet notation for time: interval sets and interval maps inside one cell.

Gephi writes an edge's lifetime as ``"<[2007, 2009]>"`` or ``"[2016-02-03, Infinity]"``, several
lifetimes as ``"[1,5]; [10, 10.5]; [11, 16];"`` and a dynamic value as an interval map
``"<[1.0, 2, 1]; [2, 3, 2]>"`` (start, end, value). Round ``(`` ``)`` brackets mark open bounds; since
an instant on the slider has no width, open and closed bounds are read the same. Timestamp sets
(``"<[2004, 2005]>"`` in a ``timestamps`` column) are lists of points, not an interval.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ITEM = re.compile(r"[\[(]([^\[\]()]*)[\])]")


@dataclass(frozen=True, slots=True)
class Piece:
    """One bracketed item: raw start and end strings (equal for a point) and an optional value."""

    start: str
    end: str
    value: str | None = None


def looks_like_intervals(text: str) -> bool:
    value = text.strip()
    return (value.startswith("<") and value.endswith(">")) or (
        value.startswith(("[", "(")) and value.rstrip(";").rstrip().endswith(("]", ")"))
        and ("," in value or ";" in value)
    )


def parse_intervals(text: str, *, points: bool = False) -> list[Piece] | None:
    """The pieces of an interval set/map, or None when the cell is not in that notation.

    With ``points`` (a timestamp set), two-item brackets are two instants rather than one interval.
    """
    value = text.strip()
    if not looks_like_intervals(value):
        return None
    inner = value[1:-1] if value.startswith("<") else value
    items = _ITEM.findall(inner)
    if not items:
        return None
    pieces: list[Piece] = []
    for item in items:
        parts = [_unquote(part) for part in item.split(",")]
        if points:
            pieces.extend(Piece(part, part) for part in parts if part)
        elif len(parts) == 1:
            pieces.append(Piece(parts[0], parts[0]))
        elif len(parts) == 2:
            pieces.append(Piece(parts[0], parts[1]))
        else:
            pieces.append(Piece(parts[0], parts[1], ",".join(parts[2:])))
    return pieces


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return text
