"""The numpy kernels that lay out a window's first small map stand in for numba's: same adjacency,
components and pivot distances, forces that agree, and a layout of the same shape."""

from __future__ import annotations

import numpy as np

from desktop.layout import ForceSimulation, _seeding, _small, kernels
from desktop.layout._forces import add_edge_forces, apply_displacement
from desktop.layout._quadtree import add_repulsion


def graph(n: int = 60, m: int = 150, seed: int = 3) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    edges = rng.integers(0, n, (m, 2))
    return edges[:, 0].copy(), edges[:, 1].copy(), rng.normal(size=m)


def test_adjacency_components_and_pivots_match_the_compiled_ones() -> None:
    src, dst, _ = graph()
    indptr, indices = _seeding.csr(60, src, dst)
    small = _small.csr(60, src, dst)
    assert np.array_equal(indptr, small[0]) and np.array_equal(indices, small[1])
    label = _seeding.components(indptr, indices, 60)
    assert np.array_equal(label, _small.components(indptr, indices, 60))
    nodes = np.flatnonzero(label == 0)
    sub = _seeding.subgraph(indptr, indices, nodes)
    assert all(np.array_equal(a, b) for a, b in zip(sub, _small.subgraph(indptr, indices, nodes), strict=True))
    pivots = _seeding.pivot_distances(*sub, nodes.size, 0, 8)
    assert np.array_equal(pivots, _small.pivot_distances(*sub, nodes.size, 0, 8))


def test_forces_agree_with_the_compiled_ones() -> None:
    src, dst, w = graph()
    pos = np.random.default_rng(1).normal(size=(60, 2)) * 3
    exact, approx = np.zeros((60, 2)), np.zeros((60, 2))
    _small.add_repulsion(pos, np.ones(60), 1.0, 1.0, exact)
    add_repulsion(pos, np.ones(60), 1.0, 0.0, approx)  # Barnes-Hut opened everywhere: exact too
    assert np.allclose(exact, approx)
    edges_small, edges_numba = np.zeros((60, 2)), np.zeros((60, 2))
    _small.add_edge_forces(pos, src, dst, w, 1.0, 4.0, edges_small)
    add_edge_forces(pos, src, dst, w, 1.0, 4.0, edges_numba)
    assert np.allclose(edges_small, edges_numba)
    movable = np.ones(60, bool)
    movable[0] = False
    a, b = pos.copy(), pos.copy()
    anchor, stiff = np.zeros((60, 2)), np.full(60, 0.3)
    assert np.isclose(_small.apply_displacement(a, edges_small, np.ones(60), 0.05, 0.5, movable, anchor, stiff),
                      apply_displacement(b, edges_numba, np.ones(60), 0.05, 0.5, movable, anchor, stiff))
    assert np.allclose(a, b)


def test_only_a_caller_that_allows_it_gets_the_numpy_kernels(monkeypatch) -> None:
    monkeypatch.setattr(kernels, "_ready", type(kernels._ready)())
    assert kernels.for_nodes(50).compiled  # exports and the command line: always compiled
    monkeypatch.setattr(kernels, "allow_uncompiled", True)
    assert not kernels.for_nodes(50).compiled
    assert kernels.for_nodes(kernels.SMALL + 1).compiled  # too large for numpy: wait for numba
    src, dst, w = graph()
    edges = np.column_stack([src, dst])
    laid_out = ForceSimulation(60, edges, w).converge()
    assert laid_out.shape == (60, 2) and np.isfinite(laid_out).all()
    kernels.mark_ready()
    assert kernels.for_nodes(50).compiled
