"""``relmap aggregate`` on small files in each format's real column layout, through the real entry point."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main
from desktop.io.registry import load
from tests.events.eventfiles import acled_rows, gdelt_row, icews_rows, write_lines

TALKS = [("ISRGOV", "PSEGOV", "3.0"), ("PSEGOV", "ISRGOV", "-2.0"), ("USAGOV", "ISRGOV", "4.0"),
         ("USAGOV", "PSEGOV", "1.0"), ("ISR", "", "1.0"), ("JORGOV", "USAGOV", "2.0")]


def talks_rows(width: int = 61, first_id: int = 1) -> list[str]:
    """Six events a day on 1–14 July 2013 (two weeks: 1 and 8 July are Mondays)."""
    return [gdelt_row(first_id + n, f"201307{1 + n // len(TALKS):02d}", a, b, g, width=width)
            for n, (a, b, g) in enumerate(TALKS * 14)]


def aggregate(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main(["aggregate", *(str(a) for a in args)])
    out, err = capsys.readouterr()
    return code, out, err


def document(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def interactions(doc: dict[str, Any]) -> dict[tuple[str, str, str], dict[str, Any]]:
    return {(e["date"], *sorted(e["participants"])): e["interactions"][0] for e in doc["events"]}


def test_gdelt2_files_become_a_dataset_of_pairs_per_week(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_lines(tmp_path / "20130701.export.CSV", talks_rows())
    out = tmp_path / "talks.relmap.json"
    code, printed, err = aggregate(capsys, source, "-o", out)
    assert (code, err) == (0, "")
    assert "rows read: 84" in printed and "rows kept: 70" in printed and "skipped, one actor only: 14" in printed
    doc = document(out)
    pairs = interactions(doc)
    # ISR–PSE: 7 days × 2 events a week, one at +3 and one at -2 each day: mean +0.5, tone 0.1
    week = pairs[("2013-07-01", "ISRGOV", "PSEGOV")]
    assert week == {"a": "ISRGOV", "b": "PSEGOV", "tone": 0.1, "weight": 14, "note": "14 events, mean score +0.5 / 5"}
    assert pairs[("2013-07-08", "ISRGOV", "USAGOV")]["tone"] == 0.8 and len(pairs) == 8
    event = next(e for e in doc["events"] if e["participants"] == ["ISRGOV", "PSEGOV"])
    assert event["end_date"] == "2013-07-07" and 1 <= len(event["sources"]) <= 3
    urls = {s["id"]: s["url"] for s in doc["sources"]}
    assert all(urls[ref["source"]].startswith("https://news.example/") for ref in event["sources"])
    actors = {a["id"]: a for a in doc["actors"]}
    assert actors["ISRGOV"]["name"] == "Israel" and actors["ISRGOV"]["group"] == "GOV"
    assert "country ISR" in actors["ISRGOV"]["role"]
    assert {g["id"]: g["label"] for g in doc["groups"]} == {"GOV": "Government"}
    loaded = load(out)  # the real reader takes it without a warning
    assert len(loaded.dataset.events) == 8 and not loaded.report.problems


def test_gdelt1_daily_and_backfile_widths_zip_and_gz(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = tmp_path / "20130701.export.CSV.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("20130701.export.CSV", "\n".join(talks_rows(width=58)) + "\n")
    back = write_lines(tmp_path / "2013.csv.gz", talks_rows(width=57, first_id=1000))
    out = tmp_path / "out.relmap.json"
    code, printed, err = aggregate(capsys, archive, back, "-o", out, "--bucket", "month")
    assert (code, err) == (0, "")
    assert "rows read: 168 from 2 files" in printed
    doc = document(out)
    pairs = interactions(doc)
    assert pairs[("2013-07", "ISRGOV", "PSEGOV")]["weight"] == 56
    assert doc["events"][0]["date_precision"] == "month"
    # the back file has no SOURCEURL: only the daily file's reports are cited
    assert doc["sources"] and all("news.example" in s["url"] for s in doc["sources"])


def test_a_folder_with_a_header_and_commas_as_exported_from_a_database(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.events.layouts import GDELT2_COLUMNS

    folder = tmp_path / "gdelt"
    folder.mkdir()
    lines = [",".join(GDELT2_COLUMNS)] + [row.replace("\t", ",") for row in talks_rows()[:12]]
    write_lines(folder / "export.csv", lines)
    out = tmp_path / "out.relmap.json"
    code, printed, _ = aggregate(capsys, folder, "-o", out, "--format", "gdelt2")
    assert code == 0 and "rows read: 12" in printed


def test_icews_with_and_without_a_header(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [("1", "2014-03-03", "Benjamin Netanyahu", "Israel", "Mahmoud Abbas", "Occupied Palestinian Territory",
             "-4.0"), ("2", "2014-03-04", "Mahmoud Abbas", "Occupied Palestinian Territory", "Benjamin Netanyahu",
                       "Israel", "2.0"),
            ("3", "2014-03-05", "John Kerry", "United States", "Mahmoud Abbas", "Occupied Palestinian Territory",
             "6.0")]
    with_header = write_lines(tmp_path / "events.2014.tab", icews_rows(rows))
    without = write_lines(tmp_path / "more.tab", icews_rows(rows, header=False))
    out = tmp_path / "icews.relmap.json"
    code, printed, _ = aggregate(capsys, with_header, without, "-o", out)
    assert code == 0 and "rows read: 6" in printed and "rows kept: 6" in printed
    pairs = interactions(document(out))
    assert pairs[("2014-03-03", "Benjamin Netanyahu", "Mahmoud Abbas")] == {
        "a": "Benjamin Netanyahu", "b": "Mahmoud Abbas", "tone": -0.2, "weight": 4,
        "note": "4 events, mean score -1.0 / 5"}
    groups = {a["id"]: a["group"] for a in document(out)["actors"]}
    assert groups["John Kerry"] == "Government"  # the first of "Government,Executive"


def test_acled_csv_with_quoted_commas_and_both_date_styles(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [("PSE1", "2014-04-01", "Protests", "Protesters (Palestine)", "Military Forces of Israel (2009-)"),
            ("PSE2", "2014-04-02", "Battles", "Military Forces of Israel (2009-)", "Hamas Movement")]
    modern = write_lines(tmp_path / "acled.csv", acled_rows(rows))
    older = write_lines(tmp_path / "acled-old.csv", acled_rows([
        ("PSE3", "03 April 2014", "Strategic developments", "Hamas Movement", "Military Forces of Israel (2009-)")]))
    out = tmp_path / "acled.relmap.json"
    code, printed, _ = aggregate(capsys, modern, older, "-o", out, "--format", "acled", "--bucket", "day")
    assert code == 0 and "rows kept: 3" in printed
    pairs = interactions(document(out))
    assert pairs[("2014-04-01", "Military Forces of Israel (2009-)", "Protesters (Palestine)")]["tone"] == -1.3
    assert pairs[("2014-04-02", "Hamas Movement", "Military Forces of Israel (2009-)")]["tone"] == -2.0
    assert pairs[("2014-04-03", "Hamas Movement", "Military Forces of Israel (2009-)")]["tone"] == 0.0
    groups = {g["id"]: g["label"] for g in document(out)["groups"]}
    assert groups["1"] == "State forces" and groups["6"] == "Protesters"


def test_bad_rows_are_skipped_and_located_by_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = talks_rows()[:12]
    rows[2] = "\t".join(rows[2].split("\t")[:40])                              # line 3: 40 of 61 columns
    rows[4] = rows[4].replace("\t20130701\t", "\t20130231\t", 1)               # line 5: 31 February
    fields = rows[7].split("\t")
    fields[30] = "strong"                                                      # line 8: Goldstein "strong"
    rows[7] = "\t".join(fields)
    rows[9] = rows[9] + "\tone too many"                                       # line 10: 62 columns
    source = write_lines(tmp_path / "day.export.CSV", rows)
    out = tmp_path / "out.relmap.json"
    code, printed, _ = aggregate(capsys, source, "-o", out)
    assert code == 0
    for line, reason in ((3, "wrong column count"), (5, "bad date"), (8, "non-numeric score"),
                         (10, "wrong column count")):
        assert f"{source}: line {line}: {reason}, skipped" in printed
    assert f"bad rows in {source}: 1 bad date, 1 non-numeric score, 2 wrong column count" in printed
    assert "rows read: 12" in printed
    note = document(out)["notes"][0]["text"]
    assert "line 8: non-numeric score" in note


def test_selection_actors_dates_codes_top_and_minimum(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = talks_rows()
    rows += [gdelt_row(5000 + n, "20130702", "ISRGOV", "PSEGOV", "-7.0", code="190") for n in range(3)]
    source = write_lines(tmp_path / "day.export.CSV", rows)
    out = tmp_path / "out.relmap.json"
    code, printed, _ = aggregate(capsys, source, "-o", out, "--actors", "ISR,pse", "--from", "2013-07-01",
                                 "--to", "2013-07-07", "--event-codes", "19", "--bucket", "day")
    assert code == 0 and "skipped, other event codes:" in printed
    assert interactions(document(out)) == {("2013-07-02", "ISRGOV", "PSEGOV"): {
        "a": "ISRGOV", "b": "PSEGOV", "tone": -1.4, "weight": 3, "note": "3 events, mean score -7.0 / 5"}}
    code, printed, _ = aggregate(capsys, source, "-o", out, "--top", "2", "--min-events", "15")
    assert code == 0
    assert set(interactions(document(out))) == {("2013-07-01", "ISRGOV", "PSEGOV")}  # 14 + 3 in week one


def test_parquet_and_a_database_url_give_the_same_dataset_as_the_files(tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    import duckdb

    from desktop.events.layouts import GDELT2_COLUMNS

    source = write_lines(tmp_path / "day.export.CSV", talks_rows())
    columns = ", ".join(f"'{c}': 'VARCHAR'" for c in GDELT2_COLUMNS)
    scan = f"read_csv('{source}', delim='\t', header=false, quote='', columns={{{columns}}})"
    database = tmp_path / "gdelt.duckdb"
    with duckdb.connect(str(database)) as con:
        con.execute(f"CREATE TABLE events AS SELECT * REPLACE (CAST(SQLDATE AS INTEGER) AS SQLDATE, "
                    f"CAST(GoldsteinScale AS DOUBLE) AS GoldsteinScale) FROM {scan}")
        con.execute(f"COPY (SELECT * FROM events) TO '{tmp_path / 'day.parquet'}' (FORMAT parquet)")
    outputs = []
    for args in ([source], [tmp_path / "day.parquet"], ["events", "--engine", f"duckdb://{database}"]):
        out = tmp_path / f"out{len(outputs)}.relmap.json"
        code, _, err = aggregate(capsys, *args, "-o", out)
        assert (code, err) == (0, "")
        doc = document(out)
        outputs.append((doc["actors"], doc["events"], doc["sources"]))
    assert outputs[0] == outputs[1] == outputs[2]


@pytest.mark.parametrize(("args", "message"), [
    (["missing.export.CSV"], "missing.export.CSV: no such file"),
    (["nothing-*.CSV"], "nothing-*.CSV: no file matches"),
    (["{good}", "--bucket", "year"], "argument --bucket: invalid choice"),
    (["{good}", "--event-codes", "99"], "'99' is not a CAMEO root code"),
    (["{good}", "--from", "2013-13-01"], "is not a date"),
    (["{good}", "--from", "2013-08-01", "--to", "2013-07-01"], "--from is after --to"),
    (["{good}", "--actors", "FRA,DEU"], "empty selection: 84 rows read, none kept (70 other actors, 14 one actor"),
    (["{good}", "--min-events", "500"], "empty selection: 70 rows kept, but no pair and period reaches --min-events"),
    (["{text}"], "text.csv: line 1: not GDELT, ICEWS or ACLED (3 comma-separated fields"),
    (["{good}", "--engine", "oracle"], "--engine 'oracle': use duckdb, pyspark or a connection URL"),
])
def test_bad_input_exits_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch:
                                         pytest.MonkeyPatch, args: list[str], message: str) -> None:
    monkeypatch.chdir(tmp_path)
    good = write_lines(tmp_path / "good.export.CSV", talks_rows())
    text = write_lines(tmp_path / "text.csv", ["a,b,c", "1,2,3"])
    out = tmp_path / "out.relmap.json"
    out.write_text("the map I had", encoding="utf-8")
    code, printed, err = aggregate(capsys, *(a.format(good=good, text=text) for a in args), "-o", out)
    assert code == 2 and printed == ""
    assert err.startswith("relmap: error: ") and message in err and err.count("\n") == 1, err
    assert out.read_text(encoding="utf-8") == "the map I had"  # nothing half-written replaces it
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.relmap.json.")]


def test_the_installed_command_exits_2_for_a_missing_file(tmp_path: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "desktop", "aggregate", str(tmp_path / "gone.zip"), "-o",
                           str(tmp_path / "x.relmap.json")], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr == f"relmap: error: {tmp_path / 'gone.zip'}: no such file\n"


def test_a_connection_url_is_reported_without_its_password() -> None:
    from desktop.events.run import _without_password

    assert _without_password("trino://analyst:s3cret@db.example:8080/hive/gdelt") == "trino://db.example:8080/hive/gdelt"
    assert _without_password("duckdb:///data/gdelt.duckdb") == "duckdb:///data/gdelt.duckdb"


def test_an_engine_that_runs_out_of_memory_says_so_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RELMAP_DUCKDB_MEMORY", "1MB")
    source = write_lines(tmp_path / "day.export.CSV", talks_rows())
    code, printed, err = aggregate(capsys, source, "-o", tmp_path / "out.relmap.json")
    assert code == 2 and printed == ""
    assert err.startswith("relmap: error: duckdb: Out of Memory Error") and err.count("\n") == 1, err
    assert "RELMAP_DUCKDB_MEMORY=4GB (for example) gives DuckDB a larger budget" in err
