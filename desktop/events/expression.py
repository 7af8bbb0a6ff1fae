"""The aggregation, written once as an Ibis expression: every engine runs exactly this.

Engines only deliver each file's columns (as text, or already typed where the engine checked them
while reading); from there on the steps are shared, so DuckDB, Spark and a remote database give the
same pairs: parse dates and scores the same way, give every row one status (kept, or the reason it
is left out), and fold the rows into counts per status, bucket and pair of actor codes (``stage_one``,
numbers only, so an engine can spill it to disk). The report, ``--top`` and ``--min-events`` read
that table; a second pass over the rows (``details``) then gathers the report URLs and the actors'
names, countries and types for the chosen pairs only, a table as small as the map.

Scores are summed in integer tenths: Goldstein and ICEWS intensities have one decimal, so sums are
exact and do not depend on the order an engine adds rows in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import ibis
import ibis.expr.types as ir

from desktop.events.layouts import ACLED_EVENT_TYPES, Layout

KEPT = "kept"
BAD_WIDTH, BAD_DATE, BAD_SCORE = "wrong column count", "bad date", "non-numeric score"
NO_SCORE, ONE_ACTOR, SAME_ACTOR = "no score or tone", "one actor only", "same actor on both sides"
OUTSIDE_DATES, OTHER_CODES, OTHER_ACTORS = "outside --from/--to", "other event codes", "other actors"
BAD_ROW_REASONS = (BAD_WIDTH, BAD_DATE, BAD_SCORE)
ID_WIDTH = 24
ACTOR_KEYS = ("a1_code", "a1_name", "a1_country", "a1_type", "a2_code", "a2_name", "a2_country", "a2_type")
_MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}


@dataclass(frozen=True)
class Selection:
    """What the user asked for: whose events, when, which kinds, and how finely to bucket them."""

    actors: tuple[str, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None
    bucket: str = "week"
    event_codes: tuple[str, ...] = ()
    top: int | None = None
    min_events: int = 1


def _text(value: ir.Value, *, strip: bool = False) -> ir.StringValue:
    """Any column as text, with empty text as null (engines disagree on empty fields)."""
    text = value if value.type().is_string() else value.cast("string")
    return (text.strip() if strip else text).nullif("")


def _number(value: ir.Value) -> tuple[ir.FloatingValue, ir.BooleanValue]:
    """A column as float64, and whether it held text that is not a number."""
    if value.type().is_numeric():
        number = value.cast("float64")
        return number, ibis.literal(False)
    text = _text(value, strip=True)
    number = text.try_cast("float64")
    return number, text.notnull() & number.isnull()


def parse_date(value: ir.Value) -> ir.DateValue:
    """YYYYMMDD (GDELT), YYYY-MM-DD (ICEWS, ACLED) or '15 April 2013' (older ACLED) as a date; null if invalid.

    Calendar checks are plain integer arithmetic, so no engine raises on 20131345 or 20140229.
    """
    if value.type().is_date():
        return value
    if value.type().is_timestamp():
        return value.date()
    text = _text(value, strip=True)
    numeric = text.re_search(r"^[0-9]{4}-?[0-9]{2}-?[0-9]{2}$")
    number = numeric.ifelse(text.replace("-", "").try_cast("int64"), ibis.null("int64"))
    words = r"^([0-9]{1,2})[ -]([A-Za-z]+)[ -]([0-9]{4})$"
    year = ibis.coalesce(number // 10000, text.re_extract(words, 3).try_cast("int64"))
    month = ibis.coalesce((number // 100) % 100,
                          text.re_extract(words, 2).lower().left(3).substitute(_MONTHS, else_=ibis.null("int64")))
    day = ibis.coalesce(number % 100, text.re_extract(words, 1).try_cast("int64"))
    leap = ((year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))).ifelse(1, 0)
    month_days = ibis.cases((month == 2, 28 + leap), (month.isin([4, 6, 9, 11]), 30), else_=31)
    valid = year.between(1, 9999) & month.between(1, 12) & day.between(1, month_days)
    return valid.ifelse(ibis.date(year, month, day), ibis.null("date"))


def prepared(table: ir.Table, layout: Layout) -> ir.Table:
    """One file group's rows in the shared shape: parsed date, score in tenths, actors, code, URL."""
    by_lower = {name.lower(): name for name in table.columns}

    def pick(role: str) -> ir.Value | None:
        name = layout.column(role)
        return table[by_lower[name.lower()]] if name and name.lower() in by_lower else None

    def text(role: str) -> ir.StringValue:
        column = pick(role)
        return ibis.null("string") if column is None else _text(column)

    code = text("event_code")
    if layout.name == "acled":  # no Goldstein score: the event type's CAMEO root and score stand in
        kind = code.lower()
        score = kind.substitute({k: v[1] for k, v in ACLED_EVENT_TYPES.items()}, else_=ibis.null("float64"))
        bad_score = ibis.literal(False)
        root = kind.substitute({k: v[0] for k, v in ACLED_EVENT_TYPES.items()}, else_=ibis.null("string"))
        root = root.nullif("")
    else:
        score, bad_score = _number(pick("score")) if pick("score") is not None else (
            ibis.null("float64"), ibis.literal(False))
        root = code.left(2)
    tone = _number(pick("tone"))[0] if pick("tone") is not None else ibis.null("float64")
    value = ibis.coalesce(score, tone.clip(-10, 10))
    width_ok = table["_width_ok"] if "_width_ok" in table.columns else ibis.literal(True)
    event_id = text("event_id")
    columns: dict[str, ir.Value] = {
        "_file": table["_file"].cast("string"),
        "width_ok": width_ok.cast("boolean"),
        "date": parse_date(pick("date")) if pick("date") is not None else ibis.null("date"),
        "bad_score": bad_score.cast("boolean"),
        "value10": (value * 10).round().cast("int64"),
        "root": root.cast("string"),
        # the event id padded to a fixed width, then the report's URL: the smallest and the largest of these
        # give the URLs of the first- and last-numbered events, with plain min/max that every engine streams
        "id_url": event_id.lpad(ID_WIDTH, "0").concat(text("url")),
        "url": text("url"),
    }
    for side in ("a1", "a2"):
        columns[f"{side}_code"] = text(f"{side}_code")
        columns[f"{side}_name"] = text(f"{side}_name")
        columns[f"{side}_country"] = text(f"{side}_country")
        # ICEWS sectors are a comma list ("Government,Executive"): the first one is the type
        columns[f"{side}_type"] = text(f"{side}_type").re_extract(r"^([^,]*)", 1).strip().nullif("")
    return table.select(**columns)


def _bucket(date: ir.DateValue, bucket: str) -> ir.DateValue:
    if bucket == "day":
        return date
    return date.truncate("W" if bucket == "week" else "M").cast("date")


def _matches(table: ir.Table, side: str, actors: tuple[str, ...]) -> ir.BooleanValue:
    wanted = [a.upper() for a in actors]
    return (table[f"{side}_code"].upper().isin(wanted) | table[f"{side}_country"].upper().isin(wanted)
            | table[f"{side}_name"].upper().isin(wanted))


def with_status(rows: ir.Table, selection: Selection) -> ir.Table:
    """Every row with one status: ``kept``, or the first reason it is left out."""
    date = rows.date
    branches: list[tuple[ir.BooleanValue, str]] = [
        (~rows.width_ok, BAD_WIDTH), (date.isnull(), BAD_DATE), (rows.bad_score, BAD_SCORE),
        (rows.value10.isnull(), NO_SCORE), (rows.a1_code.isnull() | rows.a2_code.isnull(), ONE_ACTOR),
        (rows.a1_code == rows.a2_code, SAME_ACTOR)]
    if selection.start is not None:
        branches.append((date < selection.start, OUTSIDE_DATES))
    if selection.end is not None:
        branches.append((date > selection.end, OUTSIDE_DATES))
    if selection.event_codes:
        branches.append((~rows.root.isin(list(selection.event_codes)) | rows.root.isnull(), OTHER_CODES))
    if selection.actors:
        both = _matches(rows, "a1", selection.actors) & _matches(rows, "a2", selection.actors)
        branches.append((~both.fill_null(False), OTHER_ACTORS))
    status = ibis.cases(*branches, else_=KEPT)
    return rows.mutate(status=status)


def stage_one(rows: ir.Table, selection: Selection) -> ir.Table:
    """The counting scan: rows folded by status, bucket and the unordered pair of actor codes.

    Only counts and integer sums are kept, so every engine can spill this aggregation to disk and its
    memory does not grow with the rows read (text aggregates such as a minimum URL cannot be spilled by
    DuckDB). Left-out rows keep only their file and status, so they fold into one row per file and reason.
    """
    kept = rows.status == KEPT
    # kept rows fold across files (so memory does not grow with the number of files); left-out rows keep
    # their file, for the report
    keys = {"_file": kept.ifelse(ibis.null("string"), rows._file), "status": rows.status,
            "bucket": kept.ifelse(_bucket(rows.date, selection.bucket), ibis.null("date")),
            "a": kept.ifelse(ibis.least(rows.a1_code, rows.a2_code), ibis.null("string")),
            "b": kept.ifelse(ibis.greatest(rows.a1_code, rows.a2_code), ibis.null("string"))}
    return rows.group_by(**keys).aggregate(n=rows.count(),
                                           s10=kept.ifelse(rows.value10, ibis.null("int64")).sum())


def actor_totals(stage: ir.Table) -> ir.Table:
    """Events per actor code, as either party (small: one row per code)."""
    kept = stage.filter(stage.status == KEPT)
    both = kept.select(code=kept.a, n=kept.n).union(kept.select(code=kept.b, n=kept.n), distinct=False)
    return both.group_by("code").aggregate(n=both.n.sum())


def chosen_pairs(stage: ir.Table, selection: Selection, actors: list[str] | None) -> ir.Table:
    """The pairs and buckets the map will show: among ``actors`` (all when None), with --min-events reached."""
    kept = stage.filter(stage.status == KEPT)
    if actors is not None:
        kept = kept.filter(kept.a.isin(actors) & kept.b.isin(actors))
    kept = kept.filter(kept.n >= selection.min_events)
    return kept.select("bucket", "a", "b", "n", "s10")


def details(rows: ir.Table, selection: Selection, actors: list[str] | None, chosen: ir.Table | None) -> ir.Table:
    """The citing scan: for the chosen pairs only, events per bucket and per both actors' attributes.

    A second pass over the rows, but its groups are as few as the map's events times the names an actor
    goes by, so its text aggregates (report URLs, names) stay small. Rows are narrowed to ``actors``
    (all when None) by a plain filter first, which engines apply while reading, before any text is
    built; ``chosen`` (None: every pair left) then drops the pairs and buckets below --min-events.
    """
    kept = rows.filter(rows.status == KEPT)
    if actors is not None:
        kept = kept.filter(kept.a1_code.isin(actors) & kept.a2_code.isin(actors))
    kept = kept.mutate(bucket=_bucket(kept.date, selection.bucket), a=ibis.least(kept.a1_code, kept.a2_code),
                       b=ibis.greatest(kept.a1_code, kept.a2_code))
    if chosen is not None:
        kept = kept.semi_join(chosen, ["bucket", "a", "b"])
    return kept.group_by("bucket", "a", "b", *ACTOR_KEYS).aggregate(
        n=kept.count(), first=kept.id_url.min(), last=kept.id_url.max(), url_min=kept.url.min())


def actor_variants(detail: ir.Table) -> ir.Table:
    """Events per actor code and each of its names, countries and types, within the chosen pairs."""
    sides = [detail.select(code=detail[f"{s}_code"], name=detail[f"{s}_name"], country=detail[f"{s}_country"],
                           type=detail[f"{s}_type"], n=detail.n) for s in ("a1", "a2")]
    both = sides[0].union(sides[1], distinct=False)
    return both.group_by("code", "name", "country", "type").aggregate(n=both.n.sum())


def pairs(chosen: ir.Table, detail: ir.Table) -> ir.Table:
    """One row per unordered pair and bucket: event count, score sum and up to three report URLs."""
    urls = detail.group_by("bucket", "a", "b").aggregate(
        url_first=detail.first.min().substr(ID_WIDTH), url_last=detail.last.max().substr(ID_WIDTH),
        url_min=detail.url_min.min())
    joined = chosen.left_join(urls, ["bucket", "a", "b"]).select(
        chosen.bucket, chosen.a, chosen.b, chosen.n, chosen.s10, urls.url_first, urls.url_last, urls.url_min)
    return joined.mutate(bucket=joined.bucket.cast("string")).order_by("bucket", "a", "b")


def status_counts(stage: ir.Table) -> ir.Table:
    """Rows per file and status, for the report."""
    return stage.group_by("_file", "status").aggregate(n=stage.n.sum()).order_by("_file", "status")
