"""Edge forces and the position update, compiled with numba.

The model is Fruchterman-Reingold (repulsion k²/d between all pairs, attraction d²/k along ties) with three
additions a relationship map needs:

* signed ties: a positive weight attracts in proportion to the weight; a negative weight is a one-sided spring
  that pushes the pair apart only while they are closer than `hostile_len`. The push is bounded by
  |w|·hostile_len, so hostility can never run away the way negative weights do in Gephi's ForceAtlas2;
* linear gravity toward the origin, which in 2-D balances repulsion at a uniform density and so keeps isolated
  actors and small components packed around the main one instead of drifting off;
* an anchor per node (implicit spring toward its previous position) for stability through time; it is solved
  implicitly so any stiffness is stable, up to a node that does not move at all.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from desktop.layout import kernel_cache  # noqa: F401  (a bundle's kernels: before the first @njit)


@njit(cache=True)
def _pair_direction(u, v):
    """A fixed unit vector for a pair that sits on one point, so coincident hostile pairs still separate."""
    a = ((u * 2654435761 + v * 40503) % 6283) / 1000.0
    return np.cos(a), np.sin(a)


@njit(cache=True)
def add_edge_forces(pos, src, dst, w, k, hostile_len, out):
    """Add signed tie forces to `out`. Self-loops and zero weights contribute nothing."""
    inv_k = 1.0 / k
    for e in range(src.size):
        u = src[e]
        v = dst[e]
        wt = w[e]
        if u == v or wt == 0.0:
            continue
        dx = pos[u, 0] - pos[v, 0]
        dy = pos[u, 1] - pos[v, 1]
        d = np.sqrt(dx * dx + dy * dy)
        if wt > 0.0:
            f = wt * d * inv_k  # magnitude w·d²/k, times the unit vector (dx, dy)/d
            out[u, 0] -= f * dx
            out[u, 1] -= f * dy
            out[v, 0] += f * dx
            out[v, 1] += f * dy
        elif d < hostile_len:
            push = -wt * (hostile_len - d)
            if d > 1e-12:
                ux = dx / d
                uy = dy / d
            else:
                ux, uy = _pair_direction(u, v)
            out[u, 0] += push * ux
            out[u, 1] += push * uy
            out[v, 0] -= push * ux
            out[v, 1] -= push * uy


@njit(cache=True)
def apply_displacement(pos, disp, mass, gravity, temp, movable, anchor, stiffness):
    """Move every movable node along its force, at most `temp` far; return the mean move.

    Gravity is added here (it needs no pair loop). The anchor is blended in after the capped move:
    x ← (x + c·a) / (1 + c), the implicit Euler step of a spring of stiffness c toward a.
    """
    n = pos.shape[0]
    total = 0.0
    moved = 0
    for i in range(n):
        if not movable[i]:
            continue
        fx = disp[i, 0] - gravity * mass[i] * pos[i, 0]
        fy = disp[i, 1] - gravity * mass[i] * pos[i, 1]
        length = np.sqrt(fx * fx + fy * fy)
        if not np.isfinite(length):
            continue
        scale = 1.0 if length <= temp else temp / length
        nx = pos[i, 0] + fx * scale
        ny = pos[i, 1] + fy * scale
        c = stiffness[i]
        if c > 0.0:
            nx = (nx + c * anchor[i, 0]) / (1.0 + c)
            ny = (ny + c * anchor[i, 1]) / (1.0 + c)
        ddx = nx - pos[i, 0]
        ddy = ny - pos[i, 1]
        total += np.sqrt(ddx * ddx + ddy * ddy)
        moved += 1
        pos[i, 0] = nx
        pos[i, 1] = ny
    return total / moved if moved else 0.0
