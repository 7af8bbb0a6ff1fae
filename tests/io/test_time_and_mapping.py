"""Time values and column guesses: the pure parts the mapping dialog will call."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.core.time_axis import TimeParseError
from desktop.io.csv_mapping import guess_mapping
from desktop.io.intervals import parse_intervals
from desktop.io.timeparse import infer_format


def day(text: str) -> float:
    return float(dt.date.fromisoformat(text).toordinal())


def test_dates_of_every_shape_on_one_axis() -> None:
    fmt = infer_format(["2013-11-05", "2013-11", "(1924-07)", "(1929-)", "20131105", "31/12/2013"])
    assert fmt.axis.is_date and fmt.day_first
    assert fmt.parse("2013-11").start == day("2013-11-01")
    assert fmt.parse("2013-11").precision == "month"
    approx = fmt.parse("(1924-07)")
    assert approx is not None and approx.note.startswith("approximate")
    assert fmt.parse("(1929-)").precision == "year"
    ranged = fmt.parse("(1929--1931)")
    assert ranged is not None and ranged.end == day("1931-01-01")
    assert fmt.parse("20131105").start == day("2013-11-05")
    assert fmt.parse("31/12/2013").start == day("2013-12-31")
    assert fmt.parse("未登錄日期") is None
    with pytest.raises(TimeParseError, match="not a calendar date"):
        fmt.parse("2014-02-30")


def test_month_first_only_when_unambiguous() -> None:
    assert not infer_format(["12/31/2013", "01/02/2014"]).day_first
    assert infer_format(["01/02/2014"]).day_first


def test_numbers_years_steps_and_unknown_codes() -> None:
    years = infer_format(["1312.5", "1300", "1321"])
    assert (years.axis.kind, years.axis.unit) == ("number", "year")
    assert years.parse("1312.5").start == 1312.5
    steps = infer_format(["10", "16", "99", "12"])
    assert (steps.axis.kind, steps.axis.unit) == ("number", "step")
    assert steps.parse("99") is None and steps.parse("16").start == 16
    assert infer_format(["2000.0"], hint="double").axis.kind == "number"
    assert infer_format(["-Infinity", "2016-02-03"]).parse("-Infinity").start == float("-inf")


def test_gephi_interval_notation() -> None:
    pieces = parse_intervals("<[1.0, 2, 1]; [3,5.5, 3.25]>")
    assert pieces is not None and [(p.start, p.end, p.value) for p in pieces] == [("1.0", "2", "1"),
                                                                                  ("3", "5.5", "3.25")]
    spells = parse_intervals("[1,5]; [10, 10.5]; [11, 16];")
    assert spells is not None and len(spells) == 3
    assert parse_intervals("2016-02-03") is None
    stamps = parse_intervals("<[2004, 2005]>", points=True)
    assert stamps is not None and [p.start for p in stamps] == ["2004", "2005"]


@pytest.mark.parametrize(
    ("header", "rows", "expected"),
    [
        (["Source", "Target", "Type", "timeset"], [["a", "b", "Directed", "[2016-02-03, 2016-02-04]"]],
         {"source": "Source", "target": "Target", "time": "timeset"}),
        (["onset", "terminus", "tail", "head", "onset.censored", "duration", "edge.id"],
         [["1300", "1301", "1", "2", "FALSE", "1", "1"]],
         {"source": "tail", "target": "head", "start": "onset", "end": "terminus", "id": "edge.id"}),
        (["Giver", "Recipient", "Form of Help", "Date of Activity", "Time Step Start", "Time step End"],
         [["A", "B", "3", "15", "15", "16"]],
         {"source": "Giver", "target": "Recipient", "start": "Time Step Start", "end": "Time step End"}),
        (["from", "to", "date", "tone", "weight"], [["a", "b", "2013-11-05", "-1", "2"]],
         {"source": "from", "target": "to", "time": "date", "tone": "tone", "weight": "weight"}),
        (["vertex.id", "name", "region"], [["1", "Pierre", "Amiens"]],
         {"id": "vertex.id", "label": "name", "group": "region"}),
        (["column 1", "column 2"], [["5", "1"]], {"source": "column 1", "target": "column 2"}),
    ],
)
def test_guess_mapping(header: list[str], rows: list[list[str]], expected: dict[str, str]) -> None:
    mapping = guess_mapping(header, rows)
    for role, column in expected.items():
        assert getattr(mapping, role) == column, mapping.describe()


def test_goldstein_like_tone_is_scaled() -> None:
    mapping = guess_mapping(["source", "target", "goldstein"], [["a", "b", "-10"], ["b", "a", "7"]])
    assert mapping.tone == "goldstein" and mapping.tone_scale == 5.0


def test_explicit_mapping_overrides_the_guess(write) -> None:
    from desktop.io.csv_mapping import ColumnMapping
    from desktop.io.csv_tables import read

    path = write("swap.csv", "source,target,when\na,b,2013-01-01\n")
    result = read(path, mapping=ColumnMapping(source="target", target="source", time="when"))
    assert result.dataset.events[0].interactions[0].a == "b"
    assert result.report.guessed == ["time read as dates"]


def test_decorated_years_on_a_number_axis_are_read_not_skipped() -> None:
    values = ["(1929)", "c. 1930", "1931-", "[1932]", "1933"]
    fmt = infer_format(values)
    assert (fmt.axis.kind, fmt.axis.unit) == ("number", "year")
    parsed = [fmt.parse(v) for v in values]
    assert [p.start for p in parsed] == [1929.0, 1930.0, 1931.0, 1932.0, 1933.0]
    assert parsed[0].note == "approximate ((1929))" and parsed[1].note == "approximate (c. 1930)"
    assert parsed[4].note == ""
    with pytest.raises(TimeParseError, match=r"'c\. soon' is not a number"):
        fmt.parse("c. soon")


def test_csv_with_decorated_years_keeps_every_row(tmp_path) -> None:
    from desktop.io.registry import load

    path = tmp_path / "letters.csv"
    path.write_text("source,target,year\na,b,(1929)\nb,c,c. 1930\na,c,1931-\n", encoding="utf-8")
    dataset = load(path).dataset
    assert dataset.axis.unit == "year"
    assert [(e.time, e.date_note) for e in dataset.events] == [
        (1929.0, "approximate ((1929))"), (1930.0, "approximate (c. 1930)"), (1931.0, "")]
