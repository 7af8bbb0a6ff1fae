"""Tolerant reading of the time values that real network files carry.

Files written by others store time as ISO dates, datetimes with zones, partial dates (``2013-11``),
day-first or month-first dates, GDELT's ``YYYYMMDD``, parenthesised approximate dates from catalogues
(``(1924-07)``, ``(1929-)``, ``(1929--1931)``), fractional years (``1312.5``), coded periods (``10``…``16``)
or plain step counts. One column (or one file) is always read with one :class:`TimeFormat`, inferred from
all of its values at once, because a single value is often ambiguous (``03/04/2013``, ``2007``).

Decisions:

* A column with any calendar date is a date column: instants are day ordinals; a datetime adds the
  fraction of its day, so events on one day keep their order. Bare 4-digit integers there are years.
* A column of numbers only stays numeric (``TimeAxis(kind="number")``), with unit ``"year"`` when every
  finite value lies between 1000 and 2200 and ``"step"`` otherwise. Fractional years such as ``1312.5``
  are therefore kept as written rather than turned into an invented 2 July: they are usually averages of
  uncertain ranges, and keeping the number lets a GEXF round trip give back exactly what was read.
* Placeholders (empty, ``NA``, ``?``, ``未登錄日期`` …) and, in numeric columns, an all-nines code that
  sits far above every other value (``99`` among 10–16) mean "unknown": :meth:`TimeFormat.parse` returns
  None and the reader skips that row with a report line. Impossible dates raise :class:`TimeParseError`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from desktop.core.time_axis import Precision, TimeAxis, TimeParseError

PLACEHOLDERS = frozenset(
    {"", "na", "n/a", "nan", "none", "null", "nil", "unknown", "?", "??", "-", "--", "n.d.", "s.d.",
     "nd", "sd", "undated", "未登錄日期", "不詳", "未詳", "unbekannt", "inconnu", "desconocido"}
)
_INFINITY = {"infinity": math.inf, "+infinity": math.inf, "inf": math.inf, "+inf": math.inf,
             "-infinity": -math.inf, "-inf": -math.inf}
_YMD = re.compile(r"^(-?\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_DATETIME = re.compile(r"^-?\d{4}-\d{1,2}-\d{1,2}[T ]\d{1,2}:\d{2}")
_RANGE = re.compile(r"^(\d{4}(?:-\d{1,2}){0,2})\s*(?:--|–|—|/|\.\.)\s*(\d{4}(?:-\d{1,2}){0,2})?$")
_APPROX = re.compile(r"^(?:c\.|ca\.?|circa|about|~)\s*", re.IGNORECASE)
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_MONTH_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y", "%B %Y", "%b %Y")


@dataclass(frozen=True, slots=True)
class TimeValue:
    """One parsed value: an instant (possibly ±infinity for open bounds) and how precise it was.

    ``end`` is set when a single value held a range (``(1929--1931)``); ``note`` keeps what the file said
    when it was approximate, so the event card can show it.
    """

    start: float
    precision: Precision = "day"
    end: float | None = None
    note: str = ""


def is_placeholder(text: str) -> bool:
    return text.strip().lower() in PLACEHOLDERS


def _unwrap(text: str) -> tuple[str, str]:
    """Strip catalogue decorations: ``(1924-07)`` and ``c. 1920`` are approximate but readable."""
    note = ""
    value = text.strip()
    if (value.startswith("(") and value.endswith(")")) or (value.startswith("[") and value.endswith("]")):
        value, note = value[1:-1].strip(), f"approximate ({text.strip()})"
    if _APPROX.match(value):
        value, note = _APPROX.sub("", value), f"approximate ({text.strip()})"
    return value.rstrip("-").strip() if value.endswith("-") and not value.endswith("--") else value, note


def classify(text: str) -> str:
    """``"date"``, ``"number"``, ``"year"`` (a 4-digit integer, either), ``"unknown"`` or ``"bad"``."""
    raw = text.strip()
    if raw.lower() in PLACEHOLDERS:
        return "unknown"
    if raw.lower() in _INFINITY:
        return "infinity"
    value, _ = _unwrap(raw)
    if re.fullmatch(r"-?\d{4}", value) and not raw.startswith("-"):
        return "year"
    if _NUMBER.match(value):
        return "date" if _COMPACT.match(value) and _compact_ok(value) else "number"
    if _DATETIME.match(value) or _YMD.match(value) or _DMY.match(value) or _RANGE.match(value):
        return "date"
    if any(_strptime(value, fmt) for fmt in _MONTH_FORMATS):
        return "date"
    return "bad"


def _compact_ok(value: str) -> bool:
    match = _COMPACT.match(value)
    if not match:
        return False
    year, month, day = (int(part) for part in match.groups())
    return 1000 <= year <= 2999 and 1 <= month <= 12 and 1 <= day <= 31


def _strptime(value: str, fmt: str) -> dt.datetime | None:
    try:
        return dt.datetime.strptime(value, fmt)
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class TimeFormat:
    """How every value of one column (or one file) is read."""

    axis: TimeAxis
    day_first: bool = True
    unknown_codes: frozenset[float] = frozenset()
    timezone: dt.tzinfo | None = None

    def parse(self, text: str | None) -> TimeValue | None:
        """An instant, None for "unknown", or :class:`TimeParseError` saying what was expected."""
        if text is None:
            return None
        raw = text.strip()
        lowered = raw.lower()
        if lowered in PLACEHOLDERS:
            return None
        if lowered in _INFINITY:
            return TimeValue(_INFINITY[lowered])
        if not self.axis.is_date:
            value, note = _unwrap(raw)  # as classify read it: "(1929)", "c. 1930" and "1931-" are numbers too
            try:
                number = float(value)
            except ValueError:
                raise TimeParseError(f"{raw!r} is not a number") from None
            if number in self.unknown_codes:
                return None
            if not math.isfinite(number):
                raise TimeParseError(f"{raw!r} is not a finite number")
            return TimeValue(number, note=note)
        return self._parse_date(raw)

    def _parse_date(self, raw: str) -> TimeValue:
        if len(raw) == 10 and raw[4] == "-" and raw[7] == "-" and raw[:4].isdigit():
            # The common case (2013-11-05) without the regular expressions below; anything odd falls through.
            try:
                return TimeValue(float(dt.date.fromisoformat(raw).toordinal()), "day", None, "")
            except ValueError:
                pass
        value, note = _unwrap(raw)
        ranged = _RANGE.match(value)
        if ranged and ranged.group(2):
            first = self._parse_date(ranged.group(1))
            last = self._parse_date(ranged.group(2))
            return TimeValue(first.start, first.precision, last.start, note or f"between {raw.strip('()')}")
        if ranged:
            value = ranged.group(1)
        if _DATETIME.match(value):
            return TimeValue(self._datetime(value, raw), "day", None, note)
        match = _YMD.match(value) or (_COMPACT.match(value) if _compact_ok(value) else None)
        if match:
            year, month, day = match.groups()
            return self._ymd(int(year), int(month) if month else None, int(day) if day else None, raw, note)
        match = _DMY.match(value)
        if match:
            lead, follow, year_number = (int(part) for part in match.groups())
            day_number, month_number = (lead, follow) if self.day_first else (follow, lead)
            return self._ymd(year_number, month_number, day_number, raw, note)
        for fmt in _MONTH_FORMATS:
            parsed = _strptime(value, fmt)
            if parsed:
                precision: Precision = "month" if "%d" not in fmt else "day"
                return TimeValue(float(parsed.date().toordinal()), precision, None, note)
        raise TimeParseError(f"{raw!r} is not a date (expected e.g. 2013-11-05, 2013-11, 2013 or 05/11/2013)")

    def _ymd(self, year: int, month: int | None, day: int | None, raw: str, note: str) -> TimeValue:
        try:
            if day:
                return TimeValue(float(dt.date(year, month or 1, day).toordinal()), "day", None, note)
            if month:
                return TimeValue(float(dt.date(year, month, 1).toordinal()), "month", None, note)
            return TimeValue(float(dt.date(year, 1, 1).toordinal()), "year", None, note)
        except ValueError as exc:
            raise TimeParseError(f"{raw!r} is not a calendar date ({exc})") from None

    def _datetime(self, value: str, raw: str) -> float:
        try:
            moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00").replace(" ", "T", 1))
        except ValueError as exc:
            raise TimeParseError(f"{raw!r} is not a date and time ({exc})") from None
        if moment.tzinfo is not None and self.timezone is not None:
            moment = moment.astimezone(self.timezone)
        seconds = moment.hour * 3600 + moment.minute * 60 + moment.second + moment.microsecond / 1e6
        return moment.date().toordinal() + seconds / 86400.0


def infer_format(values: Iterable[str], hint: str = "", timezone: dt.tzinfo | None = None) -> TimeFormat:
    """Pick one format for a set of values (a column, or every time value of a file).

    ``hint`` is a declared format when the file has one (GEXF ``timeformat``): ``date``/``dateTime``
    force a calendar, ``double``/``integer``/``float``/``long`` force numbers.
    """
    counts = {"date": 0, "number": 0, "year": 0}
    numbers: list[float] = []
    day_first_votes = [0, 0]
    for text in set(values):  # distinct values: files repeat the same dates many times
        kind = classify(text)
        if kind in counts:
            counts[kind] += 1
        if kind in ("number", "year"):
            numbers.append(float(_unwrap(text)[0]))
        elif kind == "date":
            match = _DMY.match(_unwrap(text)[0])
            if match:
                first, second = int(match.group(1)), int(match.group(2))
                day_first_votes[0] += first > 12
                day_first_votes[1] += second > 12
    hint = hint.lower()
    as_date = hint in ("date", "datetime") or (
        hint not in ("double", "integer", "float", "long") and counts["date"] > 0
        and counts["date"] >= counts["number"]
    )
    if as_date:
        return TimeFormat(TimeAxis("date", "day"), day_first=day_first_votes[1] == 0, timezone=timezone)
    finite = [n for n in numbers if math.isfinite(n)]
    codes = _unknown_codes(finite)
    real = [n for n in finite if n not in codes]
    unit = "year" if real and all(1000 <= n <= 2200 for n in real) else "step"
    return TimeFormat(TimeAxis("number", unit), unknown_codes=codes)


def _unknown_codes(numbers: list[float]) -> frozenset[float]:
    """All-nines codes (99, 999, 9999) standing far above every real value mean "unknown"."""
    nines = {n for n in numbers if n >= 99 and n.is_integer() and set(str(int(n))) == {"9"}}
    rest = [n for n in numbers if n not in nines]
    if not nines or not rest:
        return frozenset()
    return frozenset(n for n in nines if n > 2 * max(abs(r) for r in rest))
