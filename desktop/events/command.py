"""``relmap aggregate``: event files in, a native dataset out, with a report of what was read and left out."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from desktop.events.layouts import FORMATS

BUCKETS = ("day", "week", "month")


def _date(text: str) -> dt.date:
    for fmt, size in (("%Y-%m-%d", 10), ("%Y%m%d", 8)):
        try:
            if len(text) == size:
                return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            break
    raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)")


def _codes(text: str) -> tuple[str, ...]:
    codes = tuple(c.strip() for c in text.split(",") if c.strip())
    for code in codes:
        if not (code.isdigit() and len(code) == 2 and 1 <= int(code) <= 20):
            raise argparse.ArgumentTypeError(f"{code!r} is not a CAMEO root code (01 to 20)")
    return codes


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sources", nargs="+", help="event files, folders or glob patterns (.csv/.tsv/.txt, .gz, "
                        ".zip, .parquet); table names with a connection-URL engine")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the dataset to write (.relmap.json)")
    parser.add_argument("--format", choices=FORMATS, default="auto", help="the files' format (default: recognise)")
    parser.add_argument("--actors", default="", help="CAMEO actor or country codes or names, comma-separated "
                        "(ISR,PSE,USA): events between two of them")
    parser.add_argument("--from", dest="start", type=_date, help="first day (YYYY-MM-DD)")
    parser.add_argument("--to", dest="end", type=_date, help="last day (YYYY-MM-DD)")
    parser.add_argument("--bucket", choices=BUCKETS, default="week", help="one event per pair and day, week or "
                        "month (default week)")
    parser.add_argument("--event-codes", type=_codes, default=(), help="CAMEO root codes to keep (03,04,14)")
    parser.add_argument("--top", type=_positive, help="keep the N actors with the most events")
    parser.add_argument("--min-events", type=_positive, default=1, help="drop pairs with fewer events in a period")
    parser.add_argument("--engine", default="duckdb", help="duckdb (default), pyspark (a SparkSession from the "
                        "environment) or an Ibis connection URL (bigquery://PROJECT/DATASET, trino://…)")
    parser.add_argument("--title", default="", help="the dataset's title")


def run(args: argparse.Namespace) -> list[str]:
    """Aggregate and write; the lines to print. Raises AggregateError (exit 2) with a one-line message."""
    from desktop.events.expression import Selection
    from desktop.events.run import AggregateError, AggregateJob, write_document

    if args.start and args.end and args.start > args.end:
        raise AggregateError("--from is after --to")
    actors = tuple(a.strip() for a in args.actors.split(",") if a.strip())
    selection = Selection(actors=actors, start=args.start, end=args.end, bucket=args.bucket,
                          event_codes=args.event_codes, top=args.top, min_events=args.min_events)
    job = AggregateJob(list(args.sources), selection, fmt=args.format, engine=args.engine, title=args.title)
    result = job.run()
    try:
        write_document(result.document, args.output)
    except OSError as exc:
        raise AggregateError(f"{args.output}: {exc.strerror or exc}") from None
    return [f"wrote {args.output}", *(f"  {line}" for line in result.report.summary_lines())]


def main(args: argparse.Namespace) -> int:
    for line in run(args):
        print(line, file=sys.stdout)
    return 0
