"""Large native files: read a piece at a time, refused at the limit as soon as it is passed, checked by the
compiled validator, and explained (by jsonschema) only where something is wrong."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.io import json_stream
from desktop.io.limits import Limits
from desktop.io.native import dataset_from_document, read
from desktop.io.problems import DatasetError
from tests.conftest import tiny_document


def many_events(count: int, *, bad_source: bool = False) -> dict:
    doc = tiny_document()
    doc["events"] = [
        {"id": f"x{i}", "date": f"2013-09-{1 + i % 28:02d}", "participants": ["ann", "cat"],
         "sources": [{"source": "nowhere" if bad_source else "src"}],
         "interactions": [{"a": "ann", "b": "cat", "tone": (i % 5) - 2}]}
        for i in range(count)
    ]
    return doc


def test_a_file_read_in_small_chunks_gives_the_same_dataset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = many_events(500)
    path = tmp_path / "many.relmap.json"
    path.write_text(json.dumps(doc, indent=1), encoding="utf-8")
    monkeypatch.setattr(json_stream, "CHUNK", 97)  # every event straddles a chunk boundary somewhere
    streamed = read(path).dataset
    whole = dataset_from_document(doc)
    assert [(e.id, e.time, e.interactions, e.sources) for e in streamed.events] == \
        [(e.id, e.time, e.interactions, e.sources) for e in whole.events]
    assert len(streamed.events) == 500


def test_a_syntax_error_far_into_the_file_names_its_line_and_column(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    text = json.dumps(many_events(300), indent=1)
    lines = text.splitlines()
    target = next(i for i, line in enumerate(lines) if '"x250"' in line)
    lines[target] = lines[target].replace('"x250"', '"x250" oops')
    path = tmp_path / "broken.relmap.json"
    path.write_text("\n".join(lines), encoding="utf-8")
    monkeypatch.setattr(json_stream, "CHUNK", 1000)
    with pytest.raises(DatasetError) as caught:
        read(path)
    column = lines[target].index(" oops") + 2
    assert f"line {target + 1}, column {column}: invalid JSON" in str(caught.value)


def test_over_the_interaction_limit_is_refused_where_the_count_passes_without_reading_on(tmp_path: Path) -> None:
    text = json.dumps(many_events(50))
    # Whatever follows the event that passes the limit is never read: garbage there changes nothing.
    cut = text.index('{"id": "x14"')
    path = tmp_path / "big.relmap.json"
    path.write_text(text[:cut] + "garbage that is not JSON at all", encoding="utf-8")
    with pytest.raises(DatasetError) as caught:
        read(path, limits=Limits(max_interactions=13))
    assert caught.value.problems[0].location == "events[13].interactions"  # the 14th interaction
    assert "max_interactions" in str(caught.value)


def test_events_before_the_actors_and_a_number_axis_after_them_still_load(tmp_path: Path) -> None:
    doc = {"events": [{"id": "e1", "date": 3, "interactions": [{"a": "a", "b": "b", "tone": 1}]},
                      {"id": "e2", "date": 7, "kind": "talk", "sources": [{"source": "s"}],
                       "interactions": [{"a": "a", "b": "b", "tone": -1}]}],
           "relmap": 1, "title": "Steps", "actors": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}]}
    path = tmp_path / "steps.relmap.json"
    path.write_text(json.dumps({**doc, "time": {"kind": "number", "unit": "step"},
                                "sources": [{"id": "s", "title": "S"}], "kinds": [{"id": "talk", "label": "Talk"}]}),
                    encoding="utf-8")
    dataset = read(path).dataset
    assert [e.time for e in dataset.events] == [3.0, 7.0]
    # Version and actors first, then events, then the axis: the events are read again with the right axis.
    ordered = {"relmap": 1, "title": "Steps", "actors": doc["actors"], "events": doc["events"],
               "time": {"kind": "number", "unit": "step"}, "sources": [{"id": "s", "title": "S"}],
               "kinds": [{"id": "talk", "label": "Talk"}]}
    path.write_text(json.dumps(ordered), encoding="utf-8")
    result = read(path)
    assert [e.time for e in result.dataset.events] == [3.0, 7.0]
    assert result.report.problems == []  # the source and kind named before their sections were found


def test_a_valid_file_never_reaches_jsonschema(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import jsonschema

    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("jsonschema is only for explaining a failure")

    monkeypatch.setattr(jsonschema, "Draft202012Validator", refuse)
    path = tmp_path / "many.relmap.json"
    path.write_text(json.dumps(many_events(200)), encoding="utf-8")
    assert len(read(path).dataset.events) == 200


def test_a_top_level_key_given_twice_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "twice.relmap.json"
    text = json.dumps(tiny_document())
    path.write_text(text[:-1] + ', "title": "Again"}', encoding="utf-8")
    with pytest.raises(DatasetError, match="title: appears twice"):
        read(path)


def test_validate_lists_twenty_problems_then_one_line_per_kind(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    doc = many_events(3000, bad_source=True)
    for event in doc["events"][:40]:
        event["interactions"][0]["tone"] = 9
    path = tmp_path / "bad.relmap.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) <= 20 + 3
    assert lines[0].startswith("relmap: error: bad.relmap.json: events[0].interactions[0].tone: 9 is greater")
    summary = [line for line in lines if "more:" in line]
    # 40 bad tones (20 shown), then 2,960 unknown sources in the events whose structure is fine
    assert summary == ["  bad.relmap.json: and 2,960 more: events[*].sources[0].source: unknown source …",
                       "  bad.relmap.json: and 20 more: events[*].interactions[0].tone: … is greater "
                       "than the maximum of …"]
