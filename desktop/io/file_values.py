"""Numbers, texts, positions and colours as graph files write them, read without surprises.

Every reader meets the same hazards (an integer of thousands of digits, NaN or Infinity as a coordinate,
a colour given as three channels), so they are answered once here, with located errors where a person
must fix the file.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from desktop.io.problems import DatasetError, Problem

MAX_DIGITS = 300  # a longer run of digits is no weight, tone or date a person meant


def huge_number(location: str, what: str, digits: int) -> Problem:
    """The problem for a number too long to be a weight, tone or time (and too large for a float)."""
    return Problem(location, f"{what}: a number of {digits:,} digits, too large to read (at most {MAX_DIGITS})")


def as_number(value: Any, path: Path, location: str, what: str) -> float | None:
    """A weight or tone from a parsed file: a float, None when it is not a number at all, and a located
    :class:`DatasetError` for an integer too large for a float (JSON and GML integers have no bound)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None
    except OverflowError:
        raise DatasetError(path, huge_number(location, what, _digits(int(value)))) from None


def as_text(value: Any, path: Path, location: str, what: str) -> str | None:
    """A time or label from a parsed file as text; a located error for an integer too long to be one."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 997:  # > 300 digits
        raise DatasetError(path, huge_number(location, what, _digits(value)))
    return str(value)


def _digits(value: int) -> int:
    try:
        return len(str(abs(value)))
    except ValueError:  # over Python's 4,300-digit conversion limit: close enough
        return int(abs(value).bit_length() * 0.30103) + 1


def finite(value: Any) -> float | None:
    """A finite float, or None (missing, text, NaN, infinite): coordinates and sizes from files."""
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def point(x: Any, y: Any, *, flip: bool = False) -> tuple[float, float] | None:
    """A position when both coordinates are finite numbers; ``flip`` for files whose y grows downwards."""
    fx, fy = finite(x), finite(y)
    if fx is None or fy is None:
        return None
    return (fx, -fy if flip else fy)


def hex_colour(r: Any, g: Any, b: Any) -> str:
    try:
        return "#{:02x}{:02x}{:02x}".format(*(max(0, min(255, round(float(c)))) for c in (r, g, b)))
    except (TypeError, ValueError, OverflowError):  # "x", NaN, Infinity
        return ""
