"""DuckDB and Spark (local mode) run the same Ibis expression and must write identical datasets.

Spark takes tens of seconds to start: one local session serves the whole module. It needs Java 17,
which ``make system-deps`` installs where it is missing.
"""

from __future__ import annotations

import gc
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.events import AggregateJob, Selection
from tests.events.eventfiles import acled_rows, gdelt_row, icews_rows, write_lines

# pyspark leaves the local sockets it collects results through for the garbage collector to close
# (its own code, not ours): collected after each test below, while these filters apply.
pytestmark = [pytest.mark.filterwarnings("ignore:unclosed <socket.socket:ResourceWarning"),
              pytest.mark.filterwarnings("ignore:Exception ignored in. <socket.socket"
                                         ":pytest.PytestUnraisableExceptionWarning")]


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from pyspark.sql import SparkSession

    session = (SparkSession.builder.master("local[2]").appName("relmap-tests")
               .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.shuffle.partitions", "4").getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
    gc.collect()


@pytest.fixture(autouse=True)
def _collect_sockets() -> Iterator[None]:
    yield
    gc.collect()


def gdelt_files(folder: Path) -> list[str]:
    pairs = [("ISRGOV", "PSEGOV", "3.4"), ("PSEGOV", "ISRGOV", "-2.0"), ("USAGOV", "ISRGOV", "4.0"),
             ("USAGOV", "PSE", "1.0"), ("ISR", "", "1.0"), ("JORGOV", "USAGOV", "-6.5"), ("PSEREB", "ISRMIL", "")]
    rows = [gdelt_row(n, f"2013{7 + n % 3:02d}{1 + n % 28:02d}", a, b, g, tone=f"{n % 7 - 3.25}")
            for n, (a, b, g) in enumerate(pairs * 40)]
    rows[5] = "\t".join(rows[5].split("\t")[:30])                    # too few columns
    rows[9] += "\textra"                                             # too many
    rows[12] = rows[12].replace("\t201307", "\t201313", 1)           # month 13
    fields = rows[13].split("\t")
    fields[30] = "n/a"                                               # non-numeric Goldstein
    rows[13] = "\t".join(fields)
    daily = write_lines(folder / "20130701.export.CSV", rows[:150])
    gz = write_lines(folder / "20130801.export.CSV.gz", rows[150:])
    archive = folder / "20130901.export.CSV.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("20130901.export.CSV", "\n".join(
            gdelt_row(9000 + n, "20130902", "USAGOV", "PSEGOV", "2.0", width=58) for n in range(5)) + "\n")
    return [str(daily), str(gz), str(archive)]


def run(sources: list[str], engine: str, **selection: Any) -> tuple[dict[str, Any], Any]:
    result = AggregateJob(sources, Selection(**selection), engine=engine).run()
    return result.document, result.report


@pytest.mark.parametrize("selection", [{}, {"bucket": "day", "actors": ("ISR", "PSE", "USA")},
                                       {"bucket": "month", "top": 3, "min_events": 2, "event_codes": ("04",)}])
def test_duckdb_and_spark_write_identical_gdelt_datasets(spark: Any, tmp_path: Path, selection: dict[str, Any]) -> None:
    sources = gdelt_files(tmp_path)
    on_duckdb, duck_report = run(sources, "duckdb", **selection)
    on_spark, spark_report = run(sources, "pyspark", **selection)
    assert on_spark["events"] and on_spark == {**on_duckdb, "notes": on_spark["notes"]}
    assert spark_report.totals == duck_report.totals  # the same rows kept and skipped, for the same reasons
    assert spark_report.bad_rows() == duck_report.bad_rows()
    if not selection:
        assert spark_report.bad_rows() == {sources[0]: {"wrong column count": 2, "bad date": 1,
                                                        "non-numeric score": 1}}


def test_duckdb_and_spark_agree_on_icews_and_acled(spark: Any, tmp_path: Path) -> None:
    icews = write_lines(tmp_path / "icews.tab", icews_rows([
        ("1", "2014-03-03", "Benjamin Netanyahu", "Israel", "Mahmoud Abbas", "Occupied Palestinian Territory", "-4.0"),
        ("2", "2014-03-34", "Mahmoud Abbas", "Occupied Palestinian Territory", "John Kerry", "United States", "2.0"),
        ("3", "2014-03-05", "John Kerry", "United States", "Mahmoud Abbas", "Occupied Palestinian Territory", "6.5")]))
    acled = write_lines(tmp_path / "acled.csv", acled_rows([
        ("PSE1", "2014-04-01", "Protests", "Protesters (Palestine)", "Military Forces of Israel (2009-)")]))
    older = write_lines(tmp_path / "acled-2014.csv", acled_rows([  # a file's dates share its first row's style
        ("PSE3", "03 April 2014", "Battles", "Hamas Movement", "Military Forces of Israel (2009-)")]))
    for sources in ([str(icews)], [str(acled), str(older)]):
        on_duckdb, duck_report = run(sources, "duckdb", bucket="day")
        on_spark, spark_report = run(sources, "pyspark", bucket="day")
        assert on_spark["events"] and on_spark == {**on_duckdb, "notes": on_spark["notes"]}
        assert spark_report.totals == duck_report.totals
