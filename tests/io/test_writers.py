"""Writers and conversion: atomic, and a round trip through GEXF keeps what matters."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop.core.model import Actor, Chapter, Dataset, Event, Group, Interaction
from desktop.core.time_axis import TimeAxis
from desktop.io.convert import convert
from desktop.io.native import load_dataset
from desktop.io.problems import DatasetError
from desktop.io.registry import load
from desktop.io.writers import native_document, write_gexf, write_native

BUILT_IN = Path(__file__).resolve().parents[2] / "resources" / "datasets" / "kerry-2013-2014.json"


def small_dataset() -> Dataset:
    groups = (Group("us", "United States", "#1f77b4"), Group("ir", "Iran", "#2ca02c"))
    actors = (Actor("kerry", "John Kerry", "us"), Actor("zarif", "Javad Zarif", "ir"), Actor("x", "Third"))
    events = (
        Event("e1", 735177.0, "day", title="Geneva talks", kind="meeting",
              interactions=(Interaction("kerry", "zarif", 1.5, 2.0), Interaction("zarif", "x", -0.5))),
        Event("e2", float(dt.date(2013, 12, 1).toordinal()), "month", end_time=735590.0,
              interactions=(Interaction("kerry", "x", -2.0),)),
    )
    return Dataset("Small", actors, events, groups=groups)


def built_in_dataset() -> Dataset:
    """The shipped dataset, loaded as is: if it stops loading, the round trip must fail, not test something else."""
    return load_dataset(BUILT_IN)


@pytest.mark.parametrize("make", [small_dataset, built_in_dataset], ids=["fixture", "built-in"])
def test_gexf_round_trip_keeps_actors_groups_times_and_tones(tmp_path: Path, make) -> None:
    original = make()
    path = tmp_path / "out.gexf"
    write_gexf(original, path)
    back = load(path).dataset
    assert [(a.id, a.name, a.group) for a in back.actors] == [(a.id, a.name, a.group) for a in original.actors]
    assert {(g.id, g.label, g.colour) for g in back.groups} == {(g.id, g.label, g.colour) for g in original.groups
                                                              if any(a.group == g.id for a in original.actors)}
    def key(dataset: Dataset) -> list[tuple]:
        return sorted((e.id, e.time, e.end_time, tuple((i.a, i.b, i.tone, i.weight) for i in e.interactions))
                      for e in dataset.events)
    assert key(back) == key(original)
    assert back.axis == original.axis


def test_native_round_trip(tmp_path: Path) -> None:
    original = small_dataset()
    path = tmp_path / "out.relmap.json"
    write_native(original, path)
    back = load(path).dataset
    assert [e.id for e in back.events] == ["e1", "e2"]
    assert back.events[1].date_precision == "month"
    assert back.groups == original.groups


def test_writes_are_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "keep.gexf"
    path.write_text("old", encoding="utf-8")

    def broken(*_args, **_kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("xml.etree.ElementTree.ElementTree.write", broken)
    with pytest.raises(OSError):
        write_gexf(small_dataset(), path)
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.gexf"]


def test_convert_csv_to_gexf_and_native(tmp_path: Path) -> None:
    source = tmp_path / "edges.csv"
    source.write_text("source,target,date,weight\na,b,2013-11-05,2\nb,c,2013-11-07,-1\n", encoding="utf-8")
    report = convert(source, tmp_path / "out.gexf")
    assert "wrote out.gexf" in report.summary()
    assert len(load(tmp_path / "out.gexf").dataset.events) == 2
    convert(tmp_path / "out.gexf", tmp_path / "out.relmap.json")
    assert load(tmp_path / "out.relmap.json").dataset.events[1].interactions[0].tone == -1.0
    with pytest.raises(DatasetError, match="cannot write"):
        convert(source, tmp_path / "out.xlsx")


def number_dataset() -> Dataset:
    """A number-axis dataset whose zeroes (times, bounds, tone) must survive a write."""
    actors = (Actor("a", "A", start=0.0, end=5.0), Actor("b", "B", start=0.0), Actor("c", "C"))
    events = (
        Event("s0", 0.0, end_time=0.0, interactions=(Interaction("a", "b", 0.0, 0.25),)),
        Event("s1", 1.0, interactions=(Interaction("a", "c", 1.0, 2.0),)),
        Event("s2", 2.5, interactions=(Interaction("b", "c", -1.0),)),
    )
    chapters = (Chapter("c1", "Opening", 0.0, 0.0), Chapter("c2", "Rest", 0.0, 3.0))
    return Dataset("Steps", actors, events, axis=TimeAxis("number", "step"), chapters=chapters)


def _native_key(dataset: Dataset) -> tuple:
    return (
        [(e.id, e.time, e.end_time, e.date_precision,
          tuple((i.a, i.b, i.tone, i.weight, i.note) for i in e.interactions)) for e in dataset.events],
        [(a.id, a.name, a.group, a.start, a.end) for a in dataset.actors],
        [(c.id, c.title, c.start, c.end) for c in dataset.chapters],
        dataset.groups, dataset.axis,
    )


@pytest.mark.parametrize("make", [small_dataset, number_dataset], ids=["date", "number"])
def test_native_round_trip_keeps_times_weights_and_zeroes(tmp_path: Path, make) -> None:
    original = make()
    path = tmp_path / "out.relmap.json"
    write_native(original, path)
    back = load(path).dataset
    assert _native_key(back) == _native_key(original)


def test_native_document_keeps_zero_and_drops_only_empties() -> None:
    document = native_document(number_dataset())
    first = document["events"][0]
    assert first["date"] == 0.0 and first["end_date"] == 0.0
    assert first["interactions"][0] == {"a": "a", "b": "b", "tone": 0.0, "weight": 0.25}
    assert document["actors"][0]["start"] == 0.0
    assert document["chapters"][0] == {"id": "c1", "title": "Opening", "start": 0.0, "end": 0.0}
    assert "background" not in first and "summary" not in first and "participants" not in first
