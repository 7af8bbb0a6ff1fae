"""The array API: shapes, determinism, pins, signed forces, warm starts and degenerate inputs."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from desktop.layout import ForceSimulation, force_layout
from desktop.layout.quality import community_separation


def planted_partition(n: int, communities: int, *, degree: int = 3, p_in: float = 0.9, seed: int = 1):
    """A sparse graph whose ties stay mostly inside `communities` groups; returns (edges, labels)."""
    rng = np.random.default_rng(seed)
    labels = np.arange(n) % communities
    m = n * degree
    src = rng.integers(0, n, m)
    inside = (rng.integers(0, n // communities, m) * communities + labels[src]) % n
    dst = np.where(rng.random(m) < p_in, inside, rng.integers(0, n, m))
    return np.column_stack((src, dst)), labels


def ring(n: int) -> np.ndarray:
    return np.column_stack((np.arange(n), (np.arange(n) + 1) % n))


def test_shape_dtype_and_finite():
    pos = force_layout(30, ring(30))
    assert pos.shape == (30, 2)
    assert pos.dtype == np.float64
    assert np.isfinite(pos).all()


def test_same_seed_same_positions_and_other_seed_differs():
    edges, _ = planted_partition(200, 4)
    a = force_layout(200, edges, seed=3)
    b = force_layout(200, edges, seed=3)
    c = force_layout(200, edges, seed=4)
    np.testing.assert_array_equal(a, b)
    assert not np.allclose(a, c)


def test_pinned_nodes_do_not_move():
    n = 40
    initial = np.random.default_rng(0).normal(size=(n, 2)) * 5
    pinned = np.zeros(n, bool)
    pinned[[0, 7, 13]] = True
    pos = force_layout(n, ring(n), initial=initial, pinned=pinned)
    np.testing.assert_array_equal(pos[pinned], initial[pinned])
    assert not np.allclose(pos[~pinned], initial[~pinned])


def test_pinned_nodes_do_not_move_in_a_cold_layout():
    n = 20
    pinned = np.zeros(n, bool)
    pinned[3] = True
    sim = ForceSimulation(n, ring(n), pinned=pinned)
    start = sim.pos[3].copy()
    sim.converge()
    np.testing.assert_array_equal(sim.pos[3], start)


def _pair_distance(weight: float) -> float:
    # Two actors tied to a common third one, and to each other with `weight`.
    edges = np.array([[0, 2], [1, 2], [0, 1]])
    pos = force_layout(3, edges, np.array([1.0, 1.0, weight]))
    return float(np.linalg.norm(pos[0] - pos[1]))


def test_negative_tie_ends_farther_apart_than_positive_tie():
    assert _pair_distance(-1.0) > 1.5 * _pair_distance(1.0)
    assert _pair_distance(-1.0) > _pair_distance(0.0)


def test_negative_tie_is_bounded_not_runaway():
    # A strongly hostile pair settles at a finite distance near the preferred one instead of flying apart.
    pos = force_layout(2, np.array([[0, 1]]), np.array([-50.0]), iterations=300)
    assert np.isfinite(pos).all()
    assert np.linalg.norm(pos[0] - pos[1]) < 20.0


def test_soured_tie_moves_pair_apart_within_a_few_steps():
    edges, _ = planted_partition(120, 3, seed=2)
    edges = np.vstack((edges, [[0, 1]]))
    weights = np.ones(len(edges))
    weights[-1] = 3.0
    before = force_layout(120, edges, weights)
    sim = ForceSimulation(120, edges, weights, initial=before)
    weights[-1] = -3.0
    sim.set_weights(weights)  # the tie sours between two animation frames
    d0 = np.linalg.norm(before[0] - before[1])
    distances = [np.linalg.norm(p[0] - p[1]) for p in (sim.step().copy() for _ in range(6))]
    assert distances[-1] > d0 + 1.0
    assert all(b >= a - 1e-9 for a, b in itertools.pairwise(distances))


def test_warm_start_stays_close_to_previous_layout():
    edges, _ = planted_partition(300, 5)
    before = force_layout(300, edges)
    weights = np.ones(len(edges))
    weights[:10] = 0.5  # a small change of tension, as from one date to the next
    after = force_layout(300, edges, weights, initial=before)
    spread = np.linalg.norm(before - before.mean(axis=0), axis=1).mean()
    moved = np.linalg.norm(after - before, axis=1).mean()
    assert moved < 0.1 * spread


def test_anchoring_keeps_nodes_nearer_their_previous_positions():
    edges, _ = planted_partition(200, 4)
    rng = np.random.default_rng(5)
    previous = rng.normal(size=(200, 2)) * 8
    loose = ForceSimulation(200, edges, initial=previous).converge()
    firm = ForceSimulation(200, edges, initial=previous, anchor_stiffness=4.0).converge()
    drift_firm = np.linalg.norm(firm - previous, axis=1).mean()
    assert drift_firm < 0.5 * np.linalg.norm(loose - previous, axis=1).mean()


def test_new_node_starts_at_its_neighbours_centroid():
    edges = np.array([[0, 1], [1, 2], [2, 3], [4, 0], [4, 2]])
    initial = np.array([[0.0, 0.0], [2.0, 0.0], [2.0, 2.0], [0.0, 2.0], [np.nan, np.nan]])
    sim = ForceSimulation(5, edges, initial=initial)
    np.testing.assert_allclose(sim.pos[4], [1.0, 1.0], atol=0.5)
    pos = sim.converge()
    centroid = pos[[0, 2]].mean(axis=0)
    assert np.linalg.norm(pos[4] - centroid) < 1.5


def test_disconnected_parts_are_packed_within_a_bounded_radius():
    main, _ = planted_partition(200, 2)
    pairs = np.array([[200, 201], [202, 203], [204, 205]])
    n = 220  # 14 isolated actors as well
    pos = force_layout(n, np.vstack((main, pairs)))
    centre = pos[:200].mean(axis=0)
    main_radius = np.linalg.norm(pos[:200] - centre, axis=1).max()
    outer = np.linalg.norm(pos[200:] - centre, axis=1)
    assert outer.max() < 1.6 * main_radius + 3.0


def test_planted_communities_separate():
    edges, labels = planted_partition(400, 4, p_in=0.95)
    pos = force_layout(400, edges)
    assert community_separation(pos, labels) < 0.6


@pytest.mark.parametrize(
    ("n", "edges", "weights", "initial"),
    [
        (0, None, None, None),
        (1, None, None, None),
        (1, np.array([[0, 0]]), None, None),
        (2, None, None, None),
        (5, ring(5), None, np.zeros((5, 2))),
        (4, np.array([[0, 0], [1, 1], [0, 1], [0, 1], [0, 1]]), None, None),
        (4, ring(4), np.zeros(4), None),
        (6, ring(6), np.array([1.0, -1.0, np.nan, np.inf, 0.0, -np.inf]), np.ones((6, 2))),
        (3, np.array([[0, 1]]), np.array([-1.0]), np.zeros((3, 2))),
    ],
)
def test_degenerate_inputs_give_finite_positions(n, edges, weights, initial):
    pos = force_layout(n, edges, weights, initial=initial)
    assert pos.shape == (n, 2)
    assert np.isfinite(pos).all()
    if n > 1 and initial is not None:
        assert np.linalg.norm(pos[0] - pos[1]) > 1e-6  # nodes sharing a start point are split


def test_bad_edges_are_rejected():
    with pytest.raises(ValueError):
        force_layout(3, np.array([[0, 3]]))
    with pytest.raises(ValueError):
        force_layout(3, np.array([[0, 1]]), np.array([1.0, 2.0]))
    with pytest.raises(ValueError):
        ForceSimulation(3, np.array([[0, 1]])).set_weights(np.ones(2))
