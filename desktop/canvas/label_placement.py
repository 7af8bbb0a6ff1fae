"""Where names go: greedy placement in screen pixels, most important first (numpy only, no Qt).

The most important actors are always named; the rest are named only where a spot is free, so
zooming in (more room) names more of them and zooming out names fewer. Each name tries below,
above, right and left of its dot, always touching it.

Placement runs on painted frames, so its cost must follow the names tried, not the dots on the map.
Everything a spot needs that does not depend on the names already placed (inside the window, which
dot its anchor lies against, how much of the caption or legend it covers) is decided for all
candidates and sides at once, with the dots bucketed into a grid of cells; the greedy pass then only
compares a spot with the names placed near it (another grid). At 5,000 dots the per-name numpy
calls this replaces took a third of the GUI thread.
"""

from __future__ import annotations

import math

import numpy as np

PAD = 2.0
GAP = 1.0  # between a dot and a name above or below it
SIDE_GAP = 3.0  # between a dot and a name beside it
SIDES = ("below", "above", "right", "left")
NAME_CELL = 64.0  # pixels: the grid the greedy pass files placed names in
OWN_DISTANCE = np.array([GAP, GAP, SIDE_GAP, SIDE_GAP])  # per side: how close another dot may not come

Rect = tuple[float, float, float, float]


def spot(side: int, x: float, y: float, r: float, w: float, h: float) -> tuple[float, float]:
    """Top-left corner of a ``w`` × ``h`` name touching the dot (``x``, ``y``, radius ``r``) on ``side``."""
    if side == 0:
        return x - w / 2, y + r + GAP
    if side == 1:
        return x - w / 2, y - r - GAP - h
    if side == 2:
        return x + r + SIDE_GAP, y - h / 2
    return x - r - SIDE_GAP - w, y - h / 2


def anchor(side: int, x: float, y: float, r: float) -> tuple[float, float]:
    """The point where a name on ``side`` touches its dot: the middle of the name's edge facing the dot."""
    if side == 0:
        return x, y + r + GAP
    if side == 1:
        return x, y - r - GAP
    if side == 2:
        return x + r + SIDE_GAP, y
    return x - r - SIDE_GAP, y


def spots(x: np.ndarray, y: np.ndarray, r: np.ndarray, w: np.ndarray, h: float) -> tuple[np.ndarray, ...]:
    """:func:`spot` and :func:`anchor` for many dots at once: ``(sx, sy, ax, ay)``, each (len(x), 4)."""
    x, y, r, w = (np.asarray(a, np.float64)[:, None] for a in (x, y, r, w))
    sx = np.hstack([x - w / 2, x - w / 2, x + r + SIDE_GAP, x - r - SIDE_GAP - w])
    sy = np.hstack([y + r + GAP, y - r - GAP - h, y - h / 2, y - h / 2])
    ax = np.hstack([x, x, x + r + SIDE_GAP, x - r - SIDE_GAP])
    ay = np.hstack([y + r + GAP, y - r - GAP, y, y])
    return sx, sy, ax, ay


class DotIndex:
    """The dots in a window of the screen filed in a grid of square cells, to ask cheaply which ones
    come near points in that window.

    ``dots``: (n, 3) x, y, radius per actor (rows not ``shown`` are ignored); ``window``: the part of
    the screen (x0, y0, x1, y1) asked about; a point outside it belongs to no one (nothing is drawn
    there). ``reach``: the farthest from a point that a dot's edge will ever be asked about (cells are
    at least that wide, plus the largest radius, so every dot that matters lies in the 3 × 3 cells
    around the point). Building it is one sort of small integers (a radix sort), a few hundred
    microseconds for 20,000 dots.
    """

    def __init__(self, dots: np.ndarray, shown: np.ndarray, window: Rect | None = None,
                 reach: float = SIDE_GAP + 1.0) -> None:
        rows = np.flatnonzero(shown)
        rows = rows[np.isfinite(dots[rows, :3]).all(axis=1)]
        radius = float(dots[rows, 2].max()) if len(rows) else 0.0
        self.cell = cell = max(reach + max(radius, 0.0), 1.0)
        if window is None:
            lo, hi = (dots[rows, :2].min(axis=0), dots[rows, :2].max(axis=0)) if len(rows) else (np.zeros(2),) * 2
            window = (float(lo[0]), float(lo[1]), float(hi[0]), float(hi[1]))
        self.window = window
        x0, y0, x1, y1 = window
        xy = dots[rows, :2]
        rows = rows[(xy[:, 0] >= x0 - cell) & (xy[:, 0] <= x1 + cell) & (xy[:, 1] >= y0 - cell)
                    & (xy[:, 1] <= y1 + cell)]
        self.actor = rows
        self.x, self.y, self.r = dots[rows, 0], dots[rows, 1], dots[rows, 2]
        self.radius = radius
        self._reach = reach
        # Cells counted from the window's corner, with a ring of one cell around it.
        self._columns = math.floor((x1 - x0) / cell) + 3
        self._rows = math.floor((y1 - y0) / cell) + 3
        key = self._key(self.x, self.y)
        cells = self._columns * self._rows
        # A radix sort when the cell numbers fit 16 bits (any window up to about 1,800 × 1,800 cells... of
        # 7 px and more: every screen); a comparison sort otherwise.
        self._order = np.argsort(key.astype(np.uint16) if cells <= 65536 else key, kind="stable")
        self._keys = key[self._order]
        self._sorted: tuple[np.ndarray, np.ndarray] | None = None

    def _key(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """The cell number of points inside the window and its ring of cells."""
        x0, y0 = self.window[0], self.window[1]
        col = np.clip(np.floor((x - x0) / self.cell) + 1, 0, self._columns - 1).astype(np.int64)
        row = np.clip(np.floor((y - y0) / self.cell) + 1, 0, self._rows - 1).astype(np.int64)
        return col * self._rows + row

    def owns_many(self, actor: np.ndarray, ax: np.ndarray, ay: np.ndarray, own_distance: np.ndarray) -> np.ndarray:
        """Per point: whether no dot but ``actor``'s comes with its edge nearer (``ax``, ``ay``) than
        ``own_distance`` (each at most the ``reach`` the index was built for); False outside the window.

        A name whose anchor lies nearer another dot reads as that actor's name: it must not be drawn there.
        """
        actor, ax, ay = (np.asarray(a).ravel() for a in (actor, ax, ay))
        own_distance = np.broadcast_to(np.asarray(own_distance, np.float64), ax.shape).ravel()
        x0, y0, x1, y1 = self.window
        owned = (ax >= x0) & (ax <= x1) & (ay >= y0) & (ay <= y1)  # also False for NaN
        if not len(ax) or not len(self.actor):
            return owned
        if float(own_distance.max()) > self._reach + 1e-9:
            raise ValueError(f"asked about {own_distance.max()} px; the index reaches {self._reach} px")
        query = np.flatnonzero(owned)
        if not len(query):
            return owned
        # The 3 × 3 cells around each point, as ranges of the sorted cell numbers.
        centre = self._key(ax[query], ay[query])
        around = (np.array([-1, 0, 1])[:, None] * self._rows + np.array([-1, 0, 1])[None, :]).ravel()
        cells = (centre[:, None] + around).ravel()
        lo = np.searchsorted(self._keys, cells, side="left")
        hi = np.searchsorted(self._keys, cells, side="right")
        length = hi - lo
        total = int(length.sum())
        if not total:
            return owned
        which = np.repeat(np.repeat(query, 9), length)  # the point each candidate dot is compared with
        first = np.repeat(lo - (np.cumsum(length) - length), length)
        dot = self._order[first + np.arange(total)]
        edge = np.hypot(self.x[dot] - ax[which], self.y[dot] - ay[which]) - self.r[dot]
        near = (edge < own_distance[which]) & (self.actor[dot] != actor[which])
        owned[which[near]] = False
        return owned

    def owns(self, actor: int, ax: float, ay: float, own_distance: float) -> bool:
        """:meth:`owns_many` for one point."""
        return bool(self.owns_many(np.array([actor]), np.array([ax]), np.array([ay]), np.array([own_distance]))[0])

    def covers_many(self, actor: np.ndarray, sx: np.ndarray, sy: np.ndarray, w: np.ndarray, h: float) -> np.ndarray:
        """Per box (``w`` × ``h`` at ``sx``, ``sy``, inside the window): whether it comes over (or within a
        radius of) any dot but ``actor``'s."""
        actor, sx, sy, w = (np.asarray(a).ravel() for a in (actor, sx, sy, w))
        covered = np.zeros(len(sx), dtype=bool)
        if not len(sx) or not len(self.actor):
            return covered
        if self._sorted is None:
            by_x = np.argsort(self.x, kind="stable")
            self._sorted = (by_x, self.x[by_x])
        by_x, sorted_x = self._sorted
        lo = np.searchsorted(sorted_x, sx - self.radius, side="left")
        hi = np.searchsorted(sorted_x, sx + w + self.radius, side="right")
        length = np.maximum(hi - lo, 0)
        total = int(length.sum())
        if not total:
            return covered
        which = np.repeat(np.arange(len(sx)), length)  # the box each candidate dot is compared with
        dot = by_x[np.repeat(lo - (np.cumsum(length) - length), length) + np.arange(total)]
        r = self.r[dot]
        near = ((np.abs(self.x[dot] - (sx[which] + w[which] / 2)) < w[which] / 2 + r)
                & (np.abs(self.y[dot] - (sy[which] + h / 2)) < h / 2 + r) & (self.actor[dot] != actor[which]))
        covered[which[near]] = True
        return covered


class _Taken:
    """The names placed so far, filed by grid cell, to ask whether a new one would overlap any."""

    def __init__(self) -> None:
        self._cells: dict[tuple[int, int], list[Rect]] = {}

    @staticmethod
    def _span(x: float, y: float, w: float, h: float) -> tuple[range, range]:
        # The padded extent (PAD on the right, as names keep a little air between them).
        return (range(math.floor(x / NAME_CELL), math.floor((x + w + PAD) / NAME_CELL) + 1),
                range(math.floor(y / NAME_CELL), math.floor((y + h) / NAME_CELL) + 1))

    def add(self, rect: Rect) -> None:
        cols, rows = self._span(*rect)
        for c in cols:
            for r in rows:
                self._cells.setdefault((c, r), []).append(rect)

    def overlaps(self, sx: float, sy: float, w: float, h: float) -> bool:
        cols, rows = self._span(sx, sy, w, h)
        cells = self._cells
        for c in cols:
            for r in rows:
                for bx, by, bw, bh in cells.get((c, r), ()):
                    if bx < sx + w + PAD and sx < bx + bw + PAD and by < sy + h and sy < by + bh:
                        return True
        return False


def obstacle_cover(sx: np.ndarray, sy: np.ndarray, w: np.ndarray, h: float, obstacles: list[Rect]) -> np.ndarray:
    """How much of the obstacles (caption, legend) each spot covers, in (padded) square pixels."""
    covered = np.zeros(sx.shape)
    for bx, by, bw, bh in obstacles:
        overlap_w = np.minimum(bx + bw + PAD, sx + w + PAD) - np.maximum(bx, sx)
        overlap_h = np.minimum(by + bh, sy + h) - np.maximum(by, sy)
        covered += np.clip(overlap_w, 0, None) * np.clip(overlap_h, 0, None)
    return covered


def place_labels(
    xy: np.ndarray, radius: np.ndarray, widths: np.ndarray, height: float, order: np.ndarray,
    always: int, obstacles: list[Rect], bounds: tuple[float, float],
    dots: np.ndarray | None = None, shown: np.ndarray | None = None,
) -> list[tuple[int, Rect, int]]:
    """Choose a rectangle for as many labels as fit, in ``order``; the first ``always`` are forced.

    Each name tries below, above, right and left of its dot, always touching it: a name moved away
    from its dot ends up beside another one and names the wrong actor. A spot is free when it overlaps
    no placed name, no obstacle (caption, legend) and no other dot (``dots``: (n, 3) x, y, r per
    actor; ``shown``: which of them are on screen; dots are checked on maps of up to 1,500 of them, a
    crowd covers nearly every spot). A forced name with no free spot takes the spot that covers least
    of the obstacles or covers a dot; names never overlap, and a spot whose anchor lies nearer another
    dot than its own is never taken, forced or not. Returns ``(actor, rect, side)``.
    """
    order = np.asarray(order, dtype=np.int64)
    if dots is None:
        dots = np.column_stack([xy, radius])
    check_dots = shown is None or int(np.count_nonzero(shown)) <= 1500
    shown = np.ones(len(dots), dtype=bool) if shown is None else shown
    if not len(order):
        return []
    width_px, height_px = bounds
    index = DotIndex(dots, shown, (0.0, 0.0, width_px, height_px))
    x, y = xy[order, 0].astype(np.float64), xy[order, 1].astype(np.float64)
    r, w = radius[order].astype(np.float64), widths[order].astype(np.float64)
    sx, sy, ax, ay = spots(x, y, r, w, height)
    wide = np.broadcast_to(w[:, None], sx.shape)
    fits = (sx >= 0) & (sy >= 0) & (sx + wide <= width_px) & (sy + height <= height_px)
    owned = np.zeros(sx.shape, dtype=bool)
    owned[fits] = index.owns_many(np.broadcast_to(order[:, None], sx.shape)[fits], ax[fits], ay[fits],
                                  np.broadcast_to(OWN_DISTANCE, sx.shape)[fits])
    covered = obstacle_cover(sx, sy, wide, height, obstacles)
    forced = np.arange(len(order)) < always
    # A spot outside the window or against another dot is never taken; one over the caption only by a
    # name that must show.
    usable = fits & owned & ((covered == 0) | forced[:, None])
    if check_dots:
        # Covering a dot is better than covering another name, worse than nothing.
        ask = usable & (covered == 0)
        covered[ask] = 1e-6 * index.covers_many(np.broadcast_to(order[:, None], sx.shape)[ask], sx[ask], sy[ask],
                                                wide[ask], height)
    taken = _Taken()
    result: list[tuple[int, Rect, int]] = []
    for k in np.flatnonzero(usable.any(axis=1)).tolist():
        i, wk = int(order[k]), float(w[k])
        chosen: tuple[int, float, float] | None = None
        least: tuple[float, tuple[int, float, float]] | None = None
        for side in np.flatnonzero(usable[k]).tolist():
            px, py = float(sx[k, side]), float(sy[k, side])
            if taken.overlaps(px, py, wk, height):
                continue  # names never overlap: one that must show may cover the caption or a dot instead
            cover = float(covered[k, side])
            if cover == 0:
                chosen = (side, px, py)
                break
            if k < always and (least is None or cover < least[0]):
                least = (cover, (side, px, py))
        if chosen is None and least is not None:
            chosen = least[1]
        if chosen is None:
            continue
        side, px, py = chosen
        rect = (px, py, wk, height)
        taken.add(rect)
        result.append((i, rect, side))
    return result
