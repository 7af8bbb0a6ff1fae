"""What changed between two instants: the ranking the "What changed" panel and ``relmap changes`` share.

One implementation, so that a number quoted from the command line is the number the window shows.
Ties are compared under the timeline's own rule (by default recent contact weighs most), which is
what the map draws at each of the two dates:

* **soured** / **warmed**: ties present at both dates whose tension fell / rose most;
* **appeared** / **broke**: ties drawn at the later date and not the earlier, and the reverse,
  ranked by the intensity they have (or had);
* **actors**: whose betweenness centrality moved most, up or down (who became, or stopped being, a
  go-between), with their number of ties before and after.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from desktop.core.model import Dataset
from desktop.core.time_axis import Instant
from desktop.core.timeline import Snapshot, Timeline

MIN_TENSION_CHANGE = 0.05
MIN_CENTRALITY_CHANGE = 1e-6


@dataclass(frozen=True, slots=True)
class TieChange:
    """One tie at the two dates; ``None`` values where it was not drawn."""

    a: str
    a_name: str
    b: str
    b_name: str
    tension_before: float | None
    tension_after: float | None
    intensity_before: float | None
    intensity_after: float | None

    @property
    def tension_change(self) -> float:
        if self.tension_before is None or self.tension_after is None:
            return 0.0
        return self.tension_after - self.tension_before

    @property
    def pair(self) -> tuple[str, str]:
        return (self.a, self.b)


@dataclass(frozen=True, slots=True)
class ActorChange:
    """How central one actor was at the two dates (betweenness, 0–1, and number of ties)."""

    id: str
    name: str
    centrality_before: float
    centrality_after: float
    degree_before: int
    degree_after: int

    @property
    def centrality_change(self) -> float:
        return self.centrality_after - self.centrality_before


@dataclass(frozen=True, slots=True)
class Changes:
    """The ranked answer for one pair of instants."""

    start: Instant
    end: Instant
    soured: tuple[TieChange, ...] = ()
    warmed: tuple[TieChange, ...] = ()
    appeared: tuple[TieChange, ...] = ()
    broke: tuple[TieChange, ...] = ()
    actors: tuple[ActorChange, ...] = field(default=())

    def pairs(self) -> list[tuple[str, str]]:
        """Every tie named in the ranking (for highlighting on the map)."""
        return [c.pair for group in (self.soured, self.warmed, self.appeared, self.broke) for c in group]

    def to_json(self, dataset: Dataset) -> dict[str, Any]:
        """One JSON-ready object; dates in the dataset's own form, changes rounded for reading."""
        axis = dataset.axis

        def tie(change: TieChange) -> dict[str, Any]:
            entry = asdict(change)
            entry["tension_change"] = round(change.tension_change, 4)
            return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in entry.items()}

        def actor(change: ActorChange) -> dict[str, Any]:
            entry = asdict(change)
            entry["centrality_change"] = round(change.centrality_change, 4)
            return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in entry.items()}

        return {
            "dataset": dataset.title,
            "from": axis.format_iso(self.start),
            "to": axis.format_iso(self.end),
            "soured": [tie(c) for c in self.soured],
            "warmed": [tie(c) for c in self.warmed],
            "appeared": [tie(c) for c in self.appeared],
            "broke": [tie(c) for c in self.broke],
            "actors": [actor(c) for c in self.actors],
        }


def betweenness(snapshot: Snapshot, *, sample_limit: int = 600, seed: int = 0) -> np.ndarray:
    """Normalised betweenness of every actor in a snapshot (0 for actors without ties).

    Ties are unweighted paths: "who stands between whom" should not depend on how often they met.
    Above ``sample_limit`` connected actors the exact O(n·m) computation is replaced by networkx's
    pivot sampling, which keeps large maps interactive at the cost of a little noise.
    """
    import networkx as nx

    n = len(snapshot.actor_ids)
    result = np.zeros(n)
    if not len(snapshot):
        return result
    graph = nx.Graph()
    graph.add_edges_from(zip(snapshot.source.tolist(), snapshot.target.tolist(), strict=True))
    k = sample_limit if graph.number_of_nodes() > sample_limit else None
    values = nx.betweenness_centrality(graph, k=k, normalized=True, seed=seed)
    for node, value in values.items():
        result[int(node)] = value
    return result


def degree(snapshot: Snapshot) -> np.ndarray:
    """Number of ties drawn for every actor."""
    n = len(snapshot.actor_ids)
    return np.bincount(np.concatenate([snapshot.source, snapshot.target]), minlength=n).astype(np.int64)


def _to_instant(dataset: Dataset, when: dt.date | Instant | str) -> Instant:
    return dataset.axis.to_instant(when)


def compare(
    timeline: Timeline, start: dt.date | Instant | str, end: dt.date | Instant | str, *, top: int | None = 10
) -> Changes:
    """Rank what changed from ``start`` to ``end`` (the order of the two is kept as given)."""
    dataset = timeline.dataset
    t0, t1 = _to_instant(dataset, start), _to_instant(dataset, end)
    before, after = timeline.snapshot_at(t0), timeline.snapshot_at(t1)
    names = [actor.name for actor in dataset.actors]
    ids = timeline.actor_ids
    pairs = timeline.pairs
    n_pairs = len(pairs)

    def spread(snap: Snapshot, values: np.ndarray) -> np.ndarray:
        full = np.full(n_pairs, np.nan)
        full[snap.pair] = values
        return full

    tension0, tension1 = spread(before, before.tension), spread(after, after.tension)
    intensity0, intensity1 = spread(before, before.intensity), spread(after, after.intensity)
    shown0, shown1 = ~np.isnan(intensity0), ~np.isnan(intensity1)

    def change(k: int) -> TieChange:
        i, j = int(pairs[k, 0]), int(pairs[k, 1])

        def value(array: np.ndarray) -> float | None:
            v = array[k]
            return None if np.isnan(v) else float(v)

        return TieChange(ids[i], names[i], ids[j], names[j], value(tension0), value(tension1),
                         value(intensity0), value(intensity1))

    limit = None if top is None else max(int(top), 0)
    both = np.flatnonzero(shown0 & shown1)
    delta = tension1[both] - tension0[both]
    # Equal changes: the tie with more contact now is the bigger story.
    soured_order = np.lexsort((-intensity1[both], delta))
    soured = [int(both[k]) for k in soured_order if delta[k] < -MIN_TENSION_CHANGE]
    warmed_order = np.lexsort((-intensity1[both], -delta))
    warmed = [int(both[k]) for k in warmed_order if delta[k] > MIN_TENSION_CHANGE]
    new = np.flatnonzero(shown1 & ~shown0)
    appeared = new[np.argsort(-intensity1[new], kind="stable")].tolist()
    gone = np.flatnonzero(shown0 & ~shown1)
    broke = gone[np.argsort(-intensity0[gone], kind="stable")].tolist()

    central0, central1 = betweenness(before), betweenness(after)
    degree0, degree1 = degree(before), degree(after)
    moved = central1 - central0
    order = np.lexsort((-np.abs(degree1 - degree0), -np.abs(moved)))
    actors = [
        ActorChange(ids[i], names[i], float(central0[i]), float(central1[i]), int(degree0[i]), int(degree1[i]))
        for i in order.tolist()
        if abs(moved[i]) > MIN_CENTRALITY_CHANGE
    ]
    return Changes(
        start=t0,
        end=t1,
        soured=tuple(change(k) for k in soured[:limit]),
        warmed=tuple(change(k) for k in warmed[:limit]),
        appeared=tuple(change(k) for k in appeared[:limit]),
        broke=tuple(change(k) for k in broke[:limit]),
        actors=tuple(actors[:limit]),
    )
