"""The small fixtures in tests/data/io: each quirk, without the shared datasets folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desktop.io.registry import load

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "io"


def day(text: str) -> float:
    return float(dt.date.fromisoformat(text).toordinal())


def test_dynamic_gexf_spec_example() -> None:
    dataset = load(FIXTURES / "dynamics.gexf").dataset
    assert (len(dataset.actors), len(dataset.events)) == (4, 5)
    assert dataset.span == (day("2009-03-01"), day("2009-03-10"))
    assert dataset.actor("0").start == day("2009-03-01")
    open_start = next(e for e in dataset.events if e.interactions[0].a == "2")
    assert open_start.time == day("2009-03-01") and open_start.end_time == day("2009-03-10")


def test_slice_is_one_snapshot() -> None:
    dataset = load(FIXTURES / "slice_timestamp.gexf").dataset
    assert dataset.is_static and dataset.span == (1999.0, 1999.0)
    assert dataset.events[0].interactions[0].weight == 3.0
    assert dataset.actor("p").name == "Paris"


def test_space_separated_timeset_with_bom_and_infinity() -> None:
    result = load(FIXTURES / "space_timeset.csv")
    dataset = result.dataset
    assert {a.id for a in dataset.actors} == {"Ann", "Bob", "Cy"}
    assert len(dataset.events) == 4
    assert dataset.span == (day("2020-01-01"), day("2020-03-01"))
    open_end = max(dataset.events, key=lambda e: e.end_time or 0)
    assert open_end.end_time == day("2020-03-01")  # +Infinity clipped to the data's span


def test_signed_pajek() -> None:
    result = load(FIXTURES / "signed.net")
    dataset = result.dataset
    assert [a.name for a in dataset.actors] == ["Ann", "Bob", "Cy"]
    tones = sorted(i.tone for e in dataset.events for i in e.interactions)
    assert tones == [-2.0, 1.0, 1.0]
    assert any("self-loops" in line and "line 10" in line for line in result.report.skipped)


def test_newman_gml_with_parallel_edges() -> None:
    dataset = load(FIXTURES / "newman_style.gml").dataset
    assert [a.id for a in dataset.actors] == ["1", "2", "3"]
    assert len(dataset.events) == 3


def test_yed_labels_and_dates() -> None:
    dataset = load(FIXTURES / "yed_labels.graphml").dataset
    assert [a.name for a in dataset.actors] == ["Kerry", "Zarif"]
    assert dataset.span == (day("2013-11-08"), day("2013-11-24"))
