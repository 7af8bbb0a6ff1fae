"""numpy versions of the force engine's kernels, for small maps before the compiled ones are loaded.

Each has the signature and the arithmetic of its numba counterpart (``_forces``, ``_quadtree``,
``_seeding``), except repulsion, which is summed exactly over all pairs (Barnes-Hut with no
approximation): O(n²), which numpy does in well under a millisecond per iteration for a few hundred nodes.
"""

from __future__ import annotations

from collections import deque

import numpy as np


def csr(n: int, src: np.ndarray, dst: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Undirected adjacency in CSR form (self-loops dropped), neighbours in edge order as the kernel does."""
    keep = src != dst
    u, v = src[keep], dst[keep]
    owner = np.column_stack([u, v]).reshape(-1)  # edge e gives u its neighbour v, then v its neighbour u
    other = np.column_stack([v, u]).reshape(-1)
    order = np.argsort(owner, kind="stable")
    indptr = np.zeros(n + 1, np.int64)
    np.cumsum(np.bincount(owner, minlength=n), out=indptr[1:])
    return indptr, other[order].astype(np.int64)


def _bfs(indptr: np.ndarray, indices: np.ndarray, start: int, dist: np.ndarray) -> None:
    dist[:] = -1
    dist[start] = 0
    queue = deque([start])
    while queue:
        u = queue.popleft()
        for v in indices[indptr[u]:indptr[u + 1]].tolist():
            if dist[v] < 0:
                dist[v] = dist[u] + 1
                queue.append(v)


def components(indptr: np.ndarray, indices: np.ndarray, n: int) -> np.ndarray:
    label = np.full(n, -1, np.int64)
    current = 0
    dist = np.empty(n, np.int64)
    for s in range(n):
        if label[s] >= 0:
            continue
        _bfs(indptr, indices, s, dist)
        label[dist >= 0] = current
        current += 1
    return label


def subgraph(indptr: np.ndarray, indices: np.ndarray, nodes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    local = np.full(indptr.size - 1, -1, np.int64)
    local[nodes] = np.arange(nodes.size)
    degree = indptr[nodes + 1] - indptr[nodes]
    sub_ptr = np.zeros(nodes.size + 1, np.int64)
    np.cumsum(degree, out=sub_ptr[1:])
    parts = [indices[indptr[u]:indptr[u + 1]] for u in nodes.tolist()]
    sub_idx = local[np.concatenate(parts)] if parts else np.zeros(0, np.int64)
    return sub_ptr, sub_idx.astype(np.int64)


def pivot_distances(indptr: np.ndarray, indices: np.ndarray, n: int, first: int, n_pivots: int) -> np.ndarray:
    d = np.empty((n, n_pivots), np.float64)
    dist = np.empty(n, np.int64)
    nearest = np.full(n, np.iinfo(np.int64).max, np.int64)
    pivot = first
    for p in range(n_pivots):
        _bfs(indptr, indices, pivot, dist)
        d[:, p] = dist
        reached = dist >= 0
        nearest[reached] = np.minimum(nearest[reached], dist[reached])
        candidates = np.flatnonzero(reached)
        pivot = int(candidates[np.argmax(nearest[candidates])]) if candidates.size else pivot
    return d


def place_waves(pos: np.ndarray, placed: np.ndarray, indptr: np.ndarray, indices: np.ndarray,
                jitter: np.ndarray) -> None:
    n = placed.size
    while True:
        newly = []
        for i in range(n):
            if placed[i]:
                continue
            nbrs = indices[indptr[i]:indptr[i + 1]]
            nbrs = nbrs[placed[nbrs]]
            if nbrs.size:
                pos[i] = pos[nbrs].mean(axis=0) + jitter[i]
                newly.append(i)
        if not newly:
            return
        placed[newly] = True


def add_repulsion(pos: np.ndarray, mass: np.ndarray, k: float, theta: float, out: np.ndarray,
                  order: np.ndarray | None = None, parallel_from: int = 0) -> None:
    """Exact FR repulsion k²·mᵢ·mⱼ/d added to ``out`` (``theta``, ``order`` and ``parallel_from`` unused)."""
    if pos.shape[0] < 2:
        return
    delta = pos[:, None, :] - pos[None, :, :]
    d2 = (delta**2).sum(axis=2)
    with np.errstate(divide="ignore", invalid="ignore"):
        f = np.where(d2 > 1e-18, k * k * mass[None, :] / d2, 0.0)
    out += mass[:, None] * (f[:, :, None] * delta).sum(axis=1)


def add_edge_forces(pos: np.ndarray, src: np.ndarray, dst: np.ndarray, w: np.ndarray, k: float,
                    hostile_len: float, out: np.ndarray) -> None:
    live = (src != dst) & (w != 0.0)
    u, v, wt = src[live], dst[live], w[live]
    dx = pos[u, 0] - pos[v, 0]
    dy = pos[u, 1] - pos[v, 1]
    d = np.sqrt(dx * dx + dy * dy)
    fx = np.zeros(u.size)
    fy = np.zeros(u.size)
    warm = wt > 0.0
    f = wt * d / k
    fx[warm], fy[warm] = -f[warm] * dx[warm], -f[warm] * dy[warm]
    hostile = ~warm & (d < hostile_len)
    push = -wt[hostile] * (hostile_len - d[hostile])
    dh = d[hostile]
    apart = dh > 1e-12
    a = ((u[hostile] * 2654435761 + v[hostile] * 40503) % 6283) / 1000.0
    with np.errstate(divide="ignore", invalid="ignore"):
        ux = np.where(apart, dx[hostile] / np.where(apart, dh, 1.0), np.cos(a))
        uy = np.where(apart, dy[hostile] / np.where(apart, dh, 1.0), np.sin(a))
    fx[hostile], fy[hostile] = push * ux, push * uy
    np.add.at(out[:, 0], u, fx)
    np.add.at(out[:, 1], u, fy)
    np.add.at(out[:, 0], v, -fx)
    np.add.at(out[:, 1], v, -fy)


def apply_displacement(pos: np.ndarray, disp: np.ndarray, mass: np.ndarray, gravity: float, temp: float,
                       movable: np.ndarray, anchor: np.ndarray, stiffness: np.ndarray) -> float:
    f = disp - gravity * mass[:, None] * pos
    length = np.sqrt((f**2).sum(axis=1))
    moving = movable & np.isfinite(length)
    if not moving.any():
        return 0.0
    scale = np.where(length <= temp, 1.0, temp / np.where(length > 0, length, 1.0))
    new = pos + f * scale[:, None]
    c = stiffness[:, None]
    new = np.where(c > 0.0, (new + c * anchor) / (1.0 + c), new)
    step = np.sqrt(((new - pos) ** 2).sum(axis=1))
    pos[moving] = new[moving]
    return float(step[moving].mean())
