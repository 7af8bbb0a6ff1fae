"""The counting pass keeps numbers only (so an engine can spill it); names and citations come from a second,
narrow pass over the chosen pairs, and must still describe the actors as the whole input does."""

from __future__ import annotations

from pathlib import Path

from desktop.events import AggregateJob, Selection
from desktop.events import expression as ex
from desktop.events.engines import DuckDBEngine
from desktop.events.sources import Unpacked, collect
from tests.events.eventfiles import gdelt_row, write_lines


def test_the_counting_pass_aggregates_numbers_only(tmp_path: Path) -> None:
    source = write_lines(tmp_path / "day.export.CSV", [gdelt_row(1, "20130701", "ISRGOV", "PSEGOV", "3.0")])
    engine = DuckDBEngine()
    try:
        files, _ = collect([str(source)], "auto", Unpacked())
        (table, layout), = engine.tables(files)
        stage = ex.stage_one(ex.with_status(ex.prepared(table, layout), Selection()), Selection())
        schema = stage.schema()
        assert list(schema.names) == ["_file", "status", "bucket", "a", "b", "n", "s10"]
        assert schema["n"].is_integer() and schema["s10"].is_integer()
    finally:
        engine.close()


def test_top_actors_keep_names_and_event_totals_from_all_their_events(tmp_path: Path) -> None:
    rows = [gdelt_row(n, "20130701", "ISRGOV", "PSEGOV", "1.0") for n in range(6)]
    rows += [gdelt_row(100 + n, "20130702", "ISRGOV", "JORGOV", "2.0") for n in range(4)]  # JOR: not in the top 2
    rows += [gdelt_row(200 + n, "20130703", "PSEGOV", "USAGOV", "2.0") for n in range(2)]
    source = write_lines(tmp_path / "day.export.CSV", rows)
    result = AggregateJob([str(source)], Selection(top=2)).run()
    actors = {a["id"]: a for a in result.document["actors"]}
    assert set(actors) == {"ISRGOV", "PSEGOV"}
    assert actors["ISRGOV"]["note"] == "10 coded events as either party"  # its 4 events with Jordan count too
    assert actors["PSEGOV"]["note"] == "8 coded events as either party"
    assert actors["ISRGOV"]["name"] == "Israel" and actors["PSEGOV"]["group"] == "GOV"
    (event,) = result.document["events"]
    urls = {s["id"]: s["url"] for s in result.document["sources"]}
    assert event["interactions"][0]["weight"] == 6
    assert [urls[ref["source"]] for ref in event["sources"]] == ["https://news.example/0", "https://news.example/5"]
