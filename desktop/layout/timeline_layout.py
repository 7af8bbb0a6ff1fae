"""Positions of every actor at any instant, the same for the window, the exporters and the tests.

A picture of date *t* depends only on *t*, the rule, the pins and the seed, never on the path the
user took to get there: each date's layout starts from (and is held near) one aggregate layout of the
whole span. That is what keeps the mental map stable through playback, makes scrubbing back to a date
give the same picture, and makes a headless export match the window.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Mapping

import numpy as np

from desktop.core.timeline import Snapshot, Timeline

Progress = Callable[[float], "bool | None"]


def tie_weights(tension: np.ndarray, intensity: np.ndarray) -> np.ndarray:
    """Signed layout weights: warm ties pull, hostile ties push, strong contact counts more.

    Working contact (tension 0) still pulls a little, so negotiating partners stay near each other;
    a strained tie (-1) pushes gently and open hostility (-2) firmly.
    """
    sign = np.clip((np.asarray(tension) + 0.5) / 2.5, -1.0, 1.0)
    strength = np.sqrt(np.clip(np.asarray(intensity), 0.0, 4.0) / 4.0) * 0.7 + 0.3
    weights: np.ndarray = sign * strength
    return weights


class MapLayout:
    """Computes and caches actor positions per instant for one timeline."""

    def __init__(
        self, timeline: Timeline, *, seed: int = 0, stability: float = 0.3, cache_size: int = 256,
        base: np.ndarray | None = None, use_file_layout: bool | None = None,
    ) -> None:
        """``use_file_layout``: show the positions the file gives (None: when it gives every actor one).

        With every actor placed by the file the map is that picture, at every date; with some placed, their
        positions are where the whole-span layout starts.
        """
        from desktop.layout.file_layout import file_positions, has_full_layout

        if use_file_layout is None:
            use_file_layout = has_full_layout(timeline.dataset)
        self.start = file_positions(timeline.dataset) if use_file_layout else None
        self.fixed = self.start is not None and bool(np.isfinite(self.start).all())
        if self.fixed and base is None:
            base = self.start
        self.timeline = timeline
        self.seed = seed
        self.stability = stability
        self._base: np.ndarray | None = base
        self._cache: OrderedDict[tuple[float, tuple[tuple[str, float, float], ...]], np.ndarray] = OrderedDict()
        self._cache_size = cache_size

    @property
    def base(self) -> np.ndarray | None:
        """The whole-span layout if it has been computed (another MapLayout of the dataset may reuse it)."""
        return self._base

    @property
    def actor_count(self) -> int:
        return len(self.timeline.actor_ids)

    def base_positions(self, progress: Progress | None = None) -> np.ndarray:
        """One layout of the whole span (every tie, every actor) that each date is anchored to."""
        if self._base is None:
            from desktop.core.timeline import AggregationRule
            from desktop.layout import ForceSimulation, base_cache, kernels

            whole = self.timeline.with_rule(AggregationRule(mode="cumulative", threshold=1e-9))
            snap = whole.snapshot_at(whole.span[1])
            edges = np.column_stack([snap.source, snap.target]).astype(np.int64)
            weights = tie_weights(snap.tension, np.log1p(snap.intensity))
            n = self.actor_count
            use = kernels.for_nodes(n)  # chosen once: the kept layout is the one these kernels give
            name = None if base_cache.folder is None else base_cache.key(
                n, edges, weights, seed=self.seed, start=self.start, compiled=use.compiled)
            kept = None if name is None else base_cache.load(name, n)
            if kept is not None:
                self._base = kept
            else:
                simulation = ForceSimulation(n, edges, weights, seed=self.seed, initial=self.start, use=use)
                self._base = simulation.converge(progress=progress).copy()
                if name is not None:
                    base_cache.store(name, self._base)
        return self._base

    def positions_at(
        self, t: float, pins: Mapping[str, tuple[float, float]] | None = None, progress: Progress | None = None,
        *, snapshot: Snapshot | None = None,
    ) -> np.ndarray:
        """(n_actors, 2) positions at instant ``t``; actors not yet on the map keep their base place.

        ``progress(fraction)`` is called as the work goes; returning False cancels it (LayoutCancelled).
        ``snapshot``, if given, is this timeline's (unfiltered) snapshot of ``t`` already made, so a
        layout worker computes positions only.
        """
        pins = pins or {}
        key = (round(float(t), 6), tuple(sorted((k, *v) for k, v in pins.items())))
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return cached.copy()  # callers may move actors (drags): the cache must stay as computed
        base_progress = None
        if progress is not None and self._base is None:
            base_progress = lambda f: progress(0.7 * f)  # noqa: E731 - the whole-span layout is most of a first run
        self.base_positions(base_progress)
        date_progress = None if progress is None else (
            (lambda f: progress(0.7 + 0.3 * f)) if base_progress is not None else progress
        )
        if self.fixed:  # the file's own picture, at every date; pins still move actors
            positions = self.base_positions().copy()
            index = self.timeline.dataset.actor_index
            for actor_id, xy in pins.items():
                if actor_id in index:
                    positions[index[actor_id]] = xy
        else:
            if snapshot is None:
                snapshot = self.timeline.snapshot_at(t)
            positions = self._compute(snapshot, pins, date_progress)
        self._cache[key] = positions
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return positions.copy()

    def _compute(
        self, snap: Snapshot, pins: Mapping[str, tuple[float, float]], progress: Progress | None = None
    ) -> np.ndarray:
        from desktop.layout import LayoutRequest, compute_layout

        base = self.base_positions().copy()
        visible = np.flatnonzero(snap.actor_visible)
        if len(visible) == 0:
            return base
        ids = self.timeline.actor_ids
        local = np.full(self.actor_count, -1, dtype=np.int64)
        local[visible] = np.arange(len(visible))
        request = LayoutRequest(
            node_ids=tuple(ids[i] for i in visible),
            edges=np.column_stack([local[snap.source], local[snap.target]]).astype(np.int64),
            weights=tie_weights(snap.tension, snap.intensity),
            previous=base[visible],
            anchor=base[visible],
            pinned={actor: xy for actor, xy in pins.items() if actor in set(ids)},
            stability=self.stability,
            seed=self.seed,
        )
        result = compute_layout(request, cache=None, progress=progress)
        base[visible] = result.positions
        index = {actor_id: i for i, actor_id in enumerate(ids)}
        for actor_id, xy in pins.items():
            if actor_id in index:
                base[index[actor_id]] = xy
        return base
