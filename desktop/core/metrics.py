"""Measures over time: the series behind the timeline chart, the pair sparkline and the actor charts.

All of them sample the timeline at evenly spaced instants and read snapshots, so they follow the
aggregation rule the map uses; a chart never disagrees with the lines it sits above. Centrality is
the costly one (a betweenness per sample) and is meant to run in a worker and be cached by the
caller.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from desktop.core.changes import betweenness, degree
from desktop.core.timeline import Timeline

DEFAULT_SAMPLES = 300


def sample_times(timeline: Timeline, samples: int = DEFAULT_SAMPLES) -> np.ndarray:
    """Evenly spaced instants across the dataset's span (one instant for a static dataset)."""
    start, end = timeline.span
    if end <= start:
        return np.array([float(start)])
    return np.linspace(start, end, max(int(samples), 2))


@dataclass(frozen=True, eq=False)
class TensionIndex:
    """The whole map's mood over time.

    ``mean_tension`` is the intensity-weighted mean tension of every drawn tie (NaN while there are
    none): it answers "how hostile was contact, overall?". ``total_intensity`` is the sum of
    intensities: "how much was going on?".
    """

    times: np.ndarray
    mean_tension: np.ndarray
    total_intensity: np.ndarray
    tie_count: np.ndarray


def tension_index(timeline: Timeline, samples: int = DEFAULT_SAMPLES) -> TensionIndex:
    times = sample_times(timeline, samples)
    mean = np.full(len(times), np.nan)
    total = np.zeros(len(times))
    count = np.zeros(len(times), dtype=np.int64)
    for k, t in enumerate(times):
        snap = timeline.snapshot_at(float(t))
        weight = float(snap.intensity.sum())
        total[k] = weight
        count[k] = len(snap)
        if weight > 0:
            mean[k] = float((snap.tension * snap.intensity).sum() / weight)
    return TensionIndex(times, mean, total, count)


def event_density(timeline: Timeline, bins: int = 120) -> tuple[np.ndarray, np.ndarray]:
    """Histogram of event instants: (bin edges, counts)."""
    start, end = timeline.span
    if end <= start:
        end = start + 1.0
    counts, edges = np.histogram(timeline.event_times, bins=bins, range=(start, end))
    return edges, counts


def pair_index(timeline: Timeline, a: str, b: str) -> int | None:
    """Row of the pair (a, b) in ``timeline.pairs``, in either order."""
    return timeline.pair_row(a, b)


@dataclass(frozen=True, eq=False)
class PairSeries:
    """One tie through time; NaN tension where the tie is not drawn."""

    times: np.ndarray
    tension: np.ndarray
    intensity: np.ndarray


def pair_series(timeline: Timeline, a: str, b: str, samples: int = 200) -> PairSeries:
    times = sample_times(timeline, samples)
    tension, intensity = timeline.pair_history(a, b, times)
    return PairSeries(times, tension, intensity)


@dataclass(frozen=True, eq=False)
class CentralitySeries:
    """Degree and betweenness of every actor at each sampled instant: arrays (samples, actors)."""

    times: np.ndarray
    degree: np.ndarray
    betweenness: np.ndarray
    strength: np.ndarray

    def at(self, t: float) -> tuple[np.ndarray, np.ndarray]:
        """Degree and betweenness of every actor at the sample nearest ``t``."""
        k = int(np.clip(np.searchsorted(self.times, t), 0, len(self.times) - 1))
        if k > 0 and abs(self.times[k - 1] - t) < abs(self.times[k] - t):
            k -= 1
        return self.degree[k], self.betweenness[k]


def centrality_series(timeline: Timeline, samples: int = 60) -> CentralitySeries:
    times = sample_times(timeline, samples)
    n = len(timeline.actor_ids)
    degrees = np.zeros((len(times), n), dtype=np.int64)
    between = np.zeros((len(times), n))
    strength = np.zeros((len(times), n))
    for s, t in enumerate(times):
        snap = timeline.snapshot_at(float(t))
        degrees[s] = degree(snap)
        between[s] = betweenness(snap)
        strength[s] = np.bincount(
            np.concatenate([snap.source, snap.target]), np.concatenate([snap.intensity, snap.intensity]), minlength=n
        )
    return CentralitySeries(times, degrees, between, strength)
