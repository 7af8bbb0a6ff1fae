"""The time axis a dataset lives on.

Everything in the core works on plain floats ("instants") so that a frame of playback is a few numpy
operations. A :class:`TimeAxis` says what those floats mean: proleptic Gregorian day numbers
(``date.toordinal()``) for dated datasets, or the raw numbers of a dataset whose time is a step count
or a fractional year that has no calendar.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Literal

Precision = Literal["day", "month", "year"]
Instant = float

_ISO = re.compile(r"^\s*(-?\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*$")


class TimeParseError(ValueError):
    """A date or time value that cannot be read; the message says what was expected."""


def parse_iso_date(text: str) -> tuple[dt.date, Precision]:
    """Read ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` and say how precise it was.

    Coarser dates resolve to their first day, so ``2013-11`` sorts before any day in November.
    """
    match = _ISO.match(text)
    if not match:
        raise TimeParseError(f"{text!r} is not a date (expected YYYY-MM-DD, YYYY-MM or YYYY)")
    year, month, day = match.groups()
    try:
        if day is not None:
            return dt.date(int(year), int(month), int(day)), "day"
        if month is not None:
            return dt.date(int(year), int(month), 1), "month"
        return dt.date(int(year), 1, 1), "year"
    except ValueError as exc:
        raise TimeParseError(f"{text!r} is not a calendar date ({exc})") from None


@dataclass(frozen=True, slots=True)
class TimeAxis:
    """How instants map to what the user reads.

    ``kind == "date"``: instants are day ordinals and one unit is one day.
    ``kind == "number"``: instants are the dataset's own numbers (``unit`` names them: "step", "year").
    """

    kind: Literal["date", "number"] = "date"
    unit: str = "day"

    @property
    def is_date(self) -> bool:
        return self.kind == "date"

    def parse(self, value: object) -> tuple[Instant, Precision]:
        """Turn a file's date value into an instant and its precision."""
        if self.is_date:
            if isinstance(value, dt.date):
                return float(value.toordinal()), "day"
            if not isinstance(value, str):
                raise TimeParseError(f"{value!r} is not a date string")
            day, precision = parse_iso_date(value)
            return float(day.toordinal()), precision
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise TimeParseError(f"{value!r} is not a number")
        try:
            number = float(value)
        except ValueError:
            raise TimeParseError(f"{value!r} is not a number") from None
        if not math.isfinite(number):
            raise TimeParseError(f"{value!r} is not a finite number")
        return number, "day"

    def to_instant(self, value: dt.date | float | int | str) -> Instant:
        """Accept whatever a caller holds (a date, an instant, an ISO string) as an instant."""
        if isinstance(value, dt.date):
            return float(value.toordinal())
        if isinstance(value, str):
            return self.parse(value)[0]
        return float(value)

    def to_date(self, instant: Instant) -> dt.date | None:
        """The calendar day of an instant, or None on a non-date axis."""
        if not self.is_date:
            return None
        return dt.date.fromordinal(max(1, math.floor(instant)))

    def format(self, instant: Instant, precision: Precision = "day") -> str:
        """A label for the slider, the event cards and exports."""
        if not self.is_date:
            # Playback passes through fractions: one decimal at most, and never scientific notation.
            rounded = round(instant, 1)
            text = f"{rounded:.0f}" if rounded == int(rounded) else f"{rounded:.1f}"
            return f"{self.unit} {text}" if self.unit and self.unit != "day" else text
        day = self.to_date(instant)
        assert day is not None
        if precision == "year":
            return f"{day.year}"
        if precision == "month":
            return day.strftime("%B %Y")
        return f"{day.day} {day.strftime('%B %Y')}"

    def format_iso(self, instant: Instant, precision: Precision = "day") -> str | float:
        """The file form of an instant (what the native writer stores)."""
        if not self.is_date:
            return instant
        day = self.to_date(instant)
        assert day is not None
        if precision == "year":
            return f"{day.year:04d}"
        if precision == "month":
            return f"{day.year:04d}-{day.month:02d}"
        return day.isoformat()


DATE_AXIS = TimeAxis()
