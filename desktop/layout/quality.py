"""Quality figures for a layout, so speed is never bought with a worse picture.

Two figures, both scale-free so layouts from different engines compare directly:

* normalised stress: how well drawn distances follow graph (hop) distances, after the best uniform scaling;
  lower is better. Sampled from a few BFS sources so it stays cheap on 20,000 nodes;
* community separation: mean drawn distance within planted communities over mean distance between them;
  lower is better (allies close, groups apart).
"""

from __future__ import annotations

import numpy as np

from desktop.layout._seeding import bfs, csr


def normalised_stress(pos: np.ndarray, edges: np.ndarray, *, sources: int = 64, seed: int = 0) -> float:
    """Σ((s·‖xᵢ-xⱼ‖ - dᵢⱼ)/dᵢⱼ)² / pairs over reachable pairs from sampled sources, with the best scale s."""
    pos = np.asarray(pos, dtype=np.float64)
    n = pos.shape[0]
    if n < 2:
        return 0.0
    e = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
    indptr, indices = csr(n, np.ascontiguousarray(e[:, 0]), np.ascontiguousarray(e[:, 1]))
    rng = np.random.default_rng(seed)
    dist = np.empty(n, np.int64)
    ratios = []
    for s in rng.choice(n, size=min(sources, n), replace=False):
        bfs(indptr, indices, int(s), dist)
        ok = dist > 0
        drawn = np.linalg.norm(pos[ok] - pos[s], axis=1)
        ratios.append(drawn / dist[ok])
    r = np.concatenate(ratios) if ratios else np.zeros(0)
    if r.size == 0 or not np.any(r > 0):
        return 0.0
    scale = r.sum() / (r * r).sum()  # argmin over s of Σ(s·r - 1)²
    return float(np.mean((scale * r - 1.0) ** 2))


def community_separation(pos: np.ndarray, labels: np.ndarray, *, pairs: int = 50_000, seed: int = 0) -> float:
    """Mean distance within communities over mean distance between them (sampled pairs; lower is better)."""
    pos = np.asarray(pos, dtype=np.float64)
    labels = np.asarray(labels)
    n = pos.shape[0]
    rng = np.random.default_rng(seed)
    a = rng.integers(0, n, pairs)
    b = rng.integers(0, n, pairs)
    keep = a != b
    a, b = a[keep], b[keep]
    d = np.linalg.norm(pos[a] - pos[b], axis=1)
    same = labels[a] == labels[b]
    if not same.any() or same.all():
        return float("nan")
    return float(d[same].mean() / d[~same].mean())
