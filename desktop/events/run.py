"""One aggregation from sources to a native dataset: pick the engine, scan once, build the document.

Only small tables come back to Python: rows per file and status, actor variants, and the pairs per
bucket. A job object carries the engine so another thread (the window's Cancel button) can stop it.
"""

from __future__ import annotations

import contextlib
import json
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.events import expression as ex
from desktop.events.build import build_document
from desktop.events.engines import EngineError, connect
from desktop.events.report import AggregateReport
from desktop.events.sources import SourceError, Unpacked, collect


class AggregateError(Exception):
    """Bad sources, an empty selection or an engine that cannot run: a one-line message, exit 2."""


class AggregateCancelled(Exception):
    """The user stopped the run."""

    expected = True  # not logged as a failure by the window's worker


@dataclass
class AggregateResult:
    document: dict[str, Any]
    report: AggregateReport


@dataclass
class AggregateJob:
    """Sources, format, selection and engine of one run; ``run()`` may be cancelled from another thread."""

    sources: list[str]
    selection: ex.Selection = field(default_factory=ex.Selection)
    fmt: str = "auto"
    engine: str = "duckdb"
    title: str = ""
    _engine: Any = None
    _cancelled: threading.Event = field(default_factory=threading.Event)
    stage: str = "starting"

    def cancel(self) -> None:
        self._cancelled.set()
        if self._engine is not None:
            with contextlib.suppress(Exception):  # the engine may have finished in between
                self._engine.interrupt()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def progress(self) -> float | None:
        """How far the current engine query is (0..1), where the engine can tell."""
        engine = self._engine
        return engine.progress() if engine is not None else None

    def _check(self) -> None:
        if self.cancelled:
            raise AggregateCancelled("aggregation cancelled")

    def run(self) -> AggregateResult:
        unpacked = Unpacked()
        try:
            engine = connect(self.engine)
        except EngineError as exc:
            raise AggregateError(str(exc)) from None
        self._engine = engine
        report = AggregateReport(engine=engine.name if engine.name != "url" else _without_password(self.engine))
        try:
            return self._run(engine, unpacked, report)
        except (SourceError, EngineError) as exc:
            raise AggregateError(str(exc)) from None
        except AggregateCancelled:
            raise
        except Exception as exc:
            if self.cancelled:
                raise AggregateCancelled("aggregation cancelled") from None
            if _is_engine_error(exc):
                message = f"{engine.name}: {str(exc).splitlines()[0]}"
                if engine.name == "duckdb" and "Out of Memory" in message:
                    message += "; RELMAP_DUCKDB_MEMORY=4GB (for example) gives DuckDB a larger budget"
                raise AggregateError(message) from None
            raise
        finally:
            self._engine = None
            try:
                engine.close()
            finally:
                unpacked.close()

    def _run(self, engine: Any, unpacked: Unpacked, report: AggregateReport) -> AggregateResult:
        names: dict[str, str] = {}
        if engine.reads_files:
            self.stage = "reading file headers"
            files, notes = collect(self.sources, self.fmt, unpacked, allow_remote=engine.name == "pyspark")
            report.notes += notes
            report.files = [f.name for f in files]
            names = {str(f.path): f.name for f in files}
            if not files:
                raise AggregateError("nothing to read: every source file is empty")
            tables = engine.tables(files)
        else:
            tables = engine.table_sources(self.sources, self.fmt)
            report.files = list(self.sources)
        self._check()
        rows = None
        for table, layout in tables:
            part = ex.prepared(table, layout)
            rows = part if rows is None else rows.union(part, distinct=False)
        assert rows is not None
        statused = ex.with_status(rows, self.selection)
        self.stage = "scanning"
        stage = engine.cache(ex.stage_one(statused, self.selection))
        self._check()
        self.stage = "summarising"
        file_name = getattr(engine, "file_name", None)
        for row in ex.status_counts(stage).to_pyarrow().to_pylist():
            name = row["_file"] or ""
            name = file_name(name) if file_name else name
            report.add(names.get(name, name), row["status"], int(row["n"]))
        # read before the second pass, which would record the same refused lines again
        report.add_rejected(engine.rejected(names))
        if report.kept == 0:
            raise AggregateError("empty selection: " + _why_empty(report))
        totals = {row["code"]: int(row["n"]) for row in ex.actor_totals(stage).to_pyarrow().to_pylist()}
        chosen_actors = _top_actors(totals, self.selection.top)
        chosen = ex.chosen_pairs(stage, self.selection, chosen_actors)
        if chosen.count().to_pyarrow().as_py() == 0:
            raise AggregateError(f"empty selection: {report.kept:,} rows kept, but no pair and period reaches "
                                 f"--min-events {self.selection.min_events}")
        self._check()
        self.stage = "gathering names and citations"
        detail = engine.cache(ex.details(statused, self.selection, chosen_actors,
                                         chosen if self.selection.min_events > 1 else None))
        self._check()
        actors = ex.actor_variants(detail).to_pyarrow().to_pylist()
        pair_rows = ex.pairs(chosen, detail).to_pyarrow().to_pylist()
        self._check()
        document = build_document(pair_rows, actors, self.selection, report, title=self.title, fmt=self.fmt,
                                  totals=totals)
        return AggregateResult(document, report)


def _without_password(url: str) -> str:
    """The engine URL as reports and the dataset's note show it: never with its credentials."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


def _is_engine_error(exc: Exception) -> bool:
    module = type(exc).__module__  # DuckDB's errors live in its extension module, _duckdb
    return module.startswith(("duckdb", "_duckdb", "pyspark", "py4j"))


def _why_empty(report: AggregateReport) -> str:
    totals = report.totals
    reasons = ", ".join(f"{n:,} {r}" for r, n in sorted(totals.items(), key=lambda i: -i[1]) if n)
    return f"{report.rows_read:,} rows read, none kept" + (f" ({reasons})" if reasons else "")


def _top_actors(totals: dict[str, int], top: int | None) -> list[str] | None:
    if not top:
        return None
    ranked = sorted(totals.items(), key=lambda item: (-item[1], item[0]))
    return [code for code, _ in ranked[:top]]


def write_document(document: dict[str, Any], path: Path | str) -> None:
    """Save atomically: a failed or cancelled write never leaves half a file at ``path``.

    Compact JSON: indenting switches Python to its pure-Python encoder, ten times slower on the
    hundreds of thousands of pair-and-period events a large aggregation can give.
    """
    from desktop.io.atomic import atomic_write

    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    atomic_write(path, lambda handle: handle.write(text.encode("utf-8") + b"\n"))
