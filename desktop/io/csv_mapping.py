"""Which column is what: the guess behind the CSV mapping dialog.

:func:`guess_mapping` is pure (a header and a few rows in, a :class:`ColumnMapping` out) so the dialog
can show its guess, let the user correct it, and hand the result back to
:func:`desktop.io.csv_tables.read`. Names are matched as words (``Time step End`` → end,
``onset.censored`` → nothing), exact names before partial ones; values confirm or veto a guess (a tone
column must be numeric; Goldstein-like values beyond ±2 are scaled by 5).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from desktop.io.intervals import looks_like_intervals
from desktop.io.timeparse import classify

_WORD = re.compile(r"[a-z0-9]+")

SOURCE = ("source", "src", "from", "sender", "giver", "tail", "actor1name", "actor1", "actor 1", "source name",
          "source actor", "author", "origin", "writer", "ego", "node1", "node 1", "vertex1", "u", "a", "from id")
TARGET = ("target", "tgt", "to", "recipient", "receiver", "head", "actor2name", "actor2", "actor 2",
          "target name", "target actor", "addressee", "destination", "alter", "node2", "node 2", "vertex2", "v", "b",
          "to id")
TIME = ("date", "timeset", "timestamp", "timestamps", "time", "datetime", "sqldate", "event date", "day", "year",
        "when", "period", "interval", "date of activity")
START = ("start", "onset", "begin", "start date", "start time", "from date", "time step start", "valid from",
         "start year", "since", "birth", "born")
END = ("end", "terminus", "stop", "until", "end date", "end time", "to date", "time step end", "valid to",
       "end year", "death", "died")
WEIGHT = ("weight", "value", "count", "strength", "frequency", "freq", "amount", "n", "numarticles",
          "number of letters", "letters")
TONE = ("tone", "sign", "polarity", "sentiment", "valence", "goldstein", "goldsteinscale", "goldstein scale",
        "intensity")
LABEL = ("label", "title", "name", "description", "subject", "summary")
KIND = ("kind", "relation", "relationship", "relationtype", "relation type", "category", "event type",
        "eventcode", "event code", "cameo code", "cameocode", "edge type", "form of help")
NODE_ID = ("id", "node", "node id", "nodeid", "vertex id", "vertex", "key", "person", "actor", "name")
NODE_LABEL = ("label", "name", "full name", "title", "display name")
NODE_GROUP = ("group", "modularity class", "modularity_class", "partition", "community", "cluster", "category",
              "class", "faction", "party", "country", "region", "affiliation", "organisation", "organization")
# Columns that name places or things rather than people: a "Source City" is not the source of a letter
# when a "Letter Author" column is there too.
PLACE_WORDS = frozenset({"city", "town", "place", "location", "country", "region", "state", "address", "lat",
                         "latitude", "lon", "lng", "longitude", "coordinates", "port", "station", "airport",
                         "site", "url", "file", "page", "document", "doc"})
PERSON_WORDS = frozenset({"author", "sender", "writer", "recipient", "receiver", "addressee", "person", "people",
                          "actor", "ego", "alter", "name", "who", "giver", "helper", "helped", "correspondent"})
_EXACT_ONLY = frozenset({"from", "tail", "head", "node", "name", "year", "kind", "sign", "key", "vertex"})
_VETO = {"censored", "duration", "length", "count"}


@dataclass(frozen=True)
class ColumnMapping:
    """Column names (None: not in the file) for an edge table or a node table.

    Edge tables use source/target, ``time`` (a date, timestamp or Gephi interval set) or ``start``/``end``,
    ``weight``, ``tone`` (divided by ``tone_scale``), ``label`` (the event title) and ``group`` (the event
    kind). Node tables use ``id``, ``label``, ``group`` and ``start``/``end`` or ``time``.
    """

    source: str | None = None
    target: str | None = None
    time: str | None = None
    start: str | None = None
    end: str | None = None
    weight: str | None = None
    tone: str | None = None
    tone_scale: float = 1.0
    label: str | None = None
    group: str | None = None
    id: str | None = None
    guessed: tuple[str, ...] = field(default=(), compare=False)
    # Other columns that could have been the source or target, for the report and the dialog.
    alternatives: tuple[tuple[str, tuple[str, ...]], ...] = field(default=(), compare=False)

    @property
    def is_edges(self) -> bool:
        return bool(self.source and self.target)

    def describe(self) -> str:
        parts = [f"{role} = {getattr(self, role)!r}" for role in
                 ("source", "target", "time", "start", "end", "weight", "tone", "label", "group", "id")
                 if getattr(self, role)]
        if self.tone and self.tone_scale != 1.0:
            parts.append(f"tone ÷ {self.tone_scale:g}")
        return ", ".join(parts) or "nothing recognised"


def _norm(name: str) -> str:
    return " ".join(_WORD.findall(name.lower()))


def _find(header: Sequence[str], wanted: Sequence[str], taken: set[str]) -> str | None:
    """Exact (normalised) name first, in the order of ``wanted``; then a column containing the word."""
    normal = {name: _norm(name) for name in header if name not in taken}
    for word in wanted:
        for name, norm in normal.items():
            if norm == word or norm.replace(" ", "") == word.replace(" ", ""):
                return name
    for word in wanted:
        if (len(word) < 4 and " " not in word) or word in _EXACT_ONLY:
            continue
        for name, norm in normal.items():
            words = set(norm.split())
            if words & _VETO:
                continue
            if (word in words if " " not in word else word in norm):
                return name
    return None


def _numeric_share(values: Sequence[str]) -> float:
    filled = [v for v in values if v.strip()]
    if not filled:
        return 0.0
    return sum(classify(v) in ("number", "year") for v in filled) / len(filled)


def guess_mapping(header: Sequence[str], sample_rows: Sequence[Sequence[str]]) -> ColumnMapping:
    """The best guess for a table, from its column names and a sample of rows."""
    columns = {name: [row[i] if i < len(row) else "" for row in sample_rows] for i, name in enumerate(header)}
    taken: set[str] = set()

    def pick(wanted: Sequence[str], check: object = None) -> str | None:
        name = _find(header, wanted, taken)
        if name is not None and (check is None or check(columns[name])):  # type: ignore[operator]
            taken.add(name)
            return name
        return None

    source, source_others = _person_column(header, SOURCE, taken)
    if source:
        taken.add(source)
    target, target_others = _person_column(header, TARGET, taken)
    if target:
        taken.add(target)
    guessed: list[str] = []
    alternatives = tuple((role, tuple(others)) for role, others in (("source", source_others),
                                                                    ("target", target_others)) if others)
    for role, others in alternatives:
        guessed.append(f"{role}: also possible {', '.join(repr(o) for o in others)}")
    if not (source and target) and not _find(header, NODE_ID, taken) and len(header) >= 2:
        free = [h for h in header if h not in taken and not _find([h], TIME + START + END + WEIGHT, set())]
        if len(free) >= 2 and not (source or target):
            source, target = free[0], free[1]
            taken.update((source, target))
            guessed.append("source and target are the first two columns")
    start = pick(START)
    end = pick(END)
    if not (start and end):
        if start and not end:
            taken.discard(start)
            start = None
        if end:
            taken.discard(end)
            end = None
    time = None if start else pick(TIME, _timelike)
    tone = pick(TONE, lambda v: _numeric_share(v) > 0.8)
    tone_scale = 1.0
    if tone:
        numbers = [abs(n) for v in columns[tone] if classify(v) in ("number", "year") and (n := _float(v)) is not None]
        if "goldstein" in _norm(tone).replace(" ", "") or (numbers and 2 < max(numbers) <= 10):
            tone_scale = 5.0
    weight = pick(WEIGHT, lambda v: _numeric_share(v) > 0.8 or any(looks_like_intervals(x) for x in v))
    kind = pick(KIND)
    if source and target:
        label = pick(LABEL)
        edge_id = pick(("id", "edge id", "edgeid", "globaleventid", "event id"))
        return ColumnMapping(source=source, target=target, time=time, start=start, end=end, weight=weight,
                             tone=tone, tone_scale=tone_scale, label=label, group=kind, id=edge_id,
                             guessed=tuple(guessed), alternatives=alternatives)
    node_id = pick(NODE_ID)
    label = pick(NODE_LABEL)
    group = pick(NODE_GROUP)
    return ColumnMapping(id=node_id, label=label, group=group, time=time, start=start, end=end,
                         guessed=tuple(guessed))


def _person_column(header: Sequence[str], wanted: Sequence[str], taken: set[str]) -> tuple[str | None, list[str]]:
    """The column for one end of a tie, and the other columns that match the same words.

    Every column matching the words is a candidate; a column that names a person (``Letter Author``) beats
    one that names a place (``Source City``), and an exact name (``source``) beats both.
    """
    candidates: list[str] = []
    skip = set(taken)
    while (name := _find(header, wanted, skip)) is not None:
        candidates.append(name)
        skip.add(name)
    if not candidates:
        return None, []

    def rank(name: str) -> tuple[int, int]:
        words = set(_norm(name).split())
        exact = _norm(name) in wanted or _norm(name).replace(" ", "") in {w.replace(" ", "") for w in wanted}
        place = bool(words & PLACE_WORDS)
        person = bool(words & PERSON_WORDS)
        return (0 if exact and not place else 1 if person and not place else 2 if not place else 3,
                candidates.index(name))

    ordered = sorted(candidates, key=rank)
    return ordered[0], ordered[1:]


def _timelike(values: Sequence[str]) -> bool:
    filled = [v for v in values if v.strip()]
    if not filled:
        return True
    good = sum(classify(v) not in ("bad",) or looks_like_intervals(v) for v in filled)
    return good >= 0.5 * len(filled)


def without(mapping: ColumnMapping, *roles: str) -> ColumnMapping:
    cleared: dict[str, Any] = {role: None for role in roles}
    return replace(mapping, **cleared)


def _float(text: str) -> float | None:
    """A finite number, or None: classify() strips control characters that float() refuses ("0\\x1f")."""
    try:
        value = float(text.strip())
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None
