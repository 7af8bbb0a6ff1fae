"""The aggregated pairs as a native Relmap document: actors, one event per pair and period, citations.

Each event holds one interaction whose weight is the number of coded events between the pair in
that period and whose tone is their mean score divided by 5 (Goldstein and ICEWS intensity run from
-10 to +10, the map's tone from -2 to +2). Up to three report URLs per event become its citations.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any

from desktop.events.expression import Selection
from desktop.events.layouts import ACLED_INTER, CAMEO_TYPES
from desktop.events.report import AggregateReport

SCORE_TO_TONE = 5.0
NO_TYPE = "no-type"


def _host(url: str) -> str:
    """``www.reuters.com`` from a report's URL (urlparse costs ten times more, on up to a million URLs)."""
    _, sep, rest = url.partition("://")
    return rest.split("/", 1)[0] if sep else ""


def _display(name: str) -> str:
    """GDELT writes names in capitals ("BENJAMIN NETANYAHU"); the map shows them as words (not "USA" → "Usa")."""
    return name.title() if name.isupper() and len(name) > 4 else name


def _group_label(code: str) -> str:
    return CAMEO_TYPES.get(code.upper()) or ACLED_INTER.get(code) or code


def _actors(rows: list[dict[str, Any]], used: set[str],
            events: dict[str, int] | None = None) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """The actors of the map: each code's commonest name, country and type among ``rows`` (variants with
    their event counts); ``events`` gives each code's events as either party, when known beyond ``rows``."""
    names: dict[str, Counter[str]] = defaultdict(Counter)
    countries: dict[str, Counter[str]] = defaultdict(Counter)
    types: dict[str, Counter[str]] = defaultdict(Counter)
    totals: Counter[str] = Counter()
    for row in rows:
        code, n = row["code"], int(row["n"])
        if code not in used:
            continue
        totals[code] += n
        for counter, value in ((names, row["name"]), (countries, row["country"]), (types, row["type"])):
            if value:
                counter[code][value] += n

    def commonest(counter: Counter[str]) -> str:
        return min(counter.items(), key=lambda item: (-item[1], item[0]))[0] if counter else ""

    chosen = {code: _display(commonest(names[code]) or code) for code in sorted(used)}
    repeated = {name for name, count in Counter(chosen.values()).items() if count > 1}
    actors, groups = [], {}
    for code in sorted(used):
        kind = commonest(types[code])
        group = kind or NO_TYPE
        groups[group] = _group_label(kind) if kind else "No actor type"
        country = commonest(countries[code])
        name = chosen[code] if chosen[code] not in repeated else f"{chosen[code]} ({code})"
        # ties broken by name: engines hand rows over in no fixed order (threads, spilling, Spark partitions)
        ranked = sorted(names[code].items(), key=lambda item: (-item[1], item[0]))[:4]
        others = [_display(n) for n, _ in ranked if _display(n) != chosen[code]][:3]
        role = ", ".join(part for part in (f"code {code}", f"country {country}" if country else "",
                                           groups[group] if kind else "") if part)
        actors.append({"id": code, "name": name, "group": group, "role": role,
                       "kind": "organisation",
                       "aliases": [code, *others] if code != name else others,
                       "note": f"{(events or totals)[code]:,} coded events as either party"})
    return actors, [{"id": g, "label": label} for g, label in sorted(groups.items())]


def _when(bucket: str, selection: Selection) -> dict[str, str]:
    day = dt.date.fromisoformat(bucket[:10])
    if selection.bucket == "month":
        return {"date": day.strftime("%Y-%m"), "date_precision": "month"}
    if selection.bucket == "week":
        return {"date": day.isoformat(), "date_precision": "day",
                "end_date": (day + dt.timedelta(days=6)).isoformat(),
                "date_note": "all events of the week starting this Monday"}
    return {"date": day.isoformat(), "date_precision": "day"}


def build_document(pairs: list[dict[str, Any]], actor_rows: list[dict[str, Any]], selection: Selection,
                   report: AggregateReport, *, title: str = "", fmt: str = "auto",
                   totals: dict[str, int] | None = None) -> dict[str, Any]:
    used = {row["a"] for row in pairs} | {row["b"] for row in pairs}
    actors, groups = _actors(actor_rows, used, totals)
    names = {a["id"]: a["name"] for a in actors}
    sources: dict[str, str] = {}
    events = []
    period = {"day": "day", "week": "week", "month": "month"}[selection.bucket]
    for number, row in enumerate(pairs, start=1):
        n, mean = int(row["n"]), int(row["s10"] or 0) / 10.0 / max(1, int(row["n"]))
        tone = max(-2.0, min(2.0, round(mean / SCORE_TO_TONE, 4)))
        urls = [u for u in dict.fromkeys((row["url_first"], row["url_last"], row["url_min"])) if u]
        refs = []
        for url in urls:
            if url not in sources:
                sources[url] = f"u{len(sources) + 1}"
            refs.append({"source": sources[url]})
        a, b = row["a"], row["b"]
        event: dict[str, Any] = {
            "id": f"e{number}", **_when(row["bucket"], selection),
            "title": f"{names[a]} – {names[b]}: {n:,} event{'s' if n != 1 else ''}",
            "summary": f"{n:,} coded event{'s' if n != 1 else ''} between {names[a]} and {names[b]} in this "
                       f"{period}; mean score {mean:+.1f} on the -10..+10 scale.",
            "kind": "event-data", "participants": [a, b],
            "interactions": [{"a": a, "b": b, "tone": tone, "weight": n,
                              "note": f"{n:,} events, mean score {mean:+.1f} / 5"}],
        }
        if refs:
            event["sources"] = refs
        events.append(event)
    report.actors, report.events = len(actors), len(events)
    files = report.files
    first = files[0].rsplit("/", 1)[-1] if files else "event data"
    label = first if len(files) == 1 else f"{first} and {len(files) - 1} more"
    chosen = []
    if selection.actors:
        chosen.append("actors " + ", ".join(selection.actors))
    if selection.start or selection.end:
        chosen.append(f"{selection.start or '…'} to {selection.end or '…'}")
    if selection.event_codes:
        chosen.append("CAMEO roots " + ", ".join(selection.event_codes))
    if selection.top:
        chosen.append(f"top {selection.top} actors")
    description = (f"Coded events from {label}, counted per pair of actors and {period}"
                   + (f" ({'; '.join(chosen)})" if chosen else "") + ". Weight: number of events; tone: mean "
                   "Goldstein score (ICEWS intensity, ACLED event type) divided by 5.")
    return {
        "relmap": 1,
        "title": title or f"Event data: {label}",
        "description": description,
        "sources": [{"id": sid, "title": url, "publisher": _host(url), "url": url} for url, sid in sources.items()],
        "groups": groups,
        "kinds": [{"id": "event-data", "label": "Coded events"}],
        "actors": actors,
        "events": events,
        "notes": [{"topic": "How this map was made", "text": "\n".join(report.summary_lines())}],
    }
