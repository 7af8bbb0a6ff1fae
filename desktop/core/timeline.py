"""Ties as aggregations of dated interactions: the state of every relationship at an instant.

The rule is deliberately simple and visible to the user. Each interaction contributes a weight that
fades with age; a tie's **intensity** is the sum of those weights (how much recent contact) and its
**tension** is the weighted mean of the tones (how warm or hostile that contact was). With the default
rule, an interaction counts half as much 30 days later, and a tie disappears once its intensity falls
below 0.1 (one meeting, about 100 days on).

Everything is precomputed into flat numpy arrays so that a snapshot is a handful of vector operations:
cheap enough to run on every frame of playback.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from desktop.core.model import MAX_WEIGHT, Dataset, Event, Interaction
from desktop.core.time_axis import Instant

AggregationMode = Literal["decay", "window", "cumulative"]


@dataclass(frozen=True, slots=True)
class AggregationRule:
    """How past interactions add up to a tie.

    ``decay``: weight halves every ``half_life`` axis units (days on a date axis).
    ``window``: only interactions in the last ``window`` units count, fully.
    ``cumulative``: everything so far counts, fully.
    A tie is shown while its intensity is at least ``threshold``.
    """

    mode: AggregationMode = "decay"
    half_life: float = 30.0
    window: float = 90.0
    threshold: float = 0.1

    def describe(self, unit: str = "day") -> str:
        """The legend's sentence for the rule, so a reader knows what a line means."""
        units = f"{unit}s"
        if self.mode == "decay":
            return (
                f"Ties weigh past interactions, halving every {self.half_life:g} {units}; "
                f"a tie fades out below intensity {self.threshold:g}."
            )
        if self.mode == "window":
            return f"Ties count the interactions of the last {self.window:g} {units}."
        return "Ties count every interaction so far."


@dataclass(frozen=True, slots=True)
class Tie:
    """The state of one relationship at an instant."""

    a: str
    b: str
    tension: float
    intensity: float


@dataclass(frozen=True, eq=False)
class Snapshot:
    """Every tie and visible actor at one instant, as arrays aligned with the dataset's actors.

    ``pair`` indexes :attr:`Timeline.pairs` and is stable across snapshots, which is what lets a
    :class:`SnapshotDiff` say what changed.
    """

    time: Instant
    actor_ids: tuple[str, ...]
    actor_visible: np.ndarray
    pair: np.ndarray
    source: np.ndarray
    target: np.ndarray
    tension: np.ndarray
    intensity: np.ndarray

    def __len__(self) -> int:
        return len(self.pair)

    def tie(self, a: str, b: str) -> Tie | None:
        """The tie between two actors (either order), or None if there is none at this instant."""
        try:
            i, j = sorted((self.actor_ids.index(a), self.actor_ids.index(b)))
        except ValueError:
            return None
        hits = np.flatnonzero((self.source == i) & (self.target == j))
        if not len(hits):
            return None
        k = int(hits[0])
        return Tie(self.actor_ids[i], self.actor_ids[j], float(self.tension[k]), float(self.intensity[k]))

    def ties(self) -> Iterator[Tie]:
        for k in range(len(self.pair)):
            yield Tie(
                self.actor_ids[int(self.source[k])],
                self.actor_ids[int(self.target[k])],
                float(self.tension[k]),
                float(self.intensity[k]),
            )

    @property
    def visible_actor_ids(self) -> tuple[str, ...]:
        return tuple(a for a, shown in zip(self.actor_ids, self.actor_visible, strict=True) if shown)


@dataclass(frozen=True, slots=True)
class SnapshotDiff:
    """What changed between two snapshots, so views can update incrementally."""

    added: np.ndarray
    removed: np.ndarray
    reweighted: np.ndarray
    actors_in: tuple[str, ...]
    actors_out: tuple[str, ...]

    @property
    def is_empty(self) -> bool:
        return not (len(self.added) or len(self.removed) or len(self.reweighted) or self.actors_in
                    or self.actors_out)

    @staticmethod
    def between(before: Snapshot, after: Snapshot, tolerance: float = 1e-9) -> SnapshotDiff:
        added = np.setdiff1d(after.pair, before.pair)
        removed = np.setdiff1d(before.pair, after.pair)
        common, i_before, i_after = np.intersect1d(before.pair, after.pair, return_indices=True)
        changed = (np.abs(before.tension[i_before] - after.tension[i_after]) > tolerance) | (
            np.abs(before.intensity[i_before] - after.intensity[i_after]) > tolerance
        )
        ids = np.asarray(after.actor_ids, dtype=object)
        actors_in = tuple(ids[after.actor_visible & ~before.actor_visible])
        actors_out = tuple(ids[before.actor_visible & ~after.actor_visible])
        return SnapshotDiff(added, removed, common[changed], actors_in, actors_out)


class Timeline:
    """Answers "what did the relationships look like at instant t?" for one dataset and rule."""

    def __init__(self, dataset: Dataset, rule: AggregationRule | None = None) -> None:
        self.dataset = dataset
        self.rule = rule or AggregationRule()
        self.actor_ids = tuple(actor.id for actor in dataset.actors)
        index = dataset.actor_index
        pair_of: dict[tuple[int, int], int] = {}
        rows: list[tuple[int, float, float, float, float, int, int]] = []
        first_seen = np.full(len(self.actor_ids), np.inf)
        for event_number, event in enumerate(dataset.events):
            end = event.end_time if event.end_time is not None else event.time
            for actor_id in event.participants:
                if actor_id in index:
                    k = index[actor_id]
                    first_seen[k] = min(first_seen[k], event.time)
            for number, interaction in enumerate(event.interactions):
                if interaction.a not in index or interaction.b not in index or interaction.a == interaction.b:
                    continue
                i, j = sorted((index[interaction.a], index[interaction.b]))
                first_seen[i] = min(first_seen[i], event.time)
                first_seen[j] = min(first_seen[j], event.time)
                pair = pair_of.setdefault((i, j), len(pair_of))
                rows.append((pair, event.time, end, interaction.tone, interaction.weight, event_number, number))
        self.pairs = np.array(list(pair_of), dtype=np.int64).reshape(-1, 2)
        self._pair_of = pair_of
        table = np.array(rows, dtype=np.float64).reshape(-1, 7)
        self._pair = table[:, 0].astype(np.int64)
        self._start = table[:, 1]
        self._end = table[:, 2]
        # Readers clip and report; this is the last guard, so no NaN or infinity reaches a sum or the painter.
        self._tone = np.clip(np.nan_to_num(table[:, 3]), -2.0, 2.0)
        self._weight = np.clip(np.nan_to_num(table[:, 4], nan=1.0, posinf=MAX_WEIGHT), 0.0, MAX_WEIGHT)
        self._event = table[:, 5].astype(np.int64)
        self._number = table[:, 6].astype(np.int64)
        self._actor_start = np.array(
            [actor.start if actor.start is not None else first_seen[k] for k, actor in enumerate(dataset.actors)]
        )
        self._actor_end = np.array(
            [actor.end if actor.end is not None else np.inf for actor in dataset.actors], dtype=np.float64
        )
        self._event_times = np.array([event.time for event in dataset.events], dtype=np.float64)
        positive = self._weight[self._weight > 0]
        # Weights in imported files are the files' own numbers (0.05 per letter, 40 per trade…): the fade-out
        # threshold is read relative to a typical interaction, so "one meeting, ~100 days on" holds for all.
        self._weight_scale = float(np.median(positive)) if len(positive) else 1.0

    @property
    def floor(self) -> float:
        """The intensity below which a tie is not drawn: the rule's threshold under fading, else any contact."""
        if self.rule.mode == "decay":
            return max(self.rule.threshold * self._weight_scale, 1e-12)
        return 1e-12

    def pair_row(self, a: str, b: str) -> int | None:
        """Row of the pair (a, b), in either order, in :attr:`pairs`; None if they never interact."""
        index = self.dataset.actor_index
        if a not in index or b not in index:
            return None
        i, j = sorted((index[a], index[b]))
        return self._pair_of.get((i, j))

    def pair_history(self, a: str, b: str, times: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Tension (NaN where there is no tie) and intensity of one pair at each of ``times``.

        Works on that pair's interactions only, so a tie's sparkline costs nothing like one snapshot per sample.
        """
        times = np.asarray(times, dtype=np.float64)
        tension = np.full(len(times), np.nan)
        intensity = np.zeros(len(times))
        k = self.pair_row(a, b)
        if k is None:
            return tension, intensity
        rows = np.flatnonzero(self._pair == k)
        t = times[:, None]
        start, end = self._start[rows][None, :], self._end[rows][None, :]
        age = np.where(t <= end, 0.0, t - end)
        weights = np.where(start <= t, self._weight[rows][None, :] * self._fade(age), 0.0)
        intensity = weights.sum(axis=1)
        shown = intensity >= self.floor
        toned = (weights * self._tone[rows][None, :]).sum(axis=1)
        tension[shown] = np.clip(toned[shown] / intensity[shown], -2.0, 2.0)
        return tension, np.where(shown, intensity, 0.0)

    def with_rule(self, rule: AggregationRule) -> Timeline:
        return Timeline(self.dataset, rule)

    @property
    def span(self) -> tuple[Instant, Instant]:
        return self.dataset.span

    @property
    def event_times(self) -> np.ndarray:
        """The instant of every event, sorted (ticks on the slider)."""
        return self._event_times

    def _weights_at(self, t: float) -> np.ndarray:
        """Each interaction's contribution at ``t`` under the rule (0 for the future)."""
        started = self._start <= t
        age = np.where(t <= self._end, 0.0, t - self._end)
        return np.where(started, self._weight * self._fade(age), 0.0)

    def _fade(self, age: np.ndarray) -> np.ndarray:
        """How much an interaction counts ``age`` units after it ended, under the rule."""
        rule = self.rule
        if rule.mode == "decay":
            return np.exp2(-age / max(rule.half_life, 1e-9))
        if rule.mode == "window":
            return (age <= rule.window).astype(np.float64)
        return np.ones_like(age)

    def snapshot_at(self, when: dt.date | Instant | str) -> Snapshot:
        """The state of every tie at ``when`` (a date, an ISO string or an instant)."""
        t = self.dataset.axis.to_instant(when)
        n_pairs = len(self.pairs)
        weights = self._weights_at(t)
        intensity = np.bincount(self._pair, weights, minlength=n_pairs)
        toned = np.bincount(self._pair, weights * self._tone, minlength=n_pairs)
        shown = intensity >= self.floor
        pair = np.flatnonzero(shown)
        tension = toned[pair] / intensity[pair]
        visible = (self._actor_start <= t) & (t <= self._actor_end)
        source, target = self.pairs[pair, 0], self.pairs[pair, 1]
        visible[source] = True
        visible[target] = True
        return Snapshot(
            time=t,
            actor_ids=self.actor_ids,
            actor_visible=visible,
            pair=pair,
            source=source,
            target=target,
            tension=np.clip(tension, -2.0, 2.0),
            intensity=intensity[pair],
        )

    def interactions_between(self, a: str, b: str, until: Instant | None = None) -> list[tuple[Event, Interaction]]:
        """The events and interactions behind a tie, oldest first: the answer to "why this line?"."""
        k = self.pair_row(a, b)
        if k is None:
            return []
        rows = np.flatnonzero(self._pair == k)
        result = []
        for row in rows:
            if until is not None and self._start[row] > until:
                continue
            event = self.dataset.events[int(self._event[row])]
            result.append((event, event.interactions[int(self._number[row])]))
        return result

    def events_between(self, start: Instant, end: Instant) -> Sequence[Event]:
        """Events whose instant lies in [start, end]."""
        lo = int(np.searchsorted(self._event_times, start, side="left"))
        hi = int(np.searchsorted(self._event_times, end, side="right"))
        return self.dataset.events[lo:hi]

    def busiest_time(self, samples: int = 240) -> Instant:
        """The event date with the most ties on the map: a good first picture of a dataset.

        At most ``samples`` event dates are tried, so it stays cheap on large datasets.
        """
        times = np.unique(self._event_times)
        if not len(times):
            return self.span[1]
        if len(times) > samples:
            times = times[np.linspace(0, len(times) - 1, samples).astype(int)]
        counts = [len(self.snapshot_at(float(t))) for t in times]
        return float(times[int(np.argmax(counts))])

    def last_event_at_or_before(self, t: Instant) -> int | None:
        """Index of the most recent event at ``t``, or None before the first."""
        k = int(np.searchsorted(self._event_times, t, side="right")) - 1
        return k if k >= 0 else None
