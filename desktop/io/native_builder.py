"""Building a Dataset from a native document's members, in file order, with located problems.

Kept apart from :mod:`desktop.io.native` (which reads the bytes and streams the members) because the
checks of meaning (ids that exist, real dates, ends after starts, unknown keys) are most of the work.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from desktop.core.model import (
    Actor,
    Chapter,
    Dataset,
    Event,
    EventKind,
    Group,
    Interaction,
    Note,
    Source,
    SourceRef,
)
from desktop.core.time_axis import TimeAxis, TimeParseError
from desktop.io.json_stream import JsonStream
from desktop.io.limits import Limits, check_document
from desktop.io.native_schema import (
    clip,
    event_is_valid,
    explain_event,
    explain_header,
    header_is_valid,
    quick_event_problems,
)
from desktop.io.problems import DatasetError, LoadReport, Problem, problem_kind

FORMAT_VERSION = 1
EXPLAINED = 200  # bad events explained in full by jsonschema; later ones by the compiled validator
KEPT = 10_000  # problems kept one by one; the rest are only counted by kind
_NO_EXTRA: Mapping[str, Any] = MappingProxyType({})

_PICTURE_KEYS = ("position", "size", "colour")
_KNOWN_KEYS: Mapping[str, frozenset[str]] = {
    "": frozenset(
        {"relmap", "title", "description", "time", "sources", "groups", "kinds", "actors", "events",
         "chapters", "notes", "$schema"}
    ),
    "actors": frozenset({"id", "name", "group", "role", "kind", "aliases", "note", "start", "end", "position",
                         "size", "colour"}),
    "events": frozenset(
        {"id", "date", "date_precision", "date_note", "end_date", "title", "summary", "kind", "place",
         "background", "participants", "sources", "interactions"}
    ),
}


_EVENT_KEYS = _KNOWN_KEYS["events"]



class ReadWhole(Exception):
    """The file sets a number time axis after its events: they were read as dates, so read it again whole."""



class DocumentBuilder:
    """Turns a document's members, in file order, into a Dataset while collecting located problems.

    The header (everything but the events) is kept as decoded; the events are checked and turned into
    the model one at a time, so a large file never holds all its events as dicts. Structure is checked
    by the compiled validator and explained by ``jsonschema`` where it fails; meaning (ids that exist,
    calendar dates, end after start) is checked here.
    """

    def __init__(self, path: Path, limits: Limits, report: LoadReport) -> None:
        self.path = path
        self.limits = limits
        self.report = report
        self.header: dict[str, Any] = {}
        self.problems: list[Problem] = []
        self.more: Counter[str] = Counter()
        self.events: list[Event] = []
        self.interactions = 0
        self.explained = 0
        self.streamed = False
        self.ready = False
        self.axis = TimeAxis()
        self.actor_ids: dict[str, str] = {}
        self.source_ids: set[str] = set()
        self.kind_ids: set[str] = set()
        self.group_ids: set[str] = set()
        self.actors: list[Actor | None] = []  # None where an actor is broken (the schema says where)
        self.pending: list[tuple[str, str, str]] = []  # (what, location, id) named before its section
        # Shared values: 2,000,000 events hold a few thousand distinct dates, participant pairs and
        # citations; one object each instead of one per event is most of the memory a large file needs.
        self._times: dict[str, tuple[float, str]] = {}
        self._tuples: dict[tuple[Any, ...], tuple[Any, ...]] = {}
        self._numbers: dict[Any, float] = {}
        self._refs_seen: dict[tuple[Any, ...], tuple[SourceRef, ...]] = {}

    # -- problems --------------------------------------------------------------------------------

    def _add(self, problem: Problem) -> None:
        if len(self.problems) < KEPT:
            self.problems.append(problem)
        else:
            self.more[problem_kind(problem)] += 1

    def error(self, location: str, message: str) -> None:
        self._add(Problem(location, message))

    def warn(self, location: str, message: str) -> None:
        self._add(Problem(location, message, "warning"))

    def _fail(self, problem: Problem) -> DatasetError:
        return DatasetError(self.path, problem)

    # -- the members -----------------------------------------------------------------------------

    def can_stream(self, key: str) -> bool:
        """Events are built as they are read once the version and the actors are known."""
        return key == "events" and "actors" in self.header and self.header.get("relmap") == FORMAT_VERSION

    def member(self, key: str, value: Any, stream: JsonStream | None) -> None:
        if key in self.header or (key == "events" and self.streamed):
            self.error(key, "appears twice in the top-level object (JSON keeps only the last)")
        if key == "relmap" and value != FORMAT_VERSION:
            raise self._fail(Problem("relmap", f"format version {value!r} is not supported "
                                               f"(expected {FORMAT_VERSION})"))
        if key == "events" and isinstance(value, Iterator):
            self.streamed = True
            self._prepare()
            for i, item in enumerate(value):
                if stream is not None:
                    size, brackets = stream.last_shape()
                    if size > self.limits.max_string_length or brackets >= self.limits.max_json_depth - 2:
                        self._check_limits(item, ("events", i))
                self.event(i, item)
            self.header["events"] = []
            return
        if key == "time" and self.streamed and _axis(value).is_date != self.axis.is_date:
            raise ReadWhole
        if key != "events" or not isinstance(value, list):  # events are checked one by one
            self._check_limits(value, (key,))
        self.header[key] = value
        if self.ready and key in ("sources", "kinds"):  # after the events: their references are checked at the end
            try:
                ids = self._unique(value, key)
            except (KeyError, TypeError, AttributeError):
                ids = set()
            if key == "sources":
                self.source_ids = ids
            else:
                self.kind_ids = ids

    def _check_limits(self, value: Any, where: tuple[str | int, ...] = ()) -> None:
        over = check_document(value, self.limits, where)
        if over is not None:
            raise self._fail(over)

    def _prepare(self) -> None:
        """Check and build what the events refer to: time axis, sources, groups, kinds, actors."""
        if self.ready:
            return
        self.ready = True
        doc = self.header
        self.axis = _axis(doc.get("time"))
        try:
            self.source_ids = self._unique(doc.get("sources", []), "sources")
            self.group_ids = self._unique(doc.get("groups", []), "groups")
            self.kind_ids = self._unique(doc.get("kinds", []), "kinds")
            ids = self._unique(doc.get("actors", []), "actors")
            self.actor_ids = {i: i for i in ids}
            if len(ids) > self.limits.max_actors:
                raise self._fail(Problem("actors", f"{len(ids):,} actors, over the limit of "
                                                   f"{self.limits.max_actors:,} (max_actors)"))
            self.actors = [self._actor(i, a) for i, a in enumerate(doc.get("actors", []))]
        except (KeyError, TypeError, ValueError, AttributeError):
            self.actors = []  # the schema locates what is broken (see finish)

    def finish(self) -> Dataset:
        doc = self.header
        if doc.get("relmap") != FORMAT_VERSION:
            found = doc.get("relmap", "missing")
            raise self._fail(Problem("relmap", f"format version {found!r} is not supported "
                                               f"(expected {FORMAT_VERSION})"))
        self._prepare()
        if not self.streamed and isinstance(doc.get("events"), list):
            for i, item in enumerate(doc["events"]):
                self._check_limits(item, ("events", i))
                self.event(i, item)
            doc["events"] = []
        for what, location, ident in self.pending:  # named before their section was read
            known = self.source_ids if what == "source" else self.kind_ids
            if ident not in known and (what == "source" or known):
                if what == "source":
                    self.error(location, f"unknown source {clip(ident)}")
                else:
                    self.warn(location, f"kind {clip(ident)} is not listed under \"kinds\"")
        self.axis = _axis(doc.get("time"))
        structure = [] if header_is_valid(doc) else explain_header(doc)
        try:
            extra = self._unknown_keys("", "", doc)
            dataset = self._dataset(doc, extra)
        except (KeyError, TypeError, ValueError, AttributeError):
            dataset = None
        errors = structure + [p for p in self.problems if p.severity == "error"]
        if errors or self.more or dataset is None:
            raise DatasetError(self.path, errors or [Problem("", "the document's structure is not valid")],
                               more=self.more)
        self.report.problems += [p for p in self.problems if p.severity == "warning"]
        self.report.read.append(f"{len(dataset.actors)} actors, {len(dataset.events)} events, "
                                f"{self.interactions} interactions")
        return dataset

    def _dataset(self, doc: dict[str, Any], extra: dict[str, Any]) -> Dataset:
        sources = [Source(s["id"], s["title"], s.get("publisher", ""), s.get("date", ""), s.get("url", ""),
                          tuple(s.get("authors", ()))) for s in doc.get("sources", [])]
        groups = [Group(g["id"], g["label"], g.get("colour", "")) for g in doc.get("groups", [])]
        kinds = [EventKind(k["id"], k["label"], k.get("cameo", ""), k.get("cameo_label", ""))
                 for k in doc.get("kinds", [])]
        chapters = [self._chapter(i, c) for i, c in enumerate(doc.get("chapters", []))]
        notes = [Note(n["topic"], n["text"], self._refs(n.get("sources", []), "notes", i))
                 for i, n in enumerate(doc.get("notes", []))]
        events, self.events = self.events, []
        return Dataset(
            title=doc["title"], description=doc.get("description", ""), axis=self.axis,
            sources=tuple(sources), groups=tuple(groups), kinds=tuple(kinds),
            actors=tuple(a for a in self.actors if a is not None), events=tuple(events),
            chapters=tuple(c for c in chapters if c is not None), notes=tuple(notes),
            origin=str(self.path), extra=extra,
        )

    # -- pieces ----------------------------------------------------------------------------------

    def _unknown_keys(self, section: str, location: str, item: Mapping[str, Any]) -> dict[str, Any]:
        known = _KNOWN_KEYS.get(section)
        if known is None:
            return {}
        extra = {key: value for key, value in item.items() if key not in known}
        for key in extra:
            self.warn(f"{location}.{key}" if location else key, "unknown key, kept but not used")
        return extra

    def _unique(self, items: list[dict[str, Any]], section: str) -> set[str]:
        seen: set[str] = set()
        for i, item in enumerate(items):
            if item["id"] in seen:
                self.error(f"{section}[{i}].id", f"duplicate id {clip(item['id'])}")
            seen.add(item["id"])
        return seen

    def _time(self, value: Any, location: str) -> tuple[float, str] | None:
        if isinstance(value, str) and value in self._times:
            return self._times[value]
        try:
            parsed = self.axis.parse(value)
        except TimeParseError as exc:
            self.error(location, str(exc))
            return None
        if isinstance(value, str) and len(self._times) < 100_000:
            self._times[value] = parsed
        return parsed

    def _participants(self, names: list[str]) -> tuple[str, ...]:
        """One shared tuple per distinct list of participants, holding the actors' own id strings."""
        key = tuple(names)
        shared = self._tuples.get(key)
        if shared is None:
            ids = self.actor_ids
            shared = tuple(ids.get(p, p) for p in key)
            if len(self._tuples) < 1_000_000:
                self._tuples[key] = shared
        return shared

    def _number(self, value: Any) -> float:
        number = self._numbers.get(value)
        if number is None:
            number = float(value)
            if len(self._numbers) < 10_000:
                self._numbers[value] = number
        return number

    def _actor(self, i: int, item: dict[str, Any]) -> Actor | None:
        where = f"actors[{i}]"
        extra = self._unknown_keys("actors", where, item)
        extra.update({key: item[key] for key in _PICTURE_KEYS if key in item})  # the source file's picture
        group = item.get("group", "")
        if group and self.group_ids and group not in self.group_ids:
            self.error(f"{where}.group", f"unknown group {clip(group)}")
        start = self._time(item["start"], f"{where}.start") if "start" in item else None
        end = self._time(item["end"], f"{where}.end") if "end" in item else None
        if start and end and end[0] < start[0]:
            self.error(f"{where}.end", "ends before it starts")
        return Actor(
            id=item["id"], name=item["name"], group=group, role=item.get("role", ""),
            kind=item.get("kind", "person"), aliases=tuple(item.get("aliases", ())),
            note=item.get("note", ""), start=start[0] if start else None, end=end[0] if end else None,
            extra=extra or _NO_EXTRA,
        )

    def _refs(self, refs: list[dict[str, Any]], section: str, i: int) -> tuple[SourceRef, ...]:
        """One shared tuple per distinct citation list of ``{section}[{i}]`` (located only on a problem)."""
        if not refs:
            return ()
        if len(refs) == 1:  # the common case, without building a key of keys
            first = refs[0]
            key: tuple[Any, ...] = (first["source"], first.get("section", ""))
            known = key[0] in self.source_ids
        else:
            key = tuple((ref["source"], ref.get("section", "")) for ref in refs)
            known = all(source in self.source_ids for source, _ in key)
        if not known:
            for j, ref in enumerate(refs):
                if ref["source"] not in self.source_ids:
                    where = f"{section}[{i}].sources[{j}].source"
                    if "sources" in self.header:
                        self.error(where, f"unknown source {clip(ref['source'])}")
                    else:
                        self.pending.append(("source", where, ref["source"]))
        shared = self._refs_seen.get(key)
        if shared is None:
            pairs = (key,) if len(refs) == 1 else key
            shared = tuple(SourceRef(source, section) for source, section in pairs)
            if len(self._refs_seen) < 1_000_000:
                self._refs_seen[key] = shared
        return shared

    def event(self, i: int, item: Any) -> None:
        """Check one event and add it; refuse the file as soon as it passes ``max_interactions``."""
        if not event_is_valid(item):
            self.explained += 1
            for problem in explain_event(item, i) if self.explained <= EXPLAINED else quick_event_problems(item, i):
                self._add(problem)
            raw = item.get("interactions") if isinstance(item, dict) else None
            self.interactions += len(raw) if isinstance(raw, list) else 0
            self._check_count(i)
            return
        self.interactions += len(item.get("interactions", ()))
        if self.interactions > self.limits.max_interactions:
            self._check_count(i)
        if not self.ready:
            return
        try:
            built = self._event(i, item)
        except (KeyError, TypeError, ValueError, AttributeError):
            return  # built against a broken header, which the schema check reports
        if built is not None:
            self.events.append(built)

    def _check_count(self, i: int) -> None:
        if self.interactions > self.limits.max_interactions:
            raise self._fail(Problem(f"events[{i}].interactions",
                                     f"the file holds more than {self.limits.max_interactions:,} interactions, "
                                     "the limit (max_interactions); refused where the count passes it"))

    def _event(self, i: int, item: dict[str, Any]) -> Event | None:
        """One schema-valid event as the model. The common case (known keys, known actors, one date)
        takes no string formatting: locations are spelled out only for a problem."""
        get = item.get
        extra = _NO_EXTRA if item.keys() <= _EVENT_KEYS else self._unknown_keys("events", f"events[{i}]", item)
        date = item["date"]
        when = self._times.get(date) if isinstance(date, str) else None
        if when is None:
            when = self._time(date, f"events[{i}].date")
        end_date = get("end_date")
        end = self._time(end_date, f"events[{i}].end_date") if end_date is not None else None
        if when and end and end[0] < when[0]:
            self.error(f"events[{i}].end_date", "ends before it starts")
        ids = self.actor_ids
        participants = get("participants", ())
        for actor in participants:
            if actor not in ids:
                for j, name in enumerate(participants):
                    if name not in ids:
                        self.error(f"events[{i}].participants[{j}]", f"unknown actor {clip(name)}")
                break
        kind = get("kind", "")
        if kind and kind not in self.kind_ids:
            if "kinds" not in self.header:
                self.pending.append(("kind", f"events[{i}].kind", kind))
            elif self.kind_ids:
                self.warn(f"events[{i}].kind", f"kind {clip(kind)} is not listed under \"kinds\"")
        interactions = []
        numbers = self._numbers
        for j, raw in enumerate(get("interactions", ())):
            a, b = raw["a"], raw["b"]
            if a not in ids or b not in ids or a == b:
                self._interaction_problems(i, j, a, b)
            tone, weight = numbers.get(raw["tone"]), raw.get("weight")
            weight = 1.0 if weight is None else numbers.get(weight)
            if tone is None or weight is None:  # a value not seen yet (a float is looked up, then kept)
                try:
                    given = raw.get("weight")
                    tone, weight = self._number(raw["tone"]), 1.0 if given is None else self._number(given)
                except OverflowError:  # an integer of hundreds of digits: no float holds it
                    self.error(f"events[{i}].interactions[{j}]", "a tone or weight too large a number to read")
                    tone, weight = 0.0, 1.0
            interactions.append(Interaction(ids.get(a, a), ids.get(b, b), tone, weight, raw.get("note", "")))
        if when is None:
            return None
        sources = get("sources")
        return Event(
            id=item["id"], time=when[0], date_precision=get("date_precision", when[1]),
            end_time=end[0] if end else None, title=get("title", ""), summary=get("summary", ""), kind=kind,
            place=get("place", ""),
            participants=self._participants(participants) if participants else (),
            sources=self._refs(sources, "events", i) if sources else (),
            interactions=tuple(interactions), date_note=get("date_note", ""),
            background=bool(get("background", False)), extra=extra,
        )

    def _interaction_problems(self, i: int, j: int, a: str, b: str) -> None:
        for side, actor in (("a", a), ("b", b)):
            if actor not in self.actor_ids:
                self.error(f"events[{i}].interactions[{j}].{side}", f"unknown actor {clip(actor)}")
        if a == b:
            self.error(f"events[{i}].interactions[{j}].b", "an actor cannot interact with themselves")

    def _chapter(self, i: int, item: dict[str, Any]) -> Chapter | None:
        where = f"chapters[{i}]"
        start = self._time(item["start"], f"{where}.start")
        end = self._time(item["end"], f"{where}.end")
        if not (start and end):
            return None
        if end[0] < start[0]:
            self.error(f"{where}.end", "ends before it starts")
        return Chapter(item["id"], item["title"], start[0], end[0], item.get("summary", ""))


def _axis(time: Any) -> TimeAxis:
    time = time if isinstance(time, dict) else {}  # a wrong type is reported by the schema
    return TimeAxis(kind=time.get("kind", "date"), unit=time.get("unit", "day"))
