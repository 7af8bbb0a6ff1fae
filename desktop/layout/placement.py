"""Where nodes start: seeded cold positions and the placement of newcomers.

An actor who appears at a new date must land where the eye expects it, at the centre of the people it is
tied to, not at a random spot that the force phase then drags across the picture. Placement spreads outward
in waves, so a newcomer tied only to other newcomers lands next to them once they are placed.
"""

from __future__ import annotations

import numpy as np

from desktop.core import shapes
from desktop.layout.kernels import Kernels

# RMS radius of a settled sparse layout is about 0.3-0.45 k per sqrt(node) (measured); starting PivotMDS at
# that size, not larger, saves the force phase a global contraction and cut stress at 5,000 nodes by a quarter.
RADIUS_PER_SQRT_NODE = 0.4


def pivot_mds(kernels: Kernels, indptr: np.ndarray, indices: np.ndarray, nodes: np.ndarray, first: int,
              n_pivots: int = 40) -> np.ndarray:
    """2-D PivotMDS coordinates (in hops) for `nodes`, one connected component; `first` is a local index."""
    n = nodes.size
    sub_ptr, sub_idx = kernels.subgraph(indptr, indices, nodes)
    n_pivots = min(n_pivots, n)
    d = kernels.pivot_distances(sub_ptr, sub_idx, n, first, n_pivots)
    d2 = d * d
    c = -0.5 * (d2 - d2.mean(axis=0, keepdims=True) - d2.mean(axis=1, keepdims=True) + d2.mean())
    vals, vecs = np.linalg.eigh(c.T @ c)
    coords = c @ vecs[:, [-1, -2]]
    # eigh fixes no sign; fix one so the same graph always gives the same picture.
    for axis in range(2):
        if coords[np.argmax(np.abs(coords[:, axis])), axis] < 0:
            coords[:, axis] *= -1.0
    # PivotMDS scales with sqrt of the eigenvalue; bring it back to hop units.
    spread = np.sqrt(np.maximum(vals[[-1, -2]], 1e-300)) ** 0.5
    scaled: np.ndarray = coords / np.maximum(spread, 1e-12)
    return scaled


def _check_graph(n: int, indptr: np.ndarray, indices: np.ndarray) -> None:
    """The compressed adjacency the kernels walk belongs to ``n`` nodes (see desktop/core/shapes.py)."""
    shapes.rows("adjacency index pointer", indptr, n + 1)
    shapes.rows("adjacency", indices, int(indptr[-1]))
    shapes.indices_within("adjacency", indices, n)


def place_new(kernels: Kernels, pos: np.ndarray, placed: np.ndarray, indptr: np.ndarray, indices: np.ndarray,
              rng: np.random.Generator, k: float) -> np.ndarray:
    """Fill the rows of `pos` not `placed`: at their placed neighbours' centroid, else around the picture.

    The jitter (a fraction of k, seeded) keeps two newcomers with the same neighbours off the same point.
    Nodes with no placed node anywhere in their component start on a ring just outside the placed ones;
    gravity then packs them in.
    """
    pos = pos.copy()
    placed = placed.copy()
    n = placed.size
    _check_graph(n, indptr, indices)
    shapes.rows("positions", pos, n, 2)
    jitter = rng.normal(0.0, 0.1 * k, size=(n, 2))
    kernels.place_waves(pos, placed, indptr, indices, jitter)
    rest = np.flatnonzero(~placed)
    if rest.size:
        if placed.any():
            centre = pos[placed].mean(axis=0)
            radius = float(np.sqrt(((pos[placed] - centre) ** 2).sum(axis=1)).max()) + k
        else:
            centre = np.zeros(2)
            radius = k
        angle = rng.uniform(0.0, 2.0 * np.pi, rest.size)
        r = radius + rng.uniform(0.0, k, rest.size)
        pos[rest] = centre + np.column_stack((r * np.cos(angle), r * np.sin(angle)))
        placed[rest] = True
        kernels.place_waves(pos, placed, indptr, indices, jitter)
    return pos


def cold_positions(kernels: Kernels, n: int, indptr: np.ndarray, indices: np.ndarray, rng: np.random.Generator,
                   k: float) -> np.ndarray:
    """Seeded starting positions: PivotMDS for the largest component, a packed disk for the rest."""
    target = RADIUS_PER_SQRT_NODE * k * np.sqrt(max(n, 1))
    angle = rng.uniform(0.0, 2.0 * np.pi, n)
    r = target * np.sqrt(rng.uniform(0.0, 1.0, n))
    pos = np.column_stack((r * np.cos(angle), r * np.sin(angle)))
    if n < 3:
        return pos
    _check_graph(n, indptr, indices)
    label = kernels.components(indptr, indices, n)
    sizes = np.bincount(label)
    main = int(np.argmax(sizes))
    nodes = np.flatnonzero(label == main).astype(np.int64)
    if nodes.size < 3:
        return pos
    coords = pivot_mds(kernels, indptr, indices, nodes, int(rng.integers(nodes.size)))
    rms = float(np.sqrt((coords**2).sum(axis=1).mean()))
    share = float(np.sqrt(nodes.size / n))  # the main component gets the area its share of nodes needs
    if rms > 0:
        coords = coords * (target * share / rms)
    coords += rng.normal(0.0, 0.05 * k, coords.shape)  # break ties between structurally equal nodes
    pos[nodes] = coords
    others = label != main
    if others.any() and nodes.size < n:
        # Put the rest on a ring around the main component rather than scattered through it.
        ring = target * share + k
        width = max(target - target * share, k)
        count = int(others.sum())
        a = rng.uniform(0.0, 2.0 * np.pi, count)
        rr = ring + width * np.sqrt(rng.uniform(0.0, 1.0, count))
        pos[others] = np.column_stack((rr * np.cos(a), rr * np.sin(a)))
    return pos
