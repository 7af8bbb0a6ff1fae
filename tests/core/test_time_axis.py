from __future__ import annotations

import datetime as dt

import pytest

from desktop.core.time_axis import DATE_AXIS, TimeAxis, TimeParseError, parse_iso_date


@pytest.mark.parametrize(
    ("text", "day", "precision"),
    [("2013-11-05", dt.date(2013, 11, 5), "day"), ("2013-11", dt.date(2013, 11, 1), "month"),
     ("2014", dt.date(2014, 1, 1), "year")],
)
def test_iso_dates_and_their_precision(text: str, day: dt.date, precision: str) -> None:
    assert parse_iso_date(text) == (day, precision)


@pytest.mark.parametrize("text", ["2014-02-30", "2013-13", "yesterday", "13/11/2013", ""])
def test_impossible_or_foreign_dates_are_refused_with_the_value(text: str) -> None:
    with pytest.raises(TimeParseError, match="is not"):
        parse_iso_date(text)


def test_formatting_follows_precision() -> None:
    t = DATE_AXIS.to_instant("2013-11-05")
    assert DATE_AXIS.format(t) == "5 November 2013"
    assert DATE_AXIS.format(t, "month") == "November 2013"
    assert DATE_AXIS.format(t, "year") == "2013"
    assert DATE_AXIS.format_iso(t, "month") == "2013-11"


def test_number_axes_keep_their_numbers() -> None:
    axis = TimeAxis(kind="number", unit="step")
    assert axis.parse("12.5") == (12.5, "day")
    assert axis.format(12.0) == "step 12"
    assert axis.to_date(3.0) is None
    with pytest.raises(TimeParseError):
        axis.parse(float("nan"))
