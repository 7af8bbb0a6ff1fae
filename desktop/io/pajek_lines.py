"""One Pajek line: its words (labels may be quoted) and the time intervals written after them.

Shared by the network reader (:mod:`desktop.io.pajek`) and the ``*Events`` reader
(:mod:`desktop.io.pajek_events`), so neither imports the other back.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from desktop.io.problems import DatasetError, Problem

# A time set after a line's numbers: [1,2,5-8], [3-*], [1.5-2.5]; never inside the quoted label.
_TIMES = re.compile(r"\[\s*[-+\d.*][\d\s,.*+-]*\]")

Spell = tuple[str | None, str | None]


def split_line(text: str, where: str, path: Path) -> tuple[list[str], list[Spell]]:
    """The words of a line and its time intervals (``[...]`` outside quotes), each ``(start, end)``."""
    spells: list[Spell] = []
    for match in reversed(list(_TIMES.finditer(text))):
        if text.count('"', 0, match.start()) % 2:
            continue  # inside the label
        spells = parse_times(match.group(0)[1:-1]) + spells
        text = text[:match.start()] + " " + text[match.end():]
    try:
        return shlex.split(text, posix=True), spells
    except ValueError as exc:
        raise DatasetError(path, Problem(where, f"cannot read the line ({exc})")) from None


def parse_times(body: str) -> list[Spell]:
    """``1,2,5-8`` → [(1, 1), (2, 2), (5, 8)]; ``*`` is an open bound."""
    out: list[Spell] = []
    for piece in (p.strip() for p in body.split(",")):
        if not piece:
            continue
        start, dash, end = piece.partition("-") if not piece.startswith("-") else ("", "", piece)
        if not dash:
            out.append((piece, piece))
        else:
            out.append((None if start.strip() in ("*", "") else start.strip(),
                        None if end.strip() in ("*", "") else end.strip()))
    return out
