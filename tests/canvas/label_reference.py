"""The name placement as it was first written: one numpy comparison per name and side, a dot index
sorted by x. Kept as the plain reading of the rules that the grid-based placement must agree with."""

from __future__ import annotations

import numpy as np

from desktop.canvas.label_placement import GAP, PAD, SIDE_GAP, anchor, spot


class DotIndex:
    """The dots on screen sorted by x, to ask cheaply which ones come near a point.

    ``dots``: (n, 3) x, y, radius per actor (rows of actors not on screen are ignored when ``shown``
    says so).
    """

    def __init__(self, dots: np.ndarray, shown: np.ndarray) -> None:
        rows = np.flatnonzero(shown)
        order = np.argsort(dots[rows, 0], kind="stable")
        self.actor = rows[order]
        self.x = dots[self.actor, 0]
        self.y = dots[self.actor, 1]
        self.r = dots[self.actor, 2]
        self.reach = float(self.r.max()) if len(self.r) else 0.0

    def owns(self, actor: int, ax: float, ay: float, own_distance: float) -> bool:
        """Whether no other dot's edge comes nearer the point (``ax``, ``ay``) than ``own_distance``.

        A name whose anchor lies nearer another dot reads as that actor's name: it must not be drawn there.
        """
        lo = np.searchsorted(self.x, ax - own_distance - self.reach, side="left")
        hi = np.searchsorted(self.x, ax + own_distance + self.reach, side="right")
        if hi <= lo:
            return True
        near = np.hypot(self.x[lo:hi] - ax, self.y[lo:hi] - ay) - self.r[lo:hi] < own_distance
        near &= self.actor[lo:hi] != actor
        return not bool(near.any())


def place_labels(
    xy: np.ndarray, radius: np.ndarray, widths: np.ndarray, height: float, order: np.ndarray,
    always: int, obstacles: list[tuple[float, float, float, float]], bounds: tuple[float, float],
    dots: np.ndarray | None = None, shown: np.ndarray | None = None,
) -> list[tuple[int, tuple[float, float, float, float], int]]:
    """Choose a rectangle for as many labels as fit, in ``order``; the first ``always`` are forced.

    Each name tries below, above, right and left of its dot, always touching it: a name moved away
    from its dot ends up beside another one and names the wrong actor. A spot is free when it overlaps
    no placed name, no obstacle (caption, legend) and no other dot (``dots``: (n, 3) x, y, r per
    actor; ``shown``: which of them are on screen). A forced name with no free spot takes the spot
    that covers least of the obstacles or covers a dot; names never overlap, and a spot whose anchor
    lies nearer another dot than its own is never taken, forced or not. Returns ``(actor, rect, side)``.
    """
    taken = np.array(obstacles, dtype=np.float64).reshape(-1, 4)
    taken = np.vstack([taken, np.zeros((len(order), 4))])
    count = fixed = len(obstacles)
    width_px, height_px = bounds
    if dots is None:
        dots = np.column_stack([xy, radius])
    index = DotIndex(dots, np.ones(len(dots), dtype=bool) if shown is None else shown)
    check_dots = shown is None or int(np.count_nonzero(shown)) <= 1500
    result: list[tuple[int, tuple[float, float, float, float], int]] = []
    for rank, i in enumerate(order.tolist()):
        x, y, r, w = float(xy[i, 0]), float(xy[i, 1]), float(radius[i]), float(widths[i])
        chosen: tuple[int, float, float] | None = None
        least: tuple[float, tuple[int, float, float]] | None = None
        for side in range(4):
            sx, sy = spot(side, x, y, r, w, height)
            if sx < 0 or sy < 0 or sx + w > width_px or sy + height > height_px:
                continue
            box = taken[:count]
            overlap_w = np.minimum(box[:, 0] + box[:, 2] + PAD, sx + w + PAD) - np.maximum(box[:, 0], sx)
            overlap_h = np.minimum(box[:, 1] + box[:, 3], sy + height) - np.maximum(box[:, 1], sy)
            area = np.clip(overlap_w, 0, None) * np.clip(overlap_h, 0, None)
            if area[fixed:].any():
                continue  # names never overlap: one that must show may cover the caption or a dot instead
            covered = float(area.sum())
            if rank >= always and covered > 0:
                continue
            ax, ay = anchor(side, x, y, r)
            if not index.owns(i, ax, ay, GAP if side < 2 else SIDE_GAP):
                continue
            if covered == 0 and check_dots:
                near = ((np.abs(dots[:, 0] - (sx + w / 2)) < w / 2 + dots[:, 2])
                        & (np.abs(dots[:, 1] - (sy + height / 2)) < height / 2 + dots[:, 2]))
                if shown is not None:
                    near &= shown
                near[i] = False
                if near.any():
                    covered = 1e-6  # covering a dot is better than covering another name, worse than nothing
            if covered == 0:
                chosen = (side, sx, sy)
                break
            if rank < always and (least is None or covered < least[0]):
                least = (covered, (side, sx, sy))
        if chosen is None and least is not None:
            chosen = least[1]
        if chosen is None:
            continue
        side, sx, sy = chosen
        rect = (sx, sy, w, height)
        taken[count] = rect
        count += 1
        result.append((i, rect, side))
    return result
