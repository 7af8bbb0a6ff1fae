"""The dataset model: frozen records that every reader produces and every view reads.

A tie between two actors is never stored: it is an aggregation of the dated interactions of events,
computed by :mod:`desktop.core.timeline`. That keeps every line on the map answerable with the events
behind it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from operator import attrgetter
from types import MappingProxyType
from typing import Any, Literal

from desktop.core.time_axis import DATE_AXIS, Instant, Precision, TimeAxis

ActorKind = Literal["person", "organisation"]


@dataclass(frozen=True, slots=True)
class Source:
    """A publication that events cite."""

    id: str
    title: str
    publisher: str = ""
    date: str = ""
    url: str = ""
    authors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Group:
    """A set of actors drawn in one colour (a country, a party, a community)."""

    id: str
    label: str
    colour: str = ""


@dataclass(frozen=True, slots=True)
class EventKind:
    """A kind of event with its closest CAMEO root category, for comparison with event data."""

    id: str
    label: str
    cameo: str = ""
    cameo_label: str = ""


@dataclass(frozen=True, slots=True)
class Actor:
    """A person or body that acts or is acted upon.

    ``start``/``end`` bound when the actor exists, for imported files that say so; otherwise an actor
    appears with their first interaction.
    """

    id: str
    name: str
    group: str = ""
    role: str = ""
    kind: ActorKind = "person"
    aliases: tuple[str, ...] = ()
    note: str = ""
    start: Instant | None = None
    end: Instant | None = None
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where in a source an event is reported (article id and, if it has them, a section)."""

    source: str
    section: str = ""


MAX_WEIGHT = 1e12
"""The largest weight an interaction can carry: readers clip larger ones (and say so), so that sums of
up to ``max_interactions`` weights stay finite and no NaN or infinity reaches a tie's width or a dot's size."""


@dataclass(frozen=True, slots=True)
class Interaction:
    """One signed contact between two actors inside an event.

    ``tone`` runs from -2 (open hostility) through 0 (working contact) to +2 (warm, close);
    ``weight`` is how much contact it counts for (1 for one meeting, call or letter).
    """

    a: str
    b: str
    tone: float
    weight: float = 1.0
    note: str = ""


@dataclass(frozen=True, slots=True)
class Event:
    """A dated, cited happening. ``time``/``end_time`` are instants on the dataset's axis."""

    id: str
    time: Instant
    date_precision: Precision = "day"
    end_time: Instant | None = None
    title: str = ""
    summary: str = ""
    kind: str = ""
    place: str = ""
    participants: tuple[str, ...] = ()
    sources: tuple[SourceRef, ...] = ()
    interactions: tuple[Interaction, ...] = ()
    date_note: str = ""
    background: bool = False
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True, slots=True)
class Chapter:
    """A named phase of the story, for guided playback."""

    id: str
    title: str
    start: Instant
    end: Instant
    summary: str = ""


@dataclass(frozen=True, slots=True)
class Note:
    """A remark on the dataset as a whole, such as where sources disagree and what was chosen."""

    topic: str
    text: str
    sources: tuple[SourceRef, ...] = ()


@dataclass(frozen=True, eq=False)
class Dataset:
    """Everything a file held, in the shape the app works with. Events are kept sorted by time.

    Compared by identity: two loads of one file are two datasets, and comparing thousands of events
    every time the state changes would cost more than it tells.
    """

    title: str
    actors: tuple[Actor, ...]
    events: tuple[Event, ...]
    description: str = ""
    axis: TimeAxis = DATE_AXIS
    sources: tuple[Source, ...] = ()
    groups: tuple[Group, ...] = ()
    kinds: tuple[EventKind, ...] = ()
    chapters: tuple[Chapter, ...] = ()
    notes: tuple[Note, ...] = ()
    origin: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        # By (time, id): sorted by id, then (stably) by time, so that no key tuple is made per event; at
        # two million events those tuples were a tenth of a file's peak memory.
        ordered = tuple(sorted(sorted(self.events, key=attrgetter("id")), key=attrgetter("time")))
        object.__setattr__(self, "events", ordered)

    @cached_property
    def actor_index(self) -> Mapping[str, int]:
        """Position of each actor id in :attr:`actors` (the row of its layout position)."""
        return MappingProxyType({actor.id: i for i, actor in enumerate(self.actors)})

    def actor(self, actor_id: str) -> Actor:
        return self.actors[self.actor_index[actor_id]]

    @cached_property
    def group_by_id(self) -> Mapping[str, Group]:
        return MappingProxyType({group.id: group for group in self.groups})

    @cached_property
    def source_by_id(self) -> Mapping[str, Source]:
        return MappingProxyType({source.id: source for source in self.sources})

    @cached_property
    def kind_by_id(self) -> Mapping[str, EventKind]:
        return MappingProxyType({kind.id: kind for kind in self.kinds})

    @cached_property
    def interaction_count(self) -> int:
        """Counted once: panels and reports ask on every date step, and the events never change."""
        return sum(len(event.interactions) for event in self.events)

    @cached_property
    def span(self) -> tuple[Instant, Instant]:
        """First and last instant any event touches; (0, 0) for a dataset without events."""
        if not self.events:
            return (0.0, 0.0)
        first = min(event.time for event in self.events)
        last = max(event.end_time if event.end_time is not None else event.time for event in self.events)
        return (first, last)

    @property
    def is_static(self) -> bool:
        """A single snapshot: nothing to play back, so the timeline hides."""
        start, end = self.span
        return start == end
