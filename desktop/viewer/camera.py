"""Where the map looks: a camera that keeps the actors on the map in the part of the view left free.

The caption (top left) and the legend (bottom right) are drawn over the map; an actor under them is
lost. :func:`fit_range` finds the view range that shows a set of points, with room for their names,
inside the largest rectangle those boxes leave free. :class:`Follow` decides, date after date, whether
the camera needs to move at all (hysteresis): it moves when an actor would leave the free area or
when the cast has shrunk enough that the map would be mostly empty; otherwise it holds still, so a
growing cast does not make the map breathe on every frame. Moves are eased by the map widget with
the same curve and clock as the positions (:func:`between`), so one date change stays one frame.

Pure arithmetic, no Qt: ranges are ``(x0, x1, y0, y1)`` in map units (y grows upwards, as the view
box draws it); boxes on screen are ``(left, top, right, bottom)`` in pixels of the map widget.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

Range = tuple[float, float, float, float]
Box = tuple[float, float, float, float]

NAME_ROOM_X = 64.0  # pixels kept beside the outermost dots for their names
NAME_ROOM_Y = 26.0
EDGE = 14.0  # pixels between a dot's centre and the edge of the free area, below which the camera moves
ZOOM_IN = 0.8  # the camera closes in once the cast would fit in this share of the current range's width
SMALLEST_SHARE = 0.25  # never narrower than this share of the whole layout: two actors do not fill the screen
MARGIN = 12.0  # between the free area and the edges of the view or the boxes on it


@dataclass(frozen=True)
class Viewport:
    """The map widget's size in pixels and the boxes drawn over it (caption, legend)."""

    width: float
    height: float
    obstacles: tuple[Box, ...] = ()

    def free_boxes(self) -> tuple[Box, ...]:
        """Rectangles of the view that no box covers: below, beside and above the obstacles.

        Each candidate is bounded by the view and by the obstacles' edges; the camera picks the one
        in which the cast comes out largest.
        """
        return _free_boxes(self)


@lru_cache(maxsize=16)
def _free_boxes(view: Viewport) -> tuple[Box, ...]:
    """The maximal free rectangles of ``view`` (cached: the boxes change far less often than the date)."""
    w, h = view.width, view.height
    obstacles = view.obstacles
    xs = sorted({MARGIN, w - MARGIN, *(v for b in obstacles for v in (b[0] - MARGIN, b[2] + MARGIN))})
    ys = sorted({MARGIN, h - MARGIN, *(v for b in obstacles for v in (b[1] - MARGIN, b[3] + MARGIN))})
    xs = [x for x in xs if MARGIN <= x <= w - MARGIN]
    ys = [y for y in ys if MARGIN <= y <= h - MARGIN]
    found: list[Box] = []
    for i, left in enumerate(xs):
        for right in xs[i + 1:]:
            for j, top in enumerate(ys):
                for bottom in ys[j + 1:]:
                    box = (left, top, right, bottom)
                    if not any(_overlaps(box, ob) for ob in obstacles):
                        found.append(box)
    # Keep only the maximal ones: a box inside another free box is never a better fit.
    maximal = [b for b in found if not any(o != b and _inside(b, o) for o in found)]
    return tuple(maximal) or ((MARGIN, MARGIN, max(w - MARGIN, MARGIN + 1), max(h - MARGIN, MARGIN + 1)),)


@dataclass(frozen=True)
class Aim:
    """A view range and the free box of the view the cast was fitted into."""

    range: Range
    box: Box


def fit_range(points: np.ndarray, view: Viewport, *, smallest: float = 0.0) -> Aim:
    """The view range showing ``points`` as large as they fit, names included, in one free box.

    ``smallest``: the least span (map units) the fitted cast may have, so a pair of actors is framed
    at a sensible distance instead of filling the screen.
    """
    return fit_bounds(*bounds(points), view, smallest=smallest)


def fit_bounds(lo: np.ndarray, hi: np.ndarray, view: Viewport, *, smallest: float = 0.0) -> Aim:
    """:func:`fit_range` for points whose corners are ``lo`` and ``hi``."""
    centre = (lo + hi) / 2
    span = np.maximum(hi - lo, max(smallest, 1e-9))
    best: Aim | None = None
    best_scale = -1.0
    for box in view.free_boxes():
        room_w = max(box[2] - box[0] - 2 * NAME_ROOM_X, 8.0)
        room_h = max(box[3] - box[1] - 2 * NAME_ROOM_Y, 8.0)
        scale = min(room_w / float(span[0]), room_h / float(span[1]))  # pixels per map unit
        if scale > best_scale * 1.0001:
            best_scale = scale
            fx, fy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
            x0 = float(centre[0]) - fx / scale
            y1 = float(centre[1]) + fy / scale
            best = Aim((x0, x0 + view.width / scale, y1 - view.height / scale, y1), box)
    assert best is not None
    return best


def inside(aim: Aim, view: Viewport, points: np.ndarray, edge: float = EDGE) -> np.ndarray:
    """Which ``points`` the view range shows inside its free box, at least ``edge`` pixels from its sides."""
    x0, x1, _y0, y1 = aim.range
    scale = view.width / max(x1 - x0, 1e-12)
    px = (points[:, 0] - x0) * scale
    py = (y1 - points[:, 1]) * scale
    left, top, right, bottom = aim.box
    return (px >= left + edge) & (px <= right - edge) & (py >= top + edge) & (py <= bottom - edge)


def between(a: Range, b: Range, x: float) -> Range:
    """The range a share ``x`` of the way from ``a`` to ``b``.

    Each side moves in a straight line, as each dot does under the same ``x``: a dot inside both the
    range it starts in and the range it ends in stays inside every range between.
    """
    return (a[0] + (b[0] - a[0]) * x, a[1] + (b[1] - a[1]) * x,
            a[2] + (b[2] - a[2]) * x, a[3] + (b[3] - a[3]) * x)


def clamp_into(aim: Aim, view: Viewport, points: np.ndarray, edge: float = EDGE) -> np.ndarray:
    """``points`` moved the least way into ``aim``'s free box (where an actor entering the map starts
    when the camera is still on its way to it)."""
    x0, x1, _y0, y1 = aim.range
    scale = view.width / max(x1 - x0, 1e-12)
    left, top, right, bottom = aim.box
    lo_x, hi_x = x0 + (left + edge) / scale, x0 + (right - edge) / scale
    lo_y, hi_y = y1 - (bottom - edge) / scale, y1 - (top + edge) / scale
    out = points.copy()
    out[:, 0] = np.clip(out[:, 0], min(lo_x, hi_x), max(lo_x, hi_x))
    out[:, 1] = np.clip(out[:, 1], min(lo_y, hi_y), max(lo_y, hi_y))
    return out


class Follow:
    """The camera's decision, date after date: where it is heading, with hysteresis.

    It moves when an actor would be cut off or covered (closer than :data:`EDGE` to the free box's
    side) or when the cast would fit in :data:`ZOOM_IN` of the width (come closer); otherwise it
    keeps its aim, however the cast shifts inside the free area.
    """

    def __init__(self) -> None:
        self.aim: Aim | None = None
        self.view: Viewport | None = None

    def reset(self) -> None:
        self.aim = self.view = None

    def update(self, points: np.ndarray, view: Viewport, whole: np.ndarray | None = None) -> Aim | None:
        """The aim for ``points`` (the actors on the map) seen in ``view``; None when there are none.

        ``whole``: every actor's position, whose extent bounds how close the camera may come.
        """
        if not len(points):
            return self.aim
        smallest = 0.0
        if whole is not None and len(whole):
            w_lo, w_hi = bounds(whole)
            smallest = SMALLEST_SHARE * float(np.max(w_hi - w_lo))
        lo, hi = bounds(points)  # the cast's corners: the free box is a rectangle, so they decide
        fitted = fit_bounds(lo, hi, view, smallest=smallest)
        aim, seen = self.aim, self.view
        resized = seen is None or (seen.width, seen.height) != (view.width, view.height)
        # A caption that grows a line covers part of the box the cast was fitted into: fit again.
        covered = aim is not None and any(_overlaps(aim.box, ob) for ob in view.obstacles)
        if (aim is None or resized or covered or not bool(inside(aim, view, np.array([lo, hi])).all())
                or _width(fitted.range) < ZOOM_IN * _width(aim.range)):
            self.aim = fitted
        self.view = view
        return self.aim


def bounds(points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The lower-left and upper-right corners of ``points`` (n, 2).

    Column by column: numpy's ``min(axis=0)`` over a tall two-column array is some forty times slower,
    and this runs on every date of playback.
    """
    x, y = points[:, 0], points[:, 1]
    return np.array([x.min(), y.min()]), np.array([x.max(), y.max()])


def _width(r: Range) -> float:
    return r[1] - r[0]


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _inside(a: Box, b: Box) -> bool:
    return b[0] <= a[0] and b[1] <= a[1] and a[2] <= b[2] and a[3] <= b[3]
