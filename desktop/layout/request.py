"""The app-facing API: a frozen `LayoutRequest` in, a `LayoutResult` keyed by node id out.

The GUI thread builds a request (cheap, immutable, safe to hand to a worker), the worker calls
`compute_layout`, and the result goes back to the GUI thread. Positions travel by node id, so actors
entering or leaving between dates never shift anyone else's row.

Stability through time: previous positions are the warm start; `stability` pulls every node toward its
anchor (the previous positions by default, or an aggregate layout of the whole span passed as `anchor`,
which makes the picture of a date independent of the path taken to it). Scrubbing back to a date hits the
LRU cache by `key`.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from desktop.layout.engine import ForceSimulation, Progress

NodeId = Hashable
Positions = Mapping[NodeId, tuple[float, float]] | np.ndarray

# Stability s maps to anchor stiffness s / (1 - s): 0.5 weighs the anchor like the layout's own forces.
_MAX_STIFFNESS = 1e4


@dataclass(frozen=True, eq=False)
class LayoutRequest:
    """Everything one layout depends on; `key` (if given) must identify it, e.g. (dataset, date, rule, pins).

    `edges` are (m, 2) row indices into `node_ids`; use `from_pairs` to build one from id pairs.
    `previous` and `anchor` are id → (x, y) mappings or arrays aligned with `node_ids` (NaN rows =
    unknown). `pinned` is either id → fixed position or a collection of ids held at their previous
    positions. `stability` 0..1 is how firmly nodes are held near their anchor (default: previous).
    """

    node_ids: tuple[NodeId, ...]
    edges: np.ndarray = field(default_factory=lambda: np.zeros((0, 2), np.int64))
    weights: np.ndarray | None = None
    previous: Positions | None = None
    pinned: Mapping[NodeId, tuple[float, float]] | Collection[NodeId] = ()
    stability: float = 0.5
    anchor: Positions | None = None
    seed: int = 0
    key: Hashable | None = None
    iterations: int | None = None

    @classmethod
    def from_pairs(cls, node_ids: Sequence[NodeId], pairs: Sequence[tuple[NodeId, NodeId]],
                   weights: Sequence[float] | None = None, **kwargs: object) -> LayoutRequest:
        """Build a request from (id, id) ties; ties to unknown ids are dropped with their weights."""
        ids = tuple(node_ids)
        index = {node: i for i, node in enumerate(ids)}
        rows = [(index.get(a, -1), index.get(b, -1)) for a, b in pairs]
        keep = np.array([a >= 0 and b >= 0 for a, b in rows], dtype=bool)
        edges = np.array(rows, dtype=np.int64).reshape(-1, 2)[keep]
        w = None if weights is None else np.asarray(weights, dtype=np.float64)[keep]
        return cls(node_ids=ids, edges=edges, weights=w, **kwargs)  # type: ignore[arg-type]


@dataclass(frozen=True, eq=False)
class LayoutResult:
    """Positions by node id plus the bounding box, so a view can fit or normalise without another pass."""

    node_ids: tuple[NodeId, ...]
    positions: np.ndarray  # (n, 2), row i belongs to node_ids[i]; read-only
    bounds: tuple[float, float, float, float]  # x_min, y_min, x_max, y_max
    key: Hashable | None = None

    def __getitem__(self, node: NodeId) -> tuple[float, float]:
        x, y = self.positions[self.index[node]]
        return float(x), float(y)

    def __len__(self) -> int:
        return len(self.node_ids)

    @property
    def index(self) -> dict[NodeId, int]:
        """Row of each node id (built on demand; results are small next to the layout cost)."""
        return {node: i for i, node in enumerate(self.node_ids)}

    def as_dict(self) -> dict[NodeId, tuple[float, float]]:
        pairs = zip(self.node_ids, self.positions, strict=True)
        return {node: (float(x), float(y)) for node, (x, y) in pairs}

    def normalised(self, margin: float = 0.05) -> np.ndarray:
        """Positions scaled uniformly (aspect kept) into [margin, 1 - margin]², centred."""
        if len(self.node_ids) == 0:
            return np.zeros((0, 2))
        x0, y0, x1, y1 = self.bounds
        span = max(x1 - x0, y1 - y0, 1e-12)
        scale = (1.0 - 2.0 * margin) / span
        centre = np.array([(x0 + x1) / 2.0, (y0 + y1) / 2.0])
        normalised: np.ndarray = (self.positions - centre) * scale + 0.5
        return normalised


class LayoutCache:
    """A small thread-safe LRU of results by request key."""

    def __init__(self, size: int = 64) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, LayoutResult] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> LayoutResult | None:
        with self._lock:
            hit = self._items.get(key)
            if hit is not None:
                self._items.move_to_end(key)
            return hit

    def put(self, key: Hashable, result: LayoutResult) -> None:
        with self._lock:
            self._items[key] = result
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


def _aligned(values: Positions | None, ids: tuple[NodeId, ...]) -> np.ndarray | None:
    """An (n, 2) array for `ids` from a mapping or an aligned array; unknown ids become NaN rows."""
    if values is None:
        return None
    if isinstance(values, Mapping):
        out = np.full((len(ids), 2), np.nan)
        for i, node in enumerate(ids):
            xy = values.get(node)
            if xy is not None:
                out[i] = xy
        return out
    arr = np.asarray(values, dtype=np.float64).reshape(-1, 2)
    if arr.shape[0] != len(ids):
        raise ValueError(f"{arr.shape[0]} positions for {len(ids)} nodes")
    return arr


def compute_layout(request: LayoutRequest, *, cache: LayoutCache | None = None,
                   progress: Progress | None = None) -> LayoutResult:
    """Lay out `request`; the same request (or a cached key) always gives the same positions.

    No cache unless one is given: the app keeps one, per timeline, in
    :class:`~desktop.layout.timeline_layout.MapLayout`, not a second one here.
    """
    if cache is not None and request.key is not None:
        hit = cache.get(request.key)
        if hit is not None:
            return hit
    ids = tuple(request.node_ids)
    n = len(ids)
    previous = _aligned(request.previous, ids)
    pinned = np.zeros(n, dtype=bool)
    if request.pinned:
        index = {node: i for i, node in enumerate(ids)}
        if previous is None:
            previous = np.full((n, 2), np.nan)
        fixed = request.pinned.items() if isinstance(request.pinned, Mapping) else (
            (node, None) for node in request.pinned)
        for node, xy in fixed:
            i = index.get(node)
            if i is None:
                continue
            if xy is not None:
                previous[i] = xy
            pinned[i] = True  # with no known position it is placed first, then held there
    if previous is not None and not np.isfinite(previous).any():
        previous = None  # nothing known yet: a cold layout gives a better first picture than piled newcomers
    anchor = _aligned(request.anchor, ids)
    # Newcomers (NaN rows) get no anchor: they should find their place, not stay where placement put them.
    anchor = previous if anchor is None else anchor
    start = previous if previous is not None else anchor
    s = min(max(float(request.stability), 0.0), 1.0)
    stiffness = min(s / max(1.0 - s, 1e-12), _MAX_STIFFNESS) if anchor is not None else 0.0
    sim = ForceSimulation(n, request.edges, request.weights, initial=start, pinned=pinned, seed=request.seed,
                          anchors=anchor, anchor_stiffness=stiffness)
    pos = sim.converge(request.iterations, progress).copy()
    pos.setflags(write=False)
    bounds = ((float(pos[:, 0].min()), float(pos[:, 1].min()), float(pos[:, 0].max()), float(pos[:, 1].max()))
              if n else (0.0, 0.0, 0.0, 0.0))
    result = LayoutResult(node_ids=ids, positions=pos, bounds=bounds, key=request.key)
    if cache is not None and request.key is not None:
        cache.put(request.key, result)
    return result
