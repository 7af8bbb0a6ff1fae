"""The native format: every problem located, unknown keys kept, hostile JSON refused cleanly."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.io.native import load_dataset, read
from desktop.io.problems import DatasetError
from desktop.io.registry import load, sniff
from tests.conftest import tiny_document


def test_a_valid_file_loads_with_a_report(write_dataset: Callable[..., Path]) -> None:
    result = load(write_dataset())
    assert result.report.format_label.startswith("Relmap")
    assert [a.id for a in result.dataset.actors] == ["ann", "bob", "cat"]
    assert [e.id for e in result.dataset.events] == ["e1", "e2", "e3"]  # sorted by date, then id
    assert result.dataset.events[2].date_precision == "month"
    assert result.report.problems == []


def test_every_problem_is_reported_with_its_location(write_dataset: Callable[..., Path]) -> None:
    doc = tiny_document()
    doc["events"][0]["interactions"][0]["b"] = "yaalon"
    doc["events"][1]["date"] = "2014-02-30"
    doc["events"][2]["participants"] = ["ghost"]
    doc["actors"].append({"id": "ann", "name": "Ann again"})
    with pytest.raises(DatasetError) as caught:
        load(write_dataset(doc))
    messages = [str(p) for p in caught.value.problems]
    assert 'events[0].interactions[0].b: unknown actor "yaalon"' in messages
    assert any(m.startswith("events[1].date:") and "not a calendar date" in m for m in messages)
    assert 'events[2].participants[0]: unknown actor "ghost"' in messages
    assert 'actors[3].id: duplicate id "ann"' in messages
    assert "tiny.relmap.json" in str(caught.value)


def test_schema_problems_are_located_too(write_dataset: Callable[..., Path]) -> None:
    doc = tiny_document()
    doc["events"][0]["interactions"][0]["tone"] = 7
    del doc["actors"][1]["name"]
    with pytest.raises(DatasetError) as caught:
        load(write_dataset(doc))
    text = caught.value.details()
    assert "events[0].interactions[0].tone: 7 is greater than the maximum of 2" in text
    assert "actors[1]: 'name' is missing" in text


def test_unknown_keys_are_kept_and_warned(write_dataset: Callable[..., Path]) -> None:
    doc = tiny_document()
    doc["actors"][0]["twitter"] = "@ann"
    doc["mood"] = "sunny"
    result = load(write_dataset(doc))
    assert result.dataset.actors[0].extra == {"twitter": "@ann"}
    assert result.dataset.extra == {"mood": "sunny"}
    assert {p.location for p in result.report.problems} == {"actors[0].twitter", "mood"}


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"relmap": 1, "title": ', "invalid JSON"),
        (b'{"relmap": 1, "title": "x", "actors": [], "events": [{"id": "e", "date": "2013-01-01", '
         b'"interactions": [{"a": "x", "b": "y", "tone": NaN}]}]}', "not a number JSON allows"),
        (b'{"relmap": 2, "title": "x"}', "format version 2 is not supported"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b'{"relmap": 1, "x": ' + b"[" * 5000 + b"]" * 5000 + b"}", "nested deeper"),
    ],
)
def test_broken_json_gets_a_clear_message(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "broken.json"
    path.write_bytes(content)
    with pytest.raises(DatasetError, match=expected) as caught:
        read(path)
    assert "broken.json" in str(caught.value)


def test_an_empty_file_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "empty.json"
    path.write_text("")
    with pytest.raises(DatasetError, match=r"empty\.json: the file is empty"):
        load(path)


def test_sniffing_finds_a_native_file_whatever_its_name(tmp_path: Path) -> None:
    path = tmp_path / "dataset.txt"
    path.write_text(json.dumps(tiny_document()))
    assert sniff(path).name == "native"


def test_the_builtin_dataset_loads(builtin_path: Path) -> None:
    dataset = load_dataset(builtin_path)
    assert len(dataset.actors) > 20
    assert dataset.axis.is_date
    assert not dataset.is_static


def test_too_deep_a_document_is_refused_once_with_where_it_goes_too_deep(tmp_path: Path) -> None:
    # 64 levels are allowed (the root is level 1); one more is refused by the limits check, which names
    # the place, rather than by a second, unlocated walk over the whole document.
    def nested(levels: int) -> bytes:
        return b'{"relmap": 1, "title": "deep", "actors": [], "events": [], "x": ' + \
            b"[" * (levels - 1) + b"]" * (levels - 1) + b"}"

    path = tmp_path / "deep.json"
    path.write_bytes(nested(64))
    assert read(path).dataset.extra == {"x": nested_list(62)}
    path.write_bytes(nested(65))
    with pytest.raises(DatasetError) as caught:
        read(path)
    assert caught.value.details() == (
        "deep.json: x" + "[0]" * 63 + ": nested deeper than the limit of 64 levels (max_json_depth)")


def nested_list(levels: int) -> list:
    value: list = []
    for _ in range(levels):
        value = [value]
    return value


def test_problems_among_good_values_are_located_one_by_one(write_dataset: Callable[..., Path]) -> None:
    """An unknown actor after known ones, an unknown source second in a list, a tone seen for the first
    time after others: each is found at its own place, and the good values around it are kept."""
    doc = tiny_document()
    doc["events"][0]["participants"] = ["ann", "ghost", "bob", "spectre"]
    doc["events"][1]["sources"] = [{"source": "src"}, {"source": "nowhere", "section": "p. 2"}]
    doc["events"][2]["interactions"][0]["tone"] = 1.75
    doc["events"][2]["interactions"][0]["weight"] = 3
    with pytest.raises(DatasetError) as caught:
        read(write_dataset(doc))
    messages = [str(p) for p in caught.value.problems]
    assert messages == ['events[0].participants[1]: unknown actor "ghost"',
                        'events[0].participants[3]: unknown actor "spectre"',
                        'events[1].sources[1].source: unknown source "nowhere"']
    del doc["events"][0]["participants"], doc["events"][1]["sources"][1]
    interaction = read(write_dataset(doc)).dataset.events[2].interactions[0]  # the file sorts e3 last
    assert (interaction.tone, interaction.weight) == (1.75, 3.0)
