"""The request/result API the app's layout worker uses: ids, pins, stability, newcomers and the cache."""

from __future__ import annotations

import numpy as np
import pytest

from desktop.layout import LayoutCache, LayoutCancelled, LayoutRequest, LayoutResult, compute_layout


def _people(n: int) -> tuple[str, ...]:
    return tuple(f"actor-{i}" for i in range(n))


def _chain_request(n: int = 12, **kwargs) -> LayoutRequest:
    ids = _people(n)
    pairs = [(ids[i], ids[i + 1]) for i in range(n - 1)]
    return LayoutRequest.from_pairs(ids, pairs, **kwargs)


def test_result_is_keyed_by_id_with_bounds():
    result = compute_layout(_chain_request(), cache=None)
    assert isinstance(result, LayoutResult)
    assert len(result) == 12
    x, y = result["actor-3"]
    x0, y0, x1, y1 = result.bounds
    assert x0 <= x <= x1 and y0 <= y <= y1
    assert set(result.as_dict()) == set(_people(12))
    unit = result.normalised()
    assert unit.min() >= 0.0 and unit.max() <= 1.0
    with pytest.raises(ValueError):
        result.positions[0, 0] = 1.0  # results are shared through the cache, so they are read-only


def test_same_request_same_picture():
    a = compute_layout(_chain_request(seed=7), cache=None)
    b = compute_layout(_chain_request(seed=7), cache=None)
    np.testing.assert_array_equal(a.positions, b.positions)


def test_cache_returns_the_same_result_for_the_same_key():
    cache = LayoutCache(size=2)
    first = compute_layout(_chain_request(key=("demo", "2024-01-01")), cache=cache)
    again = compute_layout(_chain_request(key=("demo", "2024-01-01")), cache=cache)
    assert again is first
    compute_layout(_chain_request(key=("demo", "2024-01-02")), cache=cache)
    compute_layout(_chain_request(key=("demo", "2024-01-03")), cache=cache)
    assert cache.get(("demo", "2024-01-01")) is None  # least recently used went first


def test_from_pairs_drops_ties_to_unknown_ids():
    request = LayoutRequest.from_pairs(("a", "b"), [("a", "b"), ("a", "ghost")], [1.0, -1.0])
    assert request.edges.tolist() == [[0, 1]]
    assert request.weights.tolist() == [1.0]


def test_pins_by_position_and_by_id():
    ids = _people(10)
    previous = {node: (float(i), 0.0) for i, node in enumerate(ids)}
    pairs = [(ids[i], ids[(i + 3) % 10]) for i in range(10)]
    result = compute_layout(LayoutRequest.from_pairs(ids, pairs, previous=previous,
                                                     pinned={"actor-0": (5.0, 5.0)}), cache=None)
    assert result["actor-0"] == (5.0, 5.0)
    result = compute_layout(LayoutRequest.from_pairs(ids, pairs, previous=previous, pinned={"actor-4"}),
                            cache=None)
    assert result["actor-4"] == (4.0, 0.0)


def test_newcomer_lands_near_its_neighbours():
    ids = _people(30)
    pairs = [(ids[i], ids[j]) for i in range(29) for j in (i + 1, (i + 5) % 29) if i != j]
    before = compute_layout(LayoutRequest.from_pairs(ids[:29], pairs), cache=None)
    friends = ("actor-2", "actor-3", "actor-4")
    after = compute_layout(LayoutRequest.from_pairs(ids, [*pairs, *((ids[29], f) for f in friends)],
                                                    previous=before.as_dict()), cache=None)
    centre = np.mean([after[f] for f in friends], axis=0)
    spread = np.linalg.norm(after.positions - after.positions.mean(axis=0), axis=1).mean()
    assert np.linalg.norm(np.array(after[ids[29]]) - centre) < 0.5 * spread


def test_higher_stability_moves_less():
    ids = _people(60)
    rng = np.random.default_rng(3)
    pairs = [(ids[a], ids[b]) for a, b in rng.integers(0, 60, (150, 2)) if a != b]
    previous = {node: tuple(rng.normal(size=2) * 6) for node in ids}
    moved = []
    for stability in (0.0, 0.5, 0.9):
        result = compute_layout(LayoutRequest.from_pairs(ids, pairs, previous=previous, stability=stability),
                                cache=None)
        prev = np.array([previous[node] for node in ids])
        moved.append(np.linalg.norm(result.positions - prev, axis=1).mean())
    assert moved[0] > moved[1] > moved[2]


def test_progress_is_reported_and_can_cancel():
    seen: list[float] = []
    compute_layout(_chain_request(), cache=None, progress=seen.append)
    assert seen and seen[-1] == 1.0
    with pytest.raises(LayoutCancelled):
        compute_layout(_chain_request(), cache=None, progress=lambda fraction: False)


def test_empty_request():
    result = compute_layout(LayoutRequest(node_ids=()), cache=None)
    assert result.positions.shape == (0, 2)
    assert result.normalised().shape == (0, 2)
