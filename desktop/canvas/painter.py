"""Frame → pixels: the ties, the dots and the names of one keyframe, drawn into the map's scene.

The widget (:mod:`desktop.canvas.map_view`) owns the camera, the input and the easing between
keyframes; this module owns what one keyframe looks like. Names are placed from the positions being
painted in the same call, so a name never sits beside where its dot was a frame ago.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt

from desktop.canvas.label_placement import OWN_DISTANCE, DotIndex, place_labels, spots
from desktop.canvas.labels import LabelLayer, Placed
from desktop.canvas.map_items import EdgeLayer, NodeItem, edge_width
from desktop.core.model import Dataset
from desktop.core.palette import group_colours, hex_to_rgb
from desktop.viewer.easing import Keyframe
from desktop.viewer.focus import Emphasis

ALWAYS_LABELLED = 10
CULL_MARGIN = 0.25
CULL_ABOVE = 2000  # ties: fewer than this are drawn whole, more are culled to the view (plus a margin)
LOD_TIES = 2500  # above this many ties on screen, widths shrink towards hairlines
CROWDED = 1500  # dots on screen above which names are placed afresh only every LABEL_EVERY frames
LABEL_EVERY = 3
REUSE_FRAMES = 6  # other maps: moving frames that may keep the names placed last, moved with their dots,
REUSE_DRIFT_PX = 4.0  # as long as no named dot has drifted further than this from where it was named
DIM_ALPHA = 0.0
FALLBACK_COLOUR = "#8a8a8a"

Rect = tuple[float, float, float, float]


class MapPainter:
    """Draws keyframes into a view box: batched ties, one scatter of dots, placed names.

    ``screen_size()`` gives the widget's size in pixels and ``obstacles()`` the screen rectangles
    names must avoid (caption, legend, overview); both are asked at paint time.
    """

    def __init__(self, viewbox: pg.ViewBox, labels: LabelLayer, screen_size: Callable[[], tuple[float, float]],
                 obstacles: Callable[[], list[Rect]]) -> None:
        self.viewbox = viewbox
        self.labels = labels
        self._screen_size = screen_size
        self._obstacles = obstacles
        self.edges = EdgeLayer(viewbox)
        self.glow = pg.PlotCurveItem(pen=pg.mkPen(255, 190, 50, 105, width=7), antialias=False)
        self.glow.setZValue(-12)
        viewbox.addItem(self.glow)
        self.nodes = NodeItem()
        self.nodes.setZValue(10)
        viewbox.addItem(self.nodes)
        self.dataset: Dataset | None = None
        self._ids = np.zeros(0, dtype=object)
        self._brushes = np.zeros(0, dtype=object)
        self._faded_brushes = np.zeros(0, dtype=object)
        self._colour_code = np.zeros(0, dtype=np.int64)  # per actor: which of the shared brushes
        self._node_style = np.zeros(0, dtype=np.int64)  # per dot on screen: size, brush and pen, as one number
        self._pen = pg.mkPen(255, 255, 255, 230, width=1.2)
        self._faded_pen = pg.mkPen(255, 255, 255, 0)
        self._selected_pen = pg.mkPen("#111111", width=2.5)
        self._lit_pen = pg.mkPen("#e08a00", width=2.5)
        # A pinned actor wears a dashed dark ring: held where the user put it, not where the layout would.
        self._pinned_pen = pg.mkPen("#222222", width=2.2, style=Qt.PenStyle.DashLine)
        self.drawn = (np.zeros((0, 2)), np.zeros((0, 2)), np.zeros(0, dtype=np.int64))
        self.cull_rect: QRectF | None = None
        self._node_xy = np.zeros((0, 2))
        self._node_size = np.zeros(0)
        self._node_index = np.zeros(0, dtype=np.int64)
        self._importance = np.zeros(0)
        self._label_skip = 0  # frames left that only move the names placed last with their dots
        self._label_base: list[Placed] = []
        self._label_shown = np.zeros(0, dtype=np.int64)
        self._label_anchor = np.zeros((0, 2))  # screen positions of the named dots when they were named
        self._labels_pending = False
        self._labels_moving = False
        self._drift_allowed = np.inf
        self.selected: str | None = None
        self.emphasis = Emphasis()
        self.importance: np.ndarray | None = None  # per actor; None: sized by recent contact
        self.hovered: int | None = None
        self.pinned = np.zeros(0, dtype=np.int64)  # actor indices the user pinned by dragging

    def set_dataset(self, dataset: Dataset, *, own_colours: bool = False) -> dict[str, str]:
        """Brushes and names for a new dataset; returns the colour of each group (for the legend).

        ``own_colours``: each actor in the colour its file gives it (Gephi's viz:color, yEd's fill), where
        it gives one, instead of its group's.
        """
        self.dataset = dataset
        groups = [g.id for g in dataset.groups] + sorted(
            {a.group for a in dataset.actors if a.group} - {g.id for g in dataset.groups}
        )
        colours = group_colours(groups, {g.id: g.colour for g in dataset.groups})
        rgb = [hex_to_rgb((own_colours and str(a.extra.get("colour") or "")) or colours.get(a.group, FALLBACK_COLOUR))
               for a in dataset.actors]
        # One brush object per colour, shared: the scatter keys its symbol cache by brush identity.
        solid = {c: pg.mkBrush(*c) for c in set(rgb)}
        # Actors with no tie at the moment stay on the map, faded, so the cast does not jump around.
        faded = {c: pg.mkBrush(*c, 70) for c in set(rgb)}
        self._brushes = _objects([solid[c] for c in rgb])
        self._faded_brushes = _objects([faded[c] for c in rgb])
        codes = {c: k for k, c in enumerate(sorted(set(rgb)))}
        self._colour_code = np.array([codes[c] for c in rgb], dtype=np.int64)
        self._node_style = np.zeros(0, dtype=np.int64)
        self._ids = _objects([a.id for a in dataset.actors])
        self.labels.set_names([a.name for a in dataset.actors])
        self.clear()
        self.emphasis = Emphasis()
        self.importance = None
        self.hovered = None
        self.pinned = np.zeros(0, dtype=np.int64)
        return colours

    def clear(self) -> None:
        """Forget everything drawn for the previous dataset, in one step.

        Until the new dataset's first layout arrives (seconds on a big file) nothing may paint, hit-test
        or name with the old arrays: their actor indices run past the new, shorter ones.
        """
        self._label_skip = 0
        self._label_base = []
        self._label_shown = np.zeros(0, dtype=np.int64)
        self.labels.set_placed([], QRectF())
        self.edges.set_edges(np.zeros((0, 2)), np.zeros((0, 2)), np.zeros(0), np.zeros(0))
        self.glow.setVisible(False)
        self.nodes.setData(pos=np.zeros((0, 2)))
        self.drawn = (np.zeros((0, 2)), np.zeros((0, 2)), np.zeros(0, dtype=np.int64))
        self.cull_rect = None
        self._node_xy, self._node_size = np.zeros((0, 2)), np.zeros(0)
        self._node_index = np.zeros(0, dtype=np.int64)
        self._node_style = np.zeros(0, dtype=np.int64)
        self._importance = np.zeros(0)

    @property
    def actor_count(self) -> int:
        return len(self._ids)

    def refresh_names(self) -> None:
        """The next paint places every name afresh (a new selection, emphasis or sizing is named at once)."""
        self._label_skip = 0

    # -- one keyframe ----------------------------------------------------------------------------

    def draw(self, frame: Keyframe) -> None:
        """Ties, glow, dots and names of ``frame``, in one pass."""
        pos = frame.positions
        emphasis = self.emphasis
        live = frame.intensity > 1e-3
        start, end = pos[frame.source[live]], pos[frame.target[live]]
        pair = frame.pair[live]
        tension, intensity = frame.tension[live], frame.intensity[live]
        # Cull what lies wholly outside the view (plus a margin, so a small pan needs no redraw).
        view = self.viewbox.viewRect()
        mx, my = view.width() * CULL_MARGIN, view.height() * CULL_MARGIN
        x0, x1, y0, y1 = view.left() - mx, view.right() + mx, view.top() - my, view.bottom() + my
        self.cull_rect = QRectF(x0, y0, x1 - x0, y1 - y0)
        if len(start) > CULL_ABOVE:
            inside = ~(((start[:, 0] < x0) & (end[:, 0] < x0)) | ((start[:, 0] > x1) & (end[:, 0] > x1))
                       | ((start[:, 1] < y0) & (end[:, 1] < y0)) | ((start[:, 1] > y1) & (end[:, 1] > y1)))
            start, end, pair, tension, intensity = (a[inside] for a in (start, end, pair, tension, intensity))
        alpha = None
        if emphasis.focus is not None:
            alpha = np.where(np.isin(pair, emphasis.focus_pairs), 1.0, DIM_ALPHA)
        width = edge_width(intensity)
        if len(start) > LOD_TIES:
            # Level of detail: a hairball of thousands of ties reads by colour, not width, and wide
            # lines cost the raster painter several times a hairline; thin them as the count grows.
            width = np.maximum(width * np.sqrt(LOD_TIES / len(start)) * 0.6, 1.0)
        self.edges.set_edges(start, end, tension, width, alpha)
        self.drawn = (start, end, pair)
        if len(emphasis.lit_pairs):
            glow = np.isin(pair, emphasis.lit_pairs)
            xs = np.empty(2 * int(glow.sum()))
            ys = np.empty_like(xs)
            xs[0::2], xs[1::2] = start[glow, 0], end[glow, 0]
            ys[0::2], ys[1::2] = start[glow, 1], end[glow, 1]
            self.glow.setData(xs, ys, connect="pairs")
            self.glow.setVisible(True)
        else:
            self.glow.setVisible(False)
        self._draw_nodes(frame)

    def _draw_nodes(self, frame: Keyframe) -> None:
        pos = frame.positions
        n = len(pos)
        shown = np.flatnonzero(frame.visible)
        strength = np.bincount(
            np.concatenate([frame.source, frame.target]),
            np.concatenate([frame.intensity, frame.intensity]),
            minlength=n,
        )
        importance = strength if self.importance is None or len(self.importance) != n else self.importance
        active = strength[shown] > 1e-3
        top = importance[shown].max() if len(shown) else 1.0
        sizes = np.where(active, 9 + 13 * np.sqrt(np.clip(importance[shown], 0, None) / max(top, 1e-9)), 6.0)
        # Whole pixels: the scatter caches one rendered symbol per (size, pen, brush), so continuous
        # sizes would render a new symbol for nearly every dot on every frame.
        sizes = np.rint(sizes)
        bright = active.copy()
        emphasis = self.emphasis
        if emphasis.focus is not None and len(emphasis.focus) == n:
            bright &= emphasis.focus[shown]
        brushes = np.where(bright, self._brushes[shown], self._faded_brushes[shown]) if len(shown) else []
        pens = np.full(len(shown), self._faded_pen, dtype=object)
        pens[active] = self._pen
        pen_code = active.astype(np.int64)
        if len(emphasis.lit):
            lit = np.isin(shown, emphasis.lit) & active
            pens[lit], pen_code[lit] = self._lit_pen, 2
        selected = self.dataset.actor_index.get(self.selected) if self.dataset and self.selected else None
        if len(self.pinned):
            held = np.isin(shown, self.pinned)
            pens[held], pen_code[held] = self._pinned_pen, 4
        if selected is not None:
            pens[shown == selected], pen_code[shown == selected] = self._selected_pen, 3
        colour = self._colour_code[shown] if len(self._colour_code) == n else np.zeros(len(shown), np.int64)
        style = ((colour * 2 + bright) * 8 + pen_code) * 1024 + np.clip(sizes, 0, 1023).astype(np.int64)
        self._set_nodes(shown, pos[shown], sizes, brushes, pens, n, style)
        self._node_xy, self._node_size, self._node_index = pos[shown], sizes, shown
        self._importance = np.where(strength > 1e-3, importance + 1e-6, 0.0)
        self.place_labels(moving=True)

    def _set_nodes(self, shown: np.ndarray, xy: np.ndarray, sizes: np.ndarray, brushes: np.ndarray,
                   pens: np.ndarray, n: int, style: np.ndarray) -> None:
        """Update the scatter in place when the same actors are shown, else rebuild it.

        ``ScatterPlotItem.setData`` walks every pen and brush in Python and re-keys every symbol;
        writing the arrays directly and invalidating only the rows whose style changed is what lets
        thousands of actors move every frame. ``style`` codes size, brush and pen as one integer per dot,
        so finding the restyled ones compares numbers, not Qt objects.
        """
        data = self.nodes.data
        if (len(shown) != len(data) or not np.array_equal(shown, self._node_index) or not len(shown)
                or len(self._node_style) != len(style)):
            self.nodes.setData(pos=xy, size=sizes, brush=list(brushes), pen=list(pens),
                               data=self._ids[shown] if len(self._ids) == n else shown.astype(str))
            self._node_style = style
            return
        brushes = np.asarray(brushes, dtype=object)
        restyled = style != self._node_style
        self._node_style = style
        self.nodes.prepareGeometryChange()
        data["x"], data["y"] = xy[:, 0], xy[:, 1]
        if restyled.any():
            data["size"][restyled] = sizes[restyled]
            data["brush"][restyled] = brushes[restyled]
            data["pen"][restyled] = pens[restyled]
            data["sourceRect"][restyled] = 0
        self.nodes.bounds = [None, None]
        self.nodes.updateSpots()
        self.nodes.invalidate()

    # -- names -----------------------------------------------------------------------------------

    def _to_screen(self, xy: np.ndarray) -> np.ndarray:
        view, box = self.viewbox.viewRect(), self.viewbox.sceneBoundingRect()
        sx = box.left() + (xy[:, 0] - view.left()) * box.width() / max(view.width(), 1e-12)
        sy = box.top() + (view.bottom() - xy[:, 1]) * box.height() / max(view.height(), 1e-12)
        return np.column_stack([sx, sy])

    def place_labels(self, moving: bool = False) -> None:
        """Ask for the names to be placed before the next paint: once per painted frame, from the
        positions painted, however many changes (ties, dots, easing ticks, the view) led to it."""
        self._labels_moving = moving and (self._labels_moving if self._labels_pending else True)
        self._labels_pending = True
        width, height = self._screen_size()
        self.labels.request(self._place_labels_now, QRectF(0, 0, width, height))

    def _place_labels_now(self) -> None:
        """Place the names at the dots last painted; a frame that only moves the dots may move the names
        placed a frame or a few ago with their dots instead (placement is a good part of the frame)."""
        moving, self._labels_pending = self._labels_moving, False
        if self.dataset is None or not len(self._node_index) or not len(self.labels.widths):
            self.labels.set_placed([])
            self._label_skip = 0
            return
        if (moving and self._label_skip > 0 and np.array_equal(self._label_shown, self._node_index)
                and self._label_drift() < self._drift_allowed):
            self._label_skip -= 1
            self._move_labels()
            return
        n = len(self.dataset.actors)
        screen = np.zeros((n, 2))
        radius = np.zeros(n)
        screen[self._node_index] = self._to_screen(self._node_xy)
        radius[self._node_index] = self._node_size / 2
        width, height = self._screen_size()
        on_screen = self._node_index[(screen[self._node_index, 0] >= 0) & (screen[self._node_index, 0] <= width)
                                     & (screen[self._node_index, 1] >= 0) & (screen[self._node_index, 1] <= height)]
        score = self._importance[on_screen]
        ranked = on_screen[np.argsort(-score, kind="stable")]  # most important first
        ranked = ranked[self._importance[ranked] > 0]
        forced: list[int] = []
        focus = self.emphasis.focus
        visible = np.zeros(n, dtype=bool)
        visible[on_screen] = True
        for extra in (self.selected and self.dataset.actor_index.get(self.selected), self.hovered):
            if extra is not None and 0 <= extra < n and visible[extra]:
                forced.append(int(extra))
        if focus is not None and len(focus) == n:
            forced += ranked[focus[ranked]].tolist()
            faded = ~focus
        else:
            forced += ranked[:ALWAYS_LABELLED].tolist()
            faded = np.zeros(n, dtype=bool)
        forced = list(dict.fromkeys(forced))
        # Crowded maps: fewer candidates (a name squeezed among thousands of dots rarely fits anyway).
        budget = 300 if len(on_screen) <= 1500 else 100
        chosen = set(forced)
        rest = [i for i in ranked[:budget].tolist() if i not in chosen]
        order = np.array(forced + rest, dtype=np.int64)
        dots = np.full((n, 3), -1e9)
        dots[on_screen, :2] = screen[on_screen]
        dots[on_screen, 2] = radius[on_screen]
        shown = np.zeros(n, dtype=bool)
        shown[on_screen] = True
        placed = place_labels(screen, radius, self.labels.widths, self.labels.line_height, order,
                              len(forced), self._obstacles(), (width, height), dots, shown)
        strong = set(forced)
        result = [Placed(i, rect, i in strong, bool(faded[i]), side) for i, rect, side in placed]
        self.labels.set_placed(result, QRectF(0, 0, width, height))
        # Frames that only move the dots keep these names (moved with their dots) for a while: every
        # LABEL_EVERY frames on a crowded map, else until a named dot drifts REUSE_DRIFT_PX from where
        # it was named (a few frames of easing), so playback does not place every name on every frame.
        crowded = len(on_screen) > CROWDED
        self._label_skip = LABEL_EVERY - 1 if crowded else REUSE_FRAMES
        self._drift_allowed = np.inf if crowded else REUSE_DRIFT_PX
        self._label_base = result
        self._label_shown = self._node_index.copy()
        self._label_anchor = screen[[p.actor for p in result]].reshape(-1, 2)

    def _label_drift(self) -> float:
        """How far (screen pixels) the named dots have moved since they were named."""
        base = self._label_base
        if not base:
            return 0.0
        rows = np.searchsorted(self._node_index, [p.actor for p in base])
        now = self._to_screen(self._node_xy[rows].reshape(-1, 2))
        return float(np.abs(now - self._label_anchor).max()) if len(now) == len(self._label_anchor) else np.inf

    def _move_labels(self) -> None:
        """Keep the names placed last against their dots, which have moved (and may have grown) since.

        Each name keeps its side of its dot; one whose anchor now lies nearer another dot is dropped
        until the next full placement, so a name never sits beside the wrong actor.
        """
        base = self._label_base
        actors = np.array([p.actor for p in base], dtype=np.int64)
        rows = np.searchsorted(self._node_index, actors)
        xy = self._to_screen(self._node_xy[rows].reshape(-1, 2))
        radius = self._node_size[rows] / 2
        side = np.array([p.side for p in base], dtype=np.int64)
        wide = np.array([p.rect[2] for p in base])
        tall = base[0].rect[3] if base else 0.0
        sx, sy, ax, ay = spots(xy[:, 0], xy[:, 1], radius, wide, tall)
        pick = np.arange(len(base)), side
        width, height = self._screen_size()
        dots = np.full((len(self.dataset.actors) if self.dataset else 0, 3), -1e9)
        dots[self._node_index] = np.column_stack([self._to_screen(self._node_xy), self._node_size / 2])
        shown = np.zeros(len(dots), dtype=bool)
        shown[self._node_index] = True
        index = DotIndex(dots, shown, (0.0, 0.0, width, height))
        # A pixel of margin over a fresh placement: a kept name gives way to a dot closing in a little
        # early rather than a little late.
        owned = index.owns_many(actors, ax[pick], ay[pick], OWN_DISTANCE[side] + 1.0)
        moved = [Placed(p.actor, (x, y, p.rect[2], p.rect[3]), p.strong, p.faded, p.side)
                 for p, x, y, keep in zip(base, sx[pick].tolist(), sy[pick].tolist(), owned.tolist(), strict=True)
                 if keep]
        self.labels.set_placed(moved, QRectF(0, 0, width, height))


def _objects(items: list[object]) -> np.ndarray:
    """A 1-d object array (numpy would try to unpack sequences such as QBrush otherwise)."""
    array = np.empty(len(items), dtype=object)
    array[:] = items
    return array
