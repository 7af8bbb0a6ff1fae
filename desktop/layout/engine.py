"""The force engine on plain arrays: `force_layout` for a whole layout, `ForceSimulation` to step one.

Both share one setup (validated arrays, CSR adjacency, masses) and one iteration; they differ only in the
temperature schedule. A cold layout starts hot from PivotMDS positions and cools; a warm start from the
previous date's positions starts cool, so the picture only settles, it does not rearrange. The animation
path keeps a `ForceSimulation` alive and calls `step()` once per frame at a low constant temperature.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from desktop.core import shapes
from desktop.layout import kernels
from desktop.layout.placement import RADIUS_PER_SQRT_NODE, cold_positions, place_new


@dataclass(frozen=True)
class ForceParams:
    """Tuning of the force model, in units of the ideal edge length `k`.

    The defaults were picked by measuring stress and community separation against networkx on sparse planted-
    partition graphs (see tests/benchmarks/bench_layout.py).
    """

    k: float = 1.0
    gravity: float = 0.05
    theta: float = 1.0  # Barnes-Hut opening angle; small force error at a third of the cost of 0.5
    hostile_distance: float = 4.0  # how far apart (in k) a negative tie holds its pair
    cold_iterations: int = 80
    warm_iterations: int = 25
    cold_temperature: float = 0.08  # first step cap, as a fraction of the expected layout radius
    warm_temperature: float = 1.0  # first step cap of a warm start, in k
    step_temperature: float = 0.3  # cap of one animation step, in k
    final_temperature: float = 0.02  # last step cap, in k


DEFAULT_PARAMS = ForceParams()

Progress = Callable[[float], "bool | None"]


class LayoutCancelled(Exception):
    """Raised out of a run whose progress callback returned False."""

    expected = True  # a superseded request, not a fault: workers need not log it


def _as_edges(edges: np.ndarray | None, weights: np.ndarray | None, n: int) -> tuple[np.ndarray, ...]:
    e = np.zeros((0, 2), np.int64) if edges is None else np.asarray(edges, dtype=np.int64).reshape(-1, 2)
    if e.size and (e.min() < 0 or e.max() >= n):
        raise ValueError(f"edge endpoints must lie in [0, {n})")
    w = np.ones(len(e)) if weights is None else np.asarray(weights, dtype=np.float64).reshape(-1)
    if w.shape[0] != len(e):
        raise ValueError(f"{len(e)} edges but {w.shape[0]} weights")
    w = np.where(np.isfinite(w), w, 0.0)
    return np.ascontiguousarray(e[:, 0]), np.ascontiguousarray(e[:, 1]), np.ascontiguousarray(w)


class ForceSimulation:
    """A layout in progress: positions plus everything needed to take one more step.

    `initial` rows that are NaN mark nodes with no previous position; they are placed at their neighbours'
    centre. `anchor_stiffness` (per node, 0 = free) pulls nodes toward `anchors` (default: the initial
    positions), which is how stability through time is expressed. Pinned nodes never move.
    """

    def __init__(self, n_nodes: int, edges: np.ndarray | None = None, weights: np.ndarray | None = None, *,
                 initial: np.ndarray | None = None, pinned: np.ndarray | None = None, seed: int = 0,
                 anchors: np.ndarray | None = None, anchor_stiffness: np.ndarray | float | None = None,
                 params: ForceParams = DEFAULT_PARAMS, use: kernels.Kernels | None = None) -> None:
        n = int(n_nodes)
        if n < 0:
            raise ValueError("n_nodes must be >= 0")
        self.n = n
        self.params = params
        self.src, self.dst, self.w = _as_edges(edges, weights, n)
        self.kernels = use or kernels.for_nodes(n)  # one set for the whole run: compiled, or numpy before they load
        self.indptr, self.indices = self.kernels.csr(n, self.src, self.dst)
        # Mass 1 for every node keeps the model plain FR, whose stress matched networkx's on the benchmark.
        self.mass = np.ones(n)
        pin = np.zeros(n, np.bool_) if pinned is None else np.asarray(pinned, dtype=np.bool_).reshape(n)
        self.movable = ~pin
        rng = np.random.default_rng(seed)
        if initial is not None and not np.isfinite(np.asarray(initial, dtype=np.float64)).all(axis=-1).any():
            initial = None  # no known position at all: lay out from scratch
        self.warm = initial is not None
        if initial is None:
            pos = cold_positions(self.kernels, n, self.indptr, self.indices, rng, params.k)
        else:
            pos = np.array(initial, dtype=np.float64).reshape(n, 2)
            known = np.asarray(np.isfinite(pos).all(axis=1))
            if not known.all():
                pos = place_new(self.kernels, np.where(known[:, None], pos, 0.0), known, self.indptr, self.indices, rng,
                                params.k)
            # A hair of seeded noise on movable nodes splits nodes that share a point; pinned ones stay exact.
            pos[self.movable] += rng.normal(0.0, 1e-4 * params.k, (int(self.movable.sum()), 2))
        self.pos = np.ascontiguousarray(pos)
        self.anchors = np.ascontiguousarray(self.pos.copy() if anchors is None else
                                            np.asarray(anchors, dtype=np.float64).reshape(n, 2))
        stiff = np.zeros(n) if anchor_stiffness is None else np.broadcast_to(
            np.asarray(anchor_stiffness, dtype=np.float64), (n,)).copy()
        stiff[~np.isfinite(self.anchors).all(axis=1)] = 0.0
        self.anchors = np.where(np.isfinite(self.anchors), self.anchors, 0.0)
        self.stiffness = np.ascontiguousarray(stiff)
        self._disp = np.zeros((n, 2))
        self._order = np.arange(n, dtype=np.int64)

    def set_weights(self, weights: np.ndarray) -> None:
        """Change tie weights in place (same ties), e.g. when a tie sours between two animation frames."""
        w = np.asarray(weights, dtype=np.float64).reshape(-1)
        if w.shape != self.w.shape:
            raise ValueError(f"{self.w.size} ties but {w.size} weights")
        self.w = np.ascontiguousarray(np.where(np.isfinite(w), w, 0.0))

    @property
    def radius(self) -> float:
        """Expected radius of the settled picture; temperatures for a cold start scale with it."""
        return RADIUS_PER_SQRT_NODE * self.params.k * float(np.sqrt(max(self.n, 1)))

    def iterate(self, temperature: float) -> float:
        """One iteration with moves capped at `temperature`; returns the mean move of the movable nodes."""
        if self.n == 0:
            return 0.0
        p = self.params
        disp = self._disp
        for what, array in (("positions", self.pos), ("displacements", disp), ("anchors", self.anchors)):
            shapes.rows(what, array, self.n, 2)
        for what, array in (("masses", self.mass), ("movable", self.movable), ("stiffness", self.stiffness),
                            ("order", self._order)):
            shapes.rows(what, array, self.n)
        shapes.same_length(src=self.src, dst=self.dst, weights=self.w)
        self._check_shapes()  # after the checks that name the array: what is left is the edge endpoints
        disp[:] = 0.0
        k = self.kernels
        k.add_repulsion(self.pos, self.mass, p.k, p.theta, disp, self._order)
        k.add_edge_forces(self.pos, self.src, self.dst, self.w, p.k, p.hostile_distance * p.k, disp)
        return float(k.apply_displacement(self.pos, disp, self.mass, p.gravity, temperature, self.movable,
                                        self.anchors, self.stiffness))

    def _check_shapes(self) -> None:
        """The kernels index every array by node and edge without bounds checks: refuse a mismatch here."""
        n, m = self.n, len(self.src)
        if (self.pos.shape != (n, 2) or self._disp.shape != (n, 2) or self.anchors.shape != (n, 2)
                or any(a.shape != (n,) for a in (self.mass, self.movable, self.stiffness, self._order))
                or self.dst.shape != (m,) or self.w.shape != (m,)
                or (m and (min(self.src.min(), self.dst.min()) < 0 or max(self.src.max(), self.dst.max()) >= n))):
            raise ValueError(f"layout arrays disagree with its {n} nodes and {m} ties")

    def run(self, iterations: int, t_start: float, t_end: float,
            progress: Progress | None = None) -> np.ndarray:
        """Iterate with a geometric cooling schedule from `t_start` to `t_end`.

        `progress(fraction)` is called every few iterations; returning False stops the run by raising
        `LayoutCancelled`, which is how a worker drops a layout a newer request has superseded.
        """
        if iterations <= 0:
            return self.pos
        every = max(1, iterations // 20)
        for i, t in enumerate(np.geomspace(max(t_start, 1e-9), max(t_end, 1e-9), iterations)):
            self.iterate(float(t))
            report = progress is not None and (i % every == every - 1 or i == iterations - 1)
            if report and progress((i + 1) / iterations) is False:  # type: ignore[misc]
                raise LayoutCancelled
        return self.pos

    def step(self, iterations: int = 1) -> np.ndarray:
        """Animation step: a few iterations at the small constant step temperature."""
        for _ in range(iterations):
            self.iterate(self.params.step_temperature * self.params.k)
        return self.pos

    def converge(self, iterations: int | None = None, progress: Progress | None = None) -> np.ndarray:
        """Run the cold or warm schedule, whichever this simulation was started with."""
        p = self.params
        if self.warm:
            its = p.warm_iterations if iterations is None else iterations
            return self.run(its, p.warm_temperature * p.k, p.final_temperature * p.k, progress)
        its = p.cold_iterations if iterations is None else iterations
        return self.run(its, p.cold_temperature * self.radius, p.final_temperature * p.k, progress)


def force_layout(n_nodes: int, edges: np.ndarray | None = None, weights: np.ndarray | None = None, *,
                 initial: np.ndarray | None = None, pinned: np.ndarray | None = None, seed: int = 0,
                 iterations: int | None = None, use: kernels.Kernels | None = None) -> np.ndarray:
    """Converged positions, shape (n_nodes, 2), float64, centred near the origin with ties about 1 apart.

    `weights` are signed (tension × intensity): positive pulls a pair together, negative holds it apart.
    With `initial` the layout warm-starts: fewer iterations at a lower temperature, so it stays close to the
    previous picture. `pinned` nodes keep their `initial` positions exactly. Deterministic for a given seed.
    """
    sim = ForceSimulation(n_nodes, edges, weights, initial=initial, pinned=pinned, seed=seed, use=use)
    return sim.converge(iterations).copy()


def warm_up() -> None:
    """Compile (or load from numba's disk cache) every kernel on a tiny graph so the first layout is fast.

    Until this has finished, a window's small maps are laid out by the numpy kernels (see
    :mod:`desktop.layout.kernels`).
    """
    if kernels.ready():
        return
    compiled = kernels.compiled()
    edges = np.array([[0, 1], [1, 2], [2, 0], [2, 3], [4, 4]])
    weights = np.array([1.0, 0.5, -1.0, 2.0, 0.0])
    pos = force_layout(6, edges, weights, iterations=3, use=compiled)
    nan_row = pos.copy()
    nan_row[5] = np.nan
    pinned = np.zeros(6, bool)
    pinned[0] = True
    ForceSimulation(6, edges, weights, initial=nan_row, pinned=pinned, anchor_stiffness=1.0, use=compiled).step(2)
    compiled.add_repulsion(pos, np.ones(6), 1.0, 1.0, np.zeros((6, 2)), parallel_from=0)  # the multi-core kernel too
    kernels.mark_ready()
