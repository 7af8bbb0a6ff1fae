"""The counting pass keeps numbers only (so an engine can spill it); names and citations come from a second,
narrow pass over the chosen pairs, and must still describe the actors as the whole input does."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

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


def test_duckdb_runs_under_a_budget_it_spills_beyond(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RELMAP_DUCKDB_MEMORY", raising=False)
    engine = DuckDBEngine()
    try:
        limit, temp, order = engine.raw.sql("SELECT current_setting('memory_limit'), current_setting('temp_directory'),"
                                            " current_setting('preserve_insertion_order')").fetchone()
        assert limit == "953.6 MiB" and order is False  # 1 GB
        assert Path(temp).is_dir() and Path(temp).name.startswith("relmap-duckdb-")
    finally:
        engine.close()
    assert not Path(temp).exists()


def many_pairs(path: Path, rows: int) -> Path:
    """GDELT columns as Parquet: a thousand actors, each known by several names, nearly every pair and day once."""
    with duckdb.connect() as con:
        con.execute(f"""COPY (SELECT i::VARCHAR AS GLOBALEVENTID,
              strftime(DATE '2013-01-01' + (i % 365)::INT, '%Y%m%d') AS SQLDATE,
              'A' || (i % 997) AS Actor1Code, 'N' || (i % 997) AS Actor1Name, 'ISR' AS Actor1CountryCode,
              'GOV' AS Actor1Type1Code, 'A' || (i // 7 % 991) AS Actor2Code, 'M' || (i // 7 % 1009) AS Actor2Name,
              'PSE' AS Actor2CountryCode, 'MIL' AS Actor2Type1Code, '040' AS EventCode,
              ((i % 21) - 10)::DOUBLE AS GoldsteinScale, 1.5 AS AvgTone, 'https://news.example/' || i AS SOURCEURL
            FROM range({rows}) r(i)) TO '{path}' (FORMAT parquet)""")
    return path


def test_a_run_under_a_small_budget_writes_the_same_dataset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = str(many_pairs(tmp_path / "events.parquet", 1_000_000))  # a million pair-days to count
    selection = Selection(bucket="day", top=20)
    roomy = AggregateJob([source], selection).run().document
    monkeypatch.setenv("RELMAP_DUCKDB_MEMORY", "300MB")
    tight = AggregateJob([source], selection).run().document
    assert roomy["events"] and tight == roomy
    # names tied on count are listed in one order whatever order the engine's threads hand them over in
    aliases = [a["aliases"] for a in roomy["actors"]]
    assert all(len(a) == 4 for a in aliases) and aliases[0][1:] == sorted(aliases[0][1:])
