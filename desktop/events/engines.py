"""Where the aggregation runs: DuckDB embedded (the default), a Spark session, or any Ibis connection URL.

An engine's only jobs are to hand over each group of files as an Ibis table (with ``_file`` naming
the file a row came from and ``_width_ok`` saying whether the line had the right number of fields),
to say which lines it refused while reading, and to keep intermediate results. The aggregation itself
is :mod:`desktop.events.expression`, the same for every engine.

- **DuckDB** reads CSV, TSV, ``.gz`` and Parquet in parallel and out of core, types the date and
  score columns as it reads, and records every line it refuses with its file and line number.
- **Spark** (``--engine pyspark``) uses the session the environment provides (``SparkSession.builder
  .getOrCreate()``: local, or a cluster through ``spark-submit``/``SPARK_REMOTE``) and reads every
  column as text; lines with too many or too few fields are flagged by Spark's corrupt-record
  column. Spark does not number lines, so its bad rows are counted per file.
- **A URL** (``bigquery://PROJECT/DATASET``, ``trino://…``, ``duckdb:///file.db``) names a database
  whose tables already hold events; the sources are table names there, read in place.
"""

from __future__ import annotations

import os
import tempfile
import threading
import uuid
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from desktop.events.layouts import Layout, layout_for_header
from desktop.events.sources import SourceError, SourceFile


@dataclass(frozen=True)
class Rejected:
    """A line an engine refused while reading."""

    file: str
    line: int | None
    reason: str


class EngineError(Exception):
    """The engine cannot start or reach its data (exit 2, with the reason)."""


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


BUDGET = "1GB"  # DuckDB's memory budget unless RELMAP_DUCKDB_MEMORY says otherwise


class DuckDBEngine:
    """DuckDB in this process: no server, spills to disk beyond its memory limit."""

    name = "duckdb"
    reads_files = True

    def __init__(self, memory_limit: str | None = None, threads: int | None = None) -> None:
        import ibis

        # DuckDB spills what does not fit its memory budget to a private temporary folder (not the working
        # directory, its default for in-memory databases). The counting pass keeps numbers only, which DuckDB
        # can spill, so a fixed budget holds memory level however many rows are read (50M GDELT rows: 1.3 GiB
        # peak); RELMAP_DUCKDB_MEMORY or ``memory_limit`` sets another, for a map of millions of pairs.
        self._spill = tempfile.TemporaryDirectory(prefix="relmap-duckdb-")
        config: dict[str, Any] = {"temp_directory": self._spill.name, "preserve_insertion_order": False,
                                  "memory_limit": memory_limit or os.environ.get("RELMAP_DUCKDB_MEMORY") or BUDGET}
        if threads:
            config["threads"] = threads
        self.ibis = ibis.duckdb.connect(**config)
        self.raw = self.ibis.con
        # progress is read by the window (query_progress) but never drawn on the terminal
        self.raw.execute("SET enable_progress_bar = true")
        self.raw.execute("SET enable_progress_bar_print = false")
        self._rejects = False

    def tables(self, files: list[SourceFile]) -> list[tuple[Any, Layout]]:
        groups: dict[tuple[object, ...], list[SourceFile]] = defaultdict(list)
        for file in files:
            groups[file.group_key].append(file)
        return [(self.ibis.sql(self._scan(group)), group[0].layout) for group in groups.values()]

    def _scan(self, group: list[SourceFile]) -> str:
        paths = "[" + ", ".join(_quote(str(f.path)) for f in group) + "]"
        first = group[0]
        if first.parquet:
            return f"SELECT *, true AS _width_ok FROM read_parquet({paths}, filename='_file')"
        layout = first.layout
        typed = {(layout.column("score") or "").lower(): "DOUBLE", (layout.column("tone") or "").lower(): "DOUBLE"}
        if first.date_format:
            typed[(layout.column("date") or "").lower()] = "DATE"
        columns = ", ".join(f"{_quote(c)}: {_quote(typed.get(c.lower(), 'VARCHAR'))}" for c in layout.columns)
        quote = "'\"'" if layout.quoted else "''"
        options = [f"delim={_quote(layout.delimiter)}", f"header={str(first.has_header).lower()}",
                   f"quote={quote}", f"escape={quote}", f"columns={{{columns}}}", "filename='_file'",
                   "ignore_errors=true", "store_rejects=true", "auto_detect=false"]
        if first.date_format:
            options.append(f"dateformat={_quote(first.date_format)}")
        self._rejects = True
        return f"SELECT *, true AS _width_ok FROM read_csv({paths}, {', '.join(options)})"

    def rejected(self, names: dict[str, str]) -> list[Rejected]:
        if not self._rejects:
            return []
        rows = self.raw.sql(
            "SELECT s.file_path, e.line, e.error_type, e.column_name FROM reject_errors e "
            "JOIN reject_scans s USING (scan_id, file_id) ORDER BY s.file_path, e.line").fetchall()
        from desktop.events.expression import BAD_ROW_REASONS

        rank = {reason: order for order, reason in enumerate(BAD_ROW_REASONS)}
        worst: dict[tuple[str, int], str] = {}
        for path, line, error, column in rows:  # one line can fail several checks: count it once, by its width
            key, reason = (path, int(line)), _reason(error, column)
            if key not in worst or rank.get(reason, 99) < rank.get(worst[key], 99):
                worst[key] = reason
        return [Rejected(names.get(path, path), line, reason) for (path, line), reason in worst.items()]

    def cache(self, table: Any) -> Any:
        """Materialise ``table`` once as a temporary table (dropped with the connection)."""
        return self.ibis.create_table(f"relmap_stage_{uuid.uuid4().hex[:12]}", table, temp=True)

    def progress(self) -> float | None:
        """Share of the running query done, 0..1 (None when DuckDB cannot tell)."""
        try:
            value = self.raw.query_progress()
        except Exception:  # no query running
            return None
        return None if value is None or value < 0 else min(1.0, value / 100.0)

    def interrupt(self) -> None:
        self.raw.interrupt()

    def close(self) -> None:
        self.ibis.disconnect()
        self._spill.cleanup()


def _reason(error: str, column: str | None) -> str:
    from desktop.events.expression import BAD_DATE, BAD_SCORE, BAD_WIDTH

    error = (error or "").upper()
    if "COLUMNS" in error:
        return BAD_WIDTH
    if error == "CAST":
        return BAD_SCORE if column and "date" not in column.lower() else BAD_DATE
    return error.lower().replace("_", " ") or "unreadable line"


_PRUNING = "spark.sql.csv.parser.columnPruning.enabled"


class SparkEngine:
    """A SparkSession from the environment: local mode on a laptop, a cluster under spark-submit."""

    name = "pyspark"
    reads_files = True

    def __init__(self, session: Any = None) -> None:
        import ibis

        if session is None:
            try:
                from pyspark.sql import SparkSession
            except ImportError:
                raise EngineError("--engine pyspark needs pyspark: pip install 'relmap[spark]'") from None
            session = (SparkSession.builder.appName("relmap-aggregate")
                       .config("spark.ui.showConsoleProgress", "false").getOrCreate())
        self.session = session
        self.ibis = ibis.pyspark.connect(session)
        self._views: list[str] = []
        self._persisted: list[Any] = []
        # Spark flags a line whose field count differs from the schema only when it splits every field;
        # with column pruning (the default) it splits just the columns a query uses and misses bad widths.
        self._pruning = session.conf.get(_PRUNING, "true")
        session.conf.set(_PRUNING, "false")

    def tables(self, files: list[SourceFile]) -> list[tuple[Any, Layout]]:
        from pyspark.sql import functions as F
        from pyspark.sql.types import StringType, StructField, StructType

        groups: dict[tuple[object, ...], list[SourceFile]] = defaultdict(list)
        for file in files:
            groups[file.group_key].append(file)
        out = []
        for group in groups.values():
            first, paths = group[0], [str(f.path) for f in group]
            if first.parquet:
                frame = self.session.read.parquet(*paths).withColumn("_width_ok", F.lit(True))
            else:
                layout = first.layout
                # A line with more or fewer fields than the schema is padded or cut by Spark, and flagged
                # in the corrupt-record column: that flag is the width check.
                schema = StructType([StructField(c, StringType()) for c in (*layout.columns, "_corrupt")])
                quote = '"' if layout.quoted else ""
                frame = self.session.read.csv(
                    paths, schema=schema, sep=layout.delimiter, header=first.has_header, quote=quote,
                    escape=quote or "\\", mode="PERMISSIVE", columnNameOfCorruptRecord="_corrupt",
                    enforceSchema=True)
                frame = frame.withColumn("_width_ok", F.col("_corrupt").isNull())
            frame = frame.withColumn("_file", F.input_file_name())
            view = f"relmap_events_{uuid.uuid4().hex[:12]}"
            frame.createOrReplaceTempView(view)
            self._views.append(view)
            out.append((self.ibis.table(view), first.layout))
        return out

    def rejected(self, names: dict[str, str]) -> list[Rejected]:
        return []  # Spark's bad rows are counted by the shared expression, per file

    def file_name(self, uri: str) -> str:
        parsed = urlparse(uri)
        return unquote(parsed.path) if parsed.scheme == "file" else uri

    def cache(self, table: Any) -> Any:
        """Persist ``table`` in the cluster's memory (and disk) under a temporary view."""
        import ibis

        frame = self.session.sql(ibis.to_sql(table, dialect="pyspark")).persist()
        view = f"relmap_stage_{uuid.uuid4().hex[:12]}"
        frame.createOrReplaceTempView(view)
        self._views.append(view)
        self._persisted.append(frame)
        return self.ibis.table(view)

    def progress(self) -> float | None:
        return None

    def interrupt(self) -> None:
        self.session.sparkContext.cancelAllJobs()

    def close(self) -> None:
        self.session.conf.set(_PRUNING, self._pruning)
        for frame in self._persisted:
            frame.unpersist()
        for view in self._views:
            self.session.catalog.dropTempView(view)


class URLEngine:
    """An Ibis connection URL: the sources are tables in that database, read where they are."""

    name = "url"
    reads_files = False

    def __init__(self, url: str) -> None:
        import ibis

        try:
            self.ibis = ibis.connect(url)
        except ImportError as exc:
            raise EngineError(f"--engine {url}: the Ibis backend is not installed ({exc.name})") from None
        except Exception as exc:
            raise EngineError(f"--engine {url}: cannot connect ({type(exc).__name__}: {exc})") from None
        self.url = url
        self._lock = threading.Lock()

    def table_sources(self, names: list[str], fmt: str) -> list[tuple[Any, Layout]]:
        import ibis

        from desktop.events.layouts import LAYOUTS

        out = []
        for name in names:
            *database, table_name = name.split(".")
            try:
                table = self.ibis.table(table_name, database=tuple(database) if len(database) > 1 else
                                        (database[0] if database else None))
            except Exception as exc:
                raise SourceError(f"{name}: no such table in {self.url} ({type(exc).__name__})") from None
            layout = LAYOUTS[fmt] if fmt != "auto" else layout_for_header(list(table.columns))
            if layout is None:
                raise SourceError(f"{name}: columns are not GDELT, ICEWS or ACLED")
            out.append((table.mutate(_file=ibis.literal(name), _width_ok=ibis.literal(True)), layout))
        return out

    def rejected(self, names: dict[str, str]) -> list[Rejected]:
        return []

    def cache(self, table: Any) -> Any:
        """A temporary table where the database allows one; otherwise the expression is re-run per summary."""
        try:
            return self.ibis.create_table(f"relmap_stage_{uuid.uuid4().hex[:12]}", table, temp=True)
        except Exception:
            return table

    def progress(self) -> float | None:
        return None

    def interrupt(self) -> None:
        pass

    def close(self) -> None:
        self.ibis.disconnect()


def connect(engine: str) -> DuckDBEngine | SparkEngine | URLEngine:
    """``duckdb`` (default), ``pyspark``, or an Ibis connection URL."""
    try:
        import ibis  # noqa: F401
    except ImportError:
        raise EngineError("aggregation needs the events extra: pip install 'relmap[events]'") from None
    if engine in ("", "duckdb"):
        return DuckDBEngine()
    if engine in ("pyspark", "spark"):
        return SparkEngine()
    if "://" in engine:
        return URLEngine(engine)
    raise EngineError(f"--engine {engine!r}: use duckdb, pyspark or a connection URL such as bigquery://PROJECT/DATASET")


def local_path(text: str) -> str:
    """A file name as reports show it, from a path or a ``file:`` URI."""
    parsed = urlparse(text)
    return str(Path(unquote(parsed.path))) if parsed.scheme == "file" else text
