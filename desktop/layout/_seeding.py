"""Starting positions for a cold layout: PivotMDS on the largest component.

Force iterations are good at local detail and slow at global shape: from random positions a 20,000-node
graph needs hundreds of iterations to untwist. PivotMDS (Brandes & Pich, 2006) gets the global shape from
breadth-first distances to a few pivots in O(pivots · edges), so the force phase only has to refine. Nodes
outside the largest component start on a seeded random disk; gravity and repulsion then pack them around it.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from desktop.layout import kernel_cache  # noqa: F401  (a bundle's kernels: before the first @njit)


@njit(cache=True)
def csr(n, src, dst):
    """Undirected adjacency in CSR form (self-loops dropped)."""
    deg = np.zeros(n + 1, np.int64)
    for e in range(src.size):
        if src[e] != dst[e]:
            deg[src[e] + 1] += 1
            deg[dst[e] + 1] += 1
    indptr = np.cumsum(deg)
    fill = indptr[:-1].copy()
    indices = np.empty(indptr[-1], np.int64)
    for e in range(src.size):
        u = src[e]
        v = dst[e]
        if u != v:
            indices[fill[u]] = v
            fill[u] += 1
            indices[fill[v]] = u
            fill[v] += 1
    return indptr, indices


@njit(cache=True)
def bfs(indptr, indices, start, dist):
    """Hop distances from `start` into `dist` (-1 = unreachable); returns the number of nodes reached."""
    dist[:] = -1
    queue = np.empty(dist.size, np.int64)
    queue[0] = start
    dist[start] = 0
    head = 0
    tail = 1
    while head < tail:
        u = queue[head]
        head += 1
        for p in range(indptr[u], indptr[u + 1]):
            v = indices[p]
            if dist[v] < 0:
                dist[v] = dist[u] + 1
                queue[tail] = v
                tail += 1
    return tail


@njit(cache=True)
def components(indptr, indices, n):
    """Component label per node, labels numbered in order of first node."""
    label = np.full(n, -1, np.int64)
    queue = np.empty(n, np.int64)
    current = 0
    for s in range(n):
        if label[s] >= 0:
            continue
        label[s] = current
        queue[0] = s
        head = 0
        tail = 1
        while head < tail:
            u = queue[head]
            head += 1
            for p in range(indptr[u], indptr[u + 1]):
                v = indices[p]
                if label[v] < 0:
                    label[v] = current
                    queue[tail] = v
                    tail += 1
        current += 1
    return label


@njit(cache=True)
def pivot_distances(indptr, indices, n, first, n_pivots):
    """Distances to max-min pivots: each next pivot is the node farthest from all chosen so far."""
    d = np.empty((n, n_pivots), np.float64)
    dist = np.empty(n, np.int64)
    nearest = np.full(n, np.iinfo(np.int64).max, np.int64)
    pivot = first
    for p in range(n_pivots):
        bfs(indptr, indices, pivot, dist)
        best = -1
        for i in range(n):
            d[i, p] = dist[i]
            if dist[i] >= 0 and dist[i] < nearest[i]:
                nearest[i] = dist[i]
            if dist[i] >= 0 and (best < 0 or nearest[i] > nearest[best]):
                best = i
        pivot = best
    return d


@njit(cache=True)
def subgraph(indptr, indices, nodes):
    """CSR restricted to `nodes` (which form whole components, so no edge leaves the set)."""
    local = np.full(indptr.size - 1, -1, np.int64)
    for a in range(nodes.size):
        local[nodes[a]] = a
    sub_ptr = np.zeros(nodes.size + 1, np.int64)
    for a in range(nodes.size):
        u = nodes[a]
        sub_ptr[a + 1] = sub_ptr[a] + indptr[u + 1] - indptr[u]
    sub_idx = np.empty(sub_ptr[-1], np.int64)
    for a in range(nodes.size):
        u = nodes[a]
        o = sub_ptr[a]
        for p in range(indptr[u], indptr[u + 1]):
            sub_idx[o] = local[indices[p]]
            o += 1
    return sub_ptr, sub_idx


@njit(cache=True)
def place_waves(pos, placed, indptr, indices, jitter):
    """Put each unplaced node with placed neighbours at their centroid plus its jitter; repeat until stuck."""
    n = placed.size
    while True:
        newly = np.zeros(n, np.bool_)
        for i in range(n):
            if placed[i]:
                continue
            sx = 0.0
            sy = 0.0
            c = 0
            for p in range(indptr[i], indptr[i + 1]):
                j = indices[p]
                if placed[j]:
                    sx += pos[j, 0]
                    sy += pos[j, 1]
                    c += 1
            if c > 0:
                pos[i, 0] = sx / c + jitter[i, 0]
                pos[i, 1] = sy / c + jitter[i, 1]
                newly[i] = True
        if not newly.any():
            return
        for i in range(n):
            if newly[i]:
                placed[i] = True
