"""The native format, version 1: a JSON document of actors and dated, cited events.

Structure is checked against the JSON Schema shipped in ``resources/schema`` (so other tools can check
their output the same way); meaning (ids that exist, real calendar dates, end after start) is checked
here. Every problem is reported with its location, and unknown keys are kept and warned about.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
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
from desktop.core.resources import resource_path
from desktop.core.time_axis import TimeAxis, TimeParseError
from desktop.io.limits import DEFAULT_LIMITS, Limits, check_document
from desktop.io.problems import DatasetError, LoadReport, LoadResult, Problem, json_location
from desktop.io.reader import Reader

FORMAT_VERSION = 1
LABEL = "Relmap dataset (JSON)"

_KNOWN_KEYS: Mapping[str, frozenset[str]] = {
    "": frozenset(
        {"relmap", "title", "description", "time", "sources", "groups", "kinds", "actors", "events",
         "chapters", "notes", "$schema"}
    ),
    "actors": frozenset({"id", "name", "group", "role", "kind", "aliases", "note", "start", "end"}),
    "events": frozenset(
        {"id", "date", "date_precision", "date_note", "end_date", "title", "summary", "kind", "place",
         "background", "participants", "sources", "interactions"}
    ),
}


@cache
def schema() -> dict[str, Any]:
    """The JSON Schema of format version 1, as shipped with the app."""
    return json.loads(resource_path("schema", "relmap-1.schema.json").read_text(encoding="utf-8"))


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


def parse_json(path: Path, data: bytes, limits: Limits) -> Any:
    """Decode and parse with located errors; NaN and Infinity are refused, deep nesting is caught."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DatasetError(path, f"byte {exc.start}: not UTF-8 text ({exc.reason})") from None
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise DatasetError(path, f"line {exc.lineno}, column {exc.colno}: invalid JSON ({exc.msg})") from None
    except ValueError as exc:
        raise DatasetError(path, f"invalid JSON ({exc})") from None
    except RecursionError:
        raise DatasetError(path, f"JSON nested deeper than {limits.max_json_depth} levels") from None


def sniff(path: Path, head: bytes) -> bool:
    text = head.decode("utf-8", "ignore").lstrip("\ufeff \t\r\n")
    return text.startswith("{") and '"relmap"' in text


def read(path: Path, *, limits: Limits = DEFAULT_LIMITS, **_: Any) -> LoadResult:
    """Load a native dataset file, or raise :class:`DatasetError` listing every problem."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DatasetError(path, f"cannot read the file ({exc.strerror or exc})") from None
    document = parse_json(path, data, limits)
    report = LoadReport(path, LABEL)
    dataset = dataset_from_document(document, path=path, limits=limits, report=report)
    return LoadResult(dataset, report)


def load_dataset(path: Path | str) -> Dataset:
    """Convenience for scripts and tests: the dataset alone."""
    return read(Path(path)).dataset


def dataset_from_document(
    document: Any, *, path: Path | str = "<memory>", limits: Limits = DEFAULT_LIMITS,
    report: LoadReport | None = None,
) -> Dataset:
    """Check and convert a parsed document; raises :class:`DatasetError` with every problem found."""
    path = Path(path)
    report = report or LoadReport(path, LABEL)
    if not isinstance(document, dict):
        raise DatasetError(path, "(top level): expected a JSON object with a \"relmap\" version")
    if document.get("relmap") != FORMAT_VERSION:
        found = document.get("relmap", "missing")
        raise DatasetError(path, f"relmap: format version {found!r} is not supported (expected {FORMAT_VERSION})")
    over = check_document(document, limits)  # nesting depth and string lengths, in one walk
    if over is not None:
        raise DatasetError(path, over)
    problems = list(structural_problems(document))
    builder = _Builder(document, limits)
    try:
        dataset = builder.build(origin=str(path))
    except (KeyError, TypeError, ValueError, AttributeError):
        # The structure is broken somewhere the schema already located; report what it found.
        raise DatasetError(path, problems or [Problem("", "the document's structure is not valid")]) from None
    if problems:
        raise DatasetError(path, problems + [p for p in builder.problems if p.severity == "error"])
    for problem in builder.problems:
        if problem.severity == "warning":
            report.problems.append(problem)
    errors = [p for p in builder.problems if p.severity == "error"]
    if errors:
        raise DatasetError(path, errors)
    report.read.append(
        f"{len(dataset.actors)} actors, {len(dataset.events)} events, "
        f"{dataset.interaction_count} interactions"
    )
    return dataset


def structural_problems(document: Any) -> Iterable[Problem]:
    """Schema violations, each located, in document order."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(schema())
    # Document order: events[2] before events[10] (indices compare as numbers, keys as text).
    errors = sorted(validator.iter_errors(document),
                    key=lambda e: [(0, p, "") if isinstance(p, int) else (1, 0, str(p)) for p in e.absolute_path])
    for error in errors:
        yield Problem(json_location(error.absolute_path), _short_message(error))


def _short_message(error: Any) -> str:
    if error.validator == "required":
        return error.message.replace("is a required property", "is missing")
    if error.validator in {"type", "enum", "const", "pattern"}:
        return f"{_clip(error.instance)} is not valid here ({error.validator}: {_clip(error.validator_value)})"
    message = str(error.message)
    return message if len(message) <= 200 else message[:199] + "…"


def _clip(value: Any, size: int = 60) -> str:
    text = repr(value) if not isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= size else text[: size - 1] + "…"


class _Builder:
    """Turns a schema-valid document into a Dataset while collecting meaning-level problems."""

    def __init__(self, document: dict[str, Any], limits: Limits) -> None:
        self.doc = document
        self.limits = limits
        self.problems: list[Problem] = []
        time = document.get("time")
        time = time if isinstance(time, dict) else {}  # a wrong type is reported by the schema
        self.axis = TimeAxis(kind=time.get("kind", "date"), unit=time.get("unit", "day"))

    def error(self, location: str, message: str) -> None:
        self.problems.append(Problem(location, message))

    def warn(self, location: str, message: str) -> None:
        self.problems.append(Problem(location, message, "warning"))

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
                self.error(f"{section}[{i}].id", f"duplicate id {_clip(item['id'])}")
            seen.add(item["id"])
        return seen

    def _time(self, value: Any, location: str) -> tuple[float, str] | None:
        try:
            return self.axis.parse(value)
        except TimeParseError as exc:
            self.error(location, str(exc))
            return None

    def build(self, origin: str) -> Dataset:
        doc = self.doc
        extra = self._unknown_keys("", "", doc)
        sources = [Source(s["id"], s["title"], s.get("publisher", ""), s.get("date", ""), s.get("url", ""),
                          tuple(s.get("authors", ()))) for s in doc.get("sources", [])]
        groups = [Group(g["id"], g["label"], g.get("colour", "")) for g in doc.get("groups", [])]
        kinds = [EventKind(k["id"], k["label"], k.get("cameo", ""), k.get("cameo_label", ""))
                 for k in doc.get("kinds", [])]
        source_ids = self._unique(doc.get("sources", []), "sources")
        group_ids = self._unique(doc.get("groups", []), "groups")
        kind_ids = self._unique(doc.get("kinds", []), "kinds")
        actor_ids = self._unique(doc["actors"], "actors")
        self._unique(doc["events"], "events")
        if len(actor_ids) > self.limits.max_actors:
            self.error("actors", f"{len(actor_ids)} actors, over the limit of {self.limits.max_actors}")
        actors = [self._actor(i, a, group_ids) for i, a in enumerate(doc["actors"])]
        events = [self._event(i, e, actor_ids, source_ids, kind_ids) for i, e in enumerate(doc["events"])]
        count = sum(len(e.interactions) for e in events if e is not None)
        if count > self.limits.max_interactions:
            self.error("events", f"{count} interactions, over the limit of {self.limits.max_interactions}")
        chapters = [self._chapter(i, c) for i, c in enumerate(doc.get("chapters", []))]
        notes = [Note(n["topic"], n["text"], self._refs(n.get("sources", []), f"notes[{i}]", source_ids))
                 for i, n in enumerate(doc.get("notes", []))]
        return Dataset(
            title=doc["title"],
            description=doc.get("description", ""),
            axis=self.axis,
            sources=tuple(sources),
            groups=tuple(groups),
            kinds=tuple(kinds),
            actors=tuple(a for a in actors if a is not None),
            events=tuple(e for e in events if e is not None),
            chapters=tuple(c for c in chapters if c is not None),
            notes=tuple(notes),
            origin=origin,
            extra=extra,
        )

    def _actor(self, i: int, item: dict[str, Any], group_ids: set[str]) -> Actor | None:
        where = f"actors[{i}]"
        extra = self._unknown_keys("actors", where, item)
        group = item.get("group", "")
        if group and group_ids and group not in group_ids:
            self.error(f"{where}.group", f"unknown group {_clip(group)}")
        start = self._time(item["start"], f"{where}.start") if "start" in item else None
        end = self._time(item["end"], f"{where}.end") if "end" in item else None
        if start and end and end[0] < start[0]:
            self.error(f"{where}.end", "ends before it starts")
        return Actor(
            id=item["id"], name=item["name"], group=group, role=item.get("role", ""),
            kind=item.get("kind", "person"), aliases=tuple(item.get("aliases", ())),
            note=item.get("note", ""), start=start[0] if start else None, end=end[0] if end else None,
            extra=extra,
        )

    def _refs(self, refs: list[dict[str, Any]], where: str, source_ids: set[str]) -> tuple[SourceRef, ...]:
        for j, ref in enumerate(refs):
            if ref["source"] not in source_ids:
                self.error(f"{where}.sources[{j}].source", f"unknown source {_clip(ref['source'])}")
        return tuple(SourceRef(ref["source"], ref.get("section", "")) for ref in refs)

    def _event(
        self, i: int, item: dict[str, Any], actor_ids: set[str], source_ids: set[str], kind_ids: set[str]
    ) -> Event | None:
        where = f"events[{i}]"
        extra = self._unknown_keys("events", where, item)
        when = self._time(item["date"], f"{where}.date")
        end = self._time(item["end_date"], f"{where}.end_date") if "end_date" in item else None
        if when and end and end[0] < when[0]:
            self.error(f"{where}.end_date", "ends before it starts")
        for j, actor in enumerate(item.get("participants", [])):
            if actor not in actor_ids:
                self.error(f"{where}.participants[{j}]", f"unknown actor {_clip(actor)}")
        kind = item.get("kind", "")
        if kind and kind_ids and kind not in kind_ids:
            self.warn(f"{where}.kind", f"kind {_clip(kind)} is not listed under \"kinds\"")
        interactions = []
        for j, raw in enumerate(item.get("interactions", [])):
            spot = f"{where}.interactions[{j}]"
            for side in ("a", "b"):
                if raw[side] not in actor_ids:
                    self.error(f"{spot}.{side}", f"unknown actor {_clip(raw[side])}")
            if raw["a"] == raw["b"]:
                self.error(f"{spot}.b", "an actor cannot interact with themselves")
            interactions.append(
                Interaction(raw["a"], raw["b"], float(raw["tone"]), float(raw.get("weight", 1.0)),
                            raw.get("note", ""))
            )
        if when is None:
            return None
        precision = item.get("date_precision", when[1])
        return Event(
            id=item["id"], time=when[0], date_precision=precision, end_time=end[0] if end else None,
            title=item.get("title", ""), summary=item.get("summary", ""), kind=kind,
            place=item.get("place", ""), participants=tuple(item.get("participants", ())),
            sources=self._refs(item.get("sources", []), where, source_ids),
            interactions=tuple(interactions), date_note=item.get("date_note", ""),
            background=bool(item.get("background", False)), extra=extra,
        )

    def _chapter(self, i: int, item: dict[str, Any]) -> Chapter | None:
        where = f"chapters[{i}]"
        start = self._time(item["start"], f"{where}.start")
        end = self._time(item["end"], f"{where}.end")
        if not (start and end):
            return None
        if end[0] < start[0]:
            self.error(f"{where}.end", "ends before it starts")
        return Chapter(item["id"], item["title"], start[0], end[0], item.get("summary", ""))


READER = Reader(
    name="native",
    label=LABEL,
    extensions=(".relmap.json", ".json"),
    read=read,
    sniff=sniff,
    priority=100,
)
