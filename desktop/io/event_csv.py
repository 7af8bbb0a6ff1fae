"""Dyadic event data in the GDELT / ICEWS style: one row per coded event between two actors.

Columns are recognised by name (GDELT's ``SQLDATE``, ``Actor1Name``, ``Actor2Name``, ``EventCode``,
``GoldsteinScale``; ICEWS's ``Event Date``, ``Source Name``, ``Target Name``, ``CAMEO Code``,
``Intensity``), and GDELT's header-less tab-separated exports by their width. The Goldstein scale runs
from -10 (most conflictual) to +10 (most cooperative); divided by 5 it lands on the app's tone scale of
-2..+2, so a month of event data plays back like a hand-made dataset. The event code becomes the event's
kind. Rows without a second actor (GDELT has many) are skipped with a count in the report.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop.io.csv_mapping import ColumnMapping
from desktop.io.csv_tables import add_edges, load_table
from desktop.io.graph_builder import GraphBuilder
from desktop.io.limits import DEFAULT_LIMITS, Limits
from desktop.io.problems import DatasetError, LoadReport, LoadResult
from desktop.io.progress import Progress, ProgressCallback
from desktop.io.reader import Reader
from desktop.io.tabular import decode

LABEL = "Event data (GDELT / ICEWS)"
GOLDSTEIN_SCALE = 5.0
_GDELT_WIDTHS = {57, 58, 61}
_GDELT_POSITIONS = {1: "SQLDATE", 6: "Actor1Name", 16: "Actor2Name", 26: "EventCode", 30: "GoldsteinScale",
                    0: "GLOBALEVENTID"}
_SCHEMES = (
    ColumnMapping(source="Actor1Name", target="Actor2Name", time="SQLDATE", tone="GoldsteinScale",
                  tone_scale=GOLDSTEIN_SCALE, group="EventCode", id="GLOBALEVENTID"),
    ColumnMapping(source="Source Name", target="Target Name", time="Event Date", tone="Intensity",
                  tone_scale=GOLDSTEIN_SCALE, group="CAMEO Code", id="Event ID", label="Event Text"),
)


def _words(head: bytes) -> str:
    lines = decode(Path(), head).splitlines()  # a lone byte-order mark decodes to no lines at all
    return lines[0].lower() if lines else ""


def sniff(path: Path, head: bytes) -> bool:
    first = _words(head)
    if "goldstein" in first or ("cameo code" in first and "source name" in first):
        return True
    fields = first.split("\t")
    return len(fields) in _GDELT_WIDTHS and fields[1].isdigit() and len(fields[1]) == 8


def _mapping(header: list[str]) -> ColumnMapping:
    lowered = {name.lower(): name for name in header}
    for scheme in _SCHEMES:
        roles: dict[str, Any] = {}
        for role in ("source", "target", "time", "tone", "group", "id", "label"):
            wanted = getattr(scheme, role)
            roles[role] = lowered.get(wanted.lower()) if wanted else None
        if roles["source"] and roles["target"] and roles["time"]:
            return ColumnMapping(tone_scale=GOLDSTEIN_SCALE, **roles)
    raise DatasetError(Path(), "no actor and date columns")


def read(path: Path, *, limits: Limits = DEFAULT_LIMITS, mapping: ColumnMapping | None = None,
         progress: Progress | ProgressCallback | None = None, **_: Any) -> LoadResult:
    """Load an event-data export; the tone is the Goldstein score divided by 5."""
    tracker = Progress.of(progress)
    report = LoadReport(path, LABEL)
    # Counted while reading: parsing stops one row past max_interactions, and that row is the builder's
    # located "more than … (max_interactions)" refusal, instead of parsing millions more rows first.
    table = load_table(path, report, max_rows=limits.max_interactions + 1,
                       progress=tracker.part(0.0, 0.3) if tracker.callback else None)
    if not table.has_header and len(table.header) in _GDELT_WIDTHS:
        for position, name in _GDELT_POSITIONS.items():
            table.header[position] = name
        report.guessed.append("header-less GDELT export: columns by position")
    if mapping is None:
        try:
            mapping = _mapping(table.header)
        except DatasetError:
            raise DatasetError(path, "line 1: no source actor, target actor and date columns found") from None
        report.guessed.append(f"columns: {mapping.describe()}")
    report.read.append(f"{len(table.rows)} event rows")
    builder = GraphBuilder(path, report, limits)
    add_edges(builder, table, mapping, tracker.part(0.3, 0.6))
    builder.progress = tracker.part(0.6, 1.0)
    return LoadResult(builder.build(path.stem), report)


READER = Reader(name="event_csv", label=LABEL, extensions=(".csv", ".tsv", ".txt", ".tab"), read=read,
                sniff=sniff, priority=20)
