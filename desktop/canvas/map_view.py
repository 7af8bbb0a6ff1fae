"""The map: one widget that draws a snapshot at given positions, shared by the window and exports.

It eases between successive frames (positions, edge colours and widths) so that scrubbing looks like
film rather than slides; exporters call :meth:`MapView.show_frame` with ``animate=False`` and grab.
Ties are batched curves, so hovering and clicking them is answered geometrically
(:mod:`desktop.canvas.hit_test`); names are placed by :mod:`desktop.canvas.labels` in screen pixels.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QCursor
from PySide6.QtWidgets import QToolTip

from desktop.canvas import edge_raster
from desktop.canvas.hit_test import nearest_segment
from desktop.canvas.labels import GAP, SIDE_GAP, DotIndex, LabelLayer, Placed, anchor, place_labels, spot
from desktop.canvas.map_items import EdgeLayer, NodeItem, edge_width
from desktop.canvas.overlays import CaptionOverlay, LegendEntry, LegendOverlay
from desktop.canvas.overview import OverviewOverlay
from desktop.core.model import Dataset
from desktop.core.palette import group_colours, hex_to_rgb
from desktop.core.timeline import Snapshot
from desktop.viewer.easing import Emphasis, Frame, blend, drop_faded, ease, union
from desktop.viewer.frame import CaptionText

TWEEN_SECONDS = 0.35
ALWAYS_LABELLED = 10
HIT_TOLERANCE_PX = 5.0
CULL_MARGIN = 0.25
LOD_TIES = 2500  # above this many ties on screen, widths shrink towards hairlines
CROWDED = 1500  # dots on screen above which names are placed afresh only every LABEL_EVERY frames
LABEL_EVERY = 3
DIM_ALPHA = 0.0
BACKGROUND = QColor(250, 250, 248)


class MapView(pg.GraphicsView):
    """A pan-and-zoom map of actors and ties with a caption, a legend, names and an overview."""

    actor_clicked = Signal(str)
    background_clicked = Signal()
    actor_moved = Signal(str, float, float)
    tie_clicked = Signal(int)  # a pair id of the timeline
    actor_menu_requested = Signal(str, QPoint)  # actor id, global position

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent, background=BACKGROUND)
        self.setAntialiasing(False)
        self.viewbox = pg.ViewBox(lockAspect=True, enableMenu=False)
        self.viewbox.setMouseEnabled(x=True, y=True)
        self.setCentralItem(self.viewbox)
        self.edges = EdgeLayer(self.viewbox)
        edge_raster.start_warm_up()  # until the kernel is loaded, ties are drawn as curves
        self.glow = pg.PlotCurveItem(pen=pg.mkPen(255, 190, 50, 105, width=7), antialias=False)
        self.glow.setZValue(-12)
        self.viewbox.addItem(self.glow)
        self.nodes = NodeItem()
        self.nodes.setZValue(10)
        self.viewbox.addItem(self.nodes)
        self.nodes.sigClicked.connect(self._on_nodes_clicked)
        self.nodes.node_dragged.connect(self._on_node_dragged)
        self.nodes.node_drag_finished.connect(self.actor_moved)
        self.caption = CaptionOverlay()
        self.legend = LegendOverlay()
        self.labels = LabelLayer()
        self.overview = OverviewOverlay()
        for item in (self.labels, self.caption, self.legend, self.overview):
            self.scene().addItem(item)
        self.overview.recentre_requested.connect(self._recentre)
        self.scene().sigMouseClicked.connect(self._on_scene_clicked)
        self.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.viewbox.sigRangeChanged.connect(self._on_view_changed)
        self._dataset: Dataset | None = None
        self._ids = np.zeros(0, dtype=object)
        self._brushes = np.zeros(0, dtype=object)
        self._faded_brushes = np.zeros(0, dtype=object)
        self._colour_code = np.zeros(0, dtype=np.int64)  # per actor: which of the shared brushes
        self._node_style = np.zeros(0, dtype=np.int64)  # per dot on screen: size, brush and pen, as one number
        self._pen = pg.mkPen(255, 255, 255, 230, width=1.2)
        self._faded_pen = pg.mkPen(255, 255, 255, 0)
        self._selected_pen = pg.mkPen("#111111", width=2.5)
        self._lit_pen = pg.mkPen("#e08a00", width=2.5)
        self._shown: Frame | None = None
        self._from: Frame | None = None
        self._to: Frame | None = None
        self._tween_start = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(16)
        self._timer.timeout.connect(self._on_tick)
        self._drawn = (np.zeros((0, 2)), np.zeros((0, 2)), np.zeros(0, dtype=np.int64))
        self._cull_rect: QRectF | None = None
        self._node_xy = np.zeros((0, 2))
        self._node_size = np.zeros(0)
        self._node_index = np.zeros(0, dtype=np.int64)
        self._importance = np.zeros(0)
        self._label_skip = 0  # frames left that only move the names placed last with their dots
        self._label_base: list[Placed] = []
        self._label_shown = np.zeros(0, dtype=np.int64)
        self.selected: str | None = None
        self.emphasis = Emphasis()
        self.importance: np.ndarray | None = None  # per actor; None: sized by recent contact
        self.tie_tooltip: Callable[[int], str] | None = None
        self.hovered: int | None = None
        self.hover_text = ""

    # -- content ---------------------------------------------------------------------------------

    def set_dataset(self, dataset: Dataset, rule_text: str, *, own_colours: bool = False) -> None:
        """Colours, names and legend for a new dataset; the next frame is drawn without easing.

        ``own_colours``: each actor in the colour its file gives it (Gephi's viz:color, yEd's fill), where
        it gives one, instead of its group's.
        """
        self._dataset = dataset
        groups = [g.id for g in dataset.groups] + sorted(
            {a.group for a in dataset.actors if a.group} - {g.id for g in dataset.groups}
        )
        colours = group_colours(groups, {g.id: g.colour for g in dataset.groups})
        fallback = "#8a8a8a"
        rgb = [hex_to_rgb((own_colours and str(a.extra.get("colour") or "")) or colours.get(a.group, fallback))
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
        labels = {g.id: g.label for g in dataset.groups}
        used = {a.group for a in dataset.actors}
        entries = tuple(LegendEntry(labels.get(g, g), colours[g]) for g in groups if g in used)
        if any(not a.group for a in dataset.actors):
            entries += (LegendEntry("Other", fallback),)
        self.legend.set_content(entries, rule_text)
        self._shown = self._from = self._to = None
        self._label_skip = 0
        self.emphasis = Emphasis()
        self.importance = None
        self.hovered = None
        self._timer.stop()
        self._place_overlays()

    def set_caption(self, caption: CaptionText) -> None:
        self.caption.set_text(caption)
        self._place_overlays()

    def set_rule_text(self, rule_text: str) -> None:
        self.legend.set_content(self.legend._groups, rule_text)
        self._place_overlays()

    def set_emphasis(self, emphasis: Emphasis) -> None:
        self.emphasis = emphasis
        self._redraw()

    def set_importance(self, importance: np.ndarray | None) -> None:
        """Size nodes (and rank names) by ``importance`` per actor, or by recent contact if None."""
        self.importance = importance
        self._redraw()

    def show_frame(self, snapshot: Snapshot, positions: np.ndarray, *, animate: bool = True) -> None:
        """Draw ``snapshot`` at ``positions``, easing from what is on screen when ``animate``."""
        target = Frame(
            positions=np.asarray(positions, dtype=np.float64),
            pair=snapshot.pair,
            source=snapshot.source,
            target=snapshot.target,
            tension=snapshot.tension,
            intensity=snapshot.intensity,
            visible=snapshot.actor_visible.copy(),
        )
        if not animate or self._shown is None or len(self._shown.positions) != len(target.positions):
            self._timer.stop()
            self._shown = self._to = target
            self._draw(target)
            return
        self._from, self._to = union(self._shown, target)
        self._tween_start = time.monotonic()
        if not self._timer.isActive():
            self._timer.start()
        self._on_tick()

    def update_ties(self, snapshot: Snapshot) -> None:
        """New tie values at the same positions (a playback frame before its layout arrives)."""
        base = self._to.positions if self._to is not None else None
        if base is None:
            return
        self.show_frame(snapshot, base, animate=True)

    def zoom_to_fit(self, *, points: np.ndarray | None = None) -> None:
        """Fit the visible actors (or ``points``) into the part of the view the caption and legend leave free.

        An animation export passes every position of every frame, so the camera holds still.
        """
        if points is None:
            frame = self._to or self._shown
            if frame is None:
                return
            points = frame.positions[frame.visible] if frame.visible.any() else frame.positions
        if not len(points):
            return
        width, height = max(self.width(), 50), max(self.height(), 50)
        caption, legend = self.caption.boundingRect(), self.legend.boundingRect()
        left, right = 40.0, 40.0
        top, bottom = caption.height() + 40.0, 40.0
        if width - legend.width() > 0.55 * width:
            right = legend.width() + 40.0  # wide view: keep the legend's column free
        else:
            bottom = legend.height() + 40.0
        free_w, free_h = max(width - left - right, 20.0), max(height - top - bottom, 20.0)
        lo, hi = points.min(axis=0), points.max(axis=0)
        span = np.maximum(hi - lo, 1e-6)
        scale = min(free_w / span[0], free_h / span[1])
        centre = (lo + hi) / 2
        fx, fy = left + free_w / 2, top + free_h / 2
        self.viewbox.setRange(
            xRange=(centre[0] - fx / scale, centre[0] + (width - fx) / scale),
            yRange=(centre[1] - (height - fy) / scale, centre[1] + fy / scale),
            padding=0,
        )

    def select(self, actor_id: str | None) -> None:
        self.selected = actor_id
        self._redraw()

    def displayed_positions(self) -> np.ndarray | None:
        return None if self._shown is None else self._shown.positions.copy()

    def has_frame(self) -> bool:
        """Whether anything is drawn yet (cheaper than asking for a copy of the positions)."""
        return self._shown is not None

    def is_animating(self) -> bool:
        return self._timer.isActive()

    def drawn_ties(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Start and end points (view coordinates) and pair ids of the ties on screen."""
        return self._drawn

    # -- hit testing -----------------------------------------------------------------------------

    def edge_at(self, point: QPointF | tuple[float, float], tolerance_px: float = HIT_TOLERANCE_PX) -> int | None:
        """The pair id of the tie nearest ``point`` (view coordinates) within a few pixels, or None."""
        x, y = (point.x(), point.y()) if isinstance(point, QPointF) else point
        pixel = self.viewbox.viewPixelSize()
        start, end, pair = self._drawn
        k = nearest_segment((x, y), start, end, tolerance_px * max(pixel[0], pixel[1], 1e-12))
        return None if k is None else int(pair[k])

    def actor_at(self, scene_pos: QPointF) -> str | None:
        hits = self.nodes.pointsAt(self.viewbox.mapSceneToView(scene_pos))
        return str(hits[0].data()) if len(hits) else None

    # -- drawing ---------------------------------------------------------------------------------

    def _redraw(self) -> None:
        self._label_skip = 0  # a new selection, emphasis or sizing is named at once
        if self._shown is not None:
            self._draw(self._shown)

    def _on_tick(self) -> None:
        if self._from is None or self._to is None:
            self._timer.stop()
            return
        x = ease((time.monotonic() - self._tween_start) / TWEEN_SECONDS)
        frame = blend(self._from, self._to, x)
        self._shown = frame
        self._draw(frame)
        if x >= 1.0:
            self._timer.stop()
            self._shown = drop_faded(self._to)
            self._from = None

    def _view_rect(self) -> QRectF:
        return self.viewbox.viewRect()

    def _draw(self, frame: Frame) -> None:
        pos = frame.positions
        emphasis = self.emphasis
        live = frame.intensity > 1e-3
        start, end = pos[frame.source[live]], pos[frame.target[live]]
        pair = frame.pair[live]
        tension, intensity = frame.tension[live], frame.intensity[live]
        # Cull what lies wholly outside the view (plus a margin, so a small pan needs no redraw).
        view = self._view_rect()
        mx, my = view.width() * CULL_MARGIN, view.height() * CULL_MARGIN
        x0, x1, y0, y1 = view.left() - mx, view.right() + mx, view.top() - my, view.bottom() + my
        self._cull_rect = QRectF(x0, y0, x1 - x0, y1 - y0)
        if len(start) > 2000:
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
        self._drawn = (start, end, pair)
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

    def _draw_nodes(self, frame: Frame) -> None:
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
        selected = self._dataset.actor_index.get(self.selected) if self._dataset and self.selected else None
        if selected is not None:
            pens[shown == selected], pen_code[shown == selected] = self._selected_pen, 3
        colour = self._colour_code[shown] if len(self._colour_code) == n else np.zeros(len(shown), np.int64)
        style = ((colour * 2 + bright) * 4 + pen_code) * 1024 + np.clip(sizes, 0, 1023).astype(np.int64)
        self._set_nodes(shown, pos[shown], sizes, brushes, pens, n, style)
        self._node_xy, self._node_size, self._node_index = pos[shown], sizes, shown
        self._importance = np.where(strength > 1e-3, importance + 1e-6, 0.0)
        self._place_labels(moving=True)

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

    def _to_screen(self, xy: np.ndarray) -> np.ndarray:
        view, box = self._view_rect(), self.viewbox.sceneBoundingRect()
        sx = box.left() + (xy[:, 0] - view.left()) * box.width() / max(view.width(), 1e-12)
        sy = box.top() + (view.bottom() - xy[:, 1]) * box.height() / max(view.height(), 1e-12)
        return np.column_stack([sx, sy])

    def _place_labels(self, moving: bool = False) -> None:
        """Place the names; on a crowded map a frame that only moves the dots may move the names
        placed a frame or two ago with their dots instead (placement is a good part of the frame)."""
        if self._dataset is None or not len(self._node_index) or not len(self.labels.widths):
            self.labels.set_placed([], QRectF())
            self._label_skip = 0
            return
        if moving and self._label_skip > 0 and np.array_equal(self._label_shown, self._node_index):
            self._label_skip -= 1
            self._move_labels()
            return
        n = len(self._dataset.actors)
        screen = np.zeros((n, 2))
        radius = np.zeros(n)
        screen[self._node_index] = self._to_screen(self._node_xy)
        radius[self._node_index] = self._node_size / 2
        width, height = float(self.width()), float(self.height())
        on_screen = self._node_index[(screen[self._node_index, 0] >= 0) & (screen[self._node_index, 0] <= width)
                                     & (screen[self._node_index, 1] >= 0) & (screen[self._node_index, 1] <= height)]
        score = self._importance[on_screen].copy()
        forced: list[int] = []
        focus = self.emphasis.focus
        for extra in (self.selected and self._dataset.actor_index.get(self.selected), self.hovered):
            if extra is not None and extra in set(on_screen.tolist()):
                forced.append(int(extra))
        if focus is not None and len(focus) == n:
            forced += [int(i) for i in on_screen[np.argsort(-score)] if focus[i] and score[on_screen == i][0] > 0]
            faded = ~focus
        else:
            forced += [int(i) for i in on_screen[np.argsort(-score)][:ALWAYS_LABELLED] if self._importance[i] > 0]
            faded = np.zeros(n, dtype=bool)
        forced = list(dict.fromkeys(forced))
        # Crowded maps: fewer candidates (a name squeezed among thousands of dots rarely fits anyway).
        budget = 300 if len(on_screen) <= 1500 else 100
        rest = [int(i) for i in on_screen[np.argsort(-score)][:budget] if self._importance[i] > 0 and i not in forced]
        order = np.array(forced + rest, dtype=np.int64)
        obstacles = [self._scene_rect(item) for item in (self.caption, self.legend, self.overview)
                     if item.isVisible() and not item.boundingRect().isEmpty()]
        dots = np.full((n, 3), -1e9)
        dots[on_screen, :2] = screen[on_screen]
        dots[on_screen, 2] = radius[on_screen]
        shown = np.zeros(n, dtype=bool)
        shown[on_screen] = True
        placed = place_labels(screen, radius, self.labels.widths, self.labels.line_height, order,
                              len(forced), obstacles, (width, height), dots, shown)
        strong = set(forced)
        result = [Placed(i, rect, i in strong, bool(faded[i]), side) for i, rect, side in placed]
        self.labels.set_placed(result, QRectF(0, 0, width, height))
        self._label_skip = LABEL_EVERY - 1 if len(on_screen) > CROWDED else 0
        if self._label_skip:
            self._label_base = result
            self._label_shown = self._node_index.copy()

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
        everyone = np.column_stack([self._to_screen(self._node_xy), self._node_size / 2])
        dots = np.full((len(self._dataset.actors) if self._dataset else 0, 3), -1e9)
        dots[self._node_index] = everyone
        shown = np.zeros(len(dots), dtype=bool)
        shown[self._node_index] = True
        index = DotIndex(dots, shown)
        moved = []
        for p, (x, y), r in zip(base, xy.tolist(), radius.tolist(), strict=True):
            w, h = p.rect[2], p.rect[3]
            ax, ay = anchor(p.side, x, y, r)
            if index.owns(p.actor, ax, ay, GAP if p.side < 2 else SIDE_GAP):
                sx, sy = spot(p.side, x, y, r, w, h)
                moved.append(Placed(p.actor, (sx, sy, w, h), p.strong, p.faded, p.side))
        self.labels.set_placed(moved, QRectF(0, 0, float(self.width()), float(self.height())))

    @staticmethod
    def _scene_rect(item: pg.GraphicsObject) -> tuple[float, float, float, float]:
        r = item.sceneBoundingRect()
        return (r.left(), r.top(), r.width(), r.height())

    # -- events ----------------------------------------------------------------------------------

    def resizeEvent(self, ev: object) -> None:
        super().resizeEvent(ev)
        self._place_overlays()

    def _place_overlays(self) -> None:
        if not hasattr(self, "overview"):  # GraphicsView resizes itself while it is being built
            return
        margin = 12.0
        size = self.size()
        self.caption.setPos(margin, margin)
        legend = self.legend.boundingRect()
        self.legend.setPos(size.width() - legend.width() - margin, size.height() - legend.height() - margin)
        self.overview.setPos(margin, size.height() - self.overview.boundingRect().height() - margin)
        self._on_view_changed()

    def _on_view_changed(self, *_: object) -> None:
        frame = self._shown
        if frame is None:
            return
        view = self._view_rect()
        if self._cull_rect is not None and len(frame.pair) > 2000 and not self._cull_rect.contains(view):
            self._draw(frame)
            return
        points = frame.positions[frame.visible]
        if len(points):
            lo, hi = points.min(axis=0), points.max(axis=0)
            whole = QRectF(QPointF(lo[0], lo[1]), QPointF(hi[0], hi[1]))
            zoomed = not view.contains(whole.adjusted(*(np.array([1, 1, -1, -1]) * 0.05 * whole.width())))
            self.overview.setVisible(bool(zoomed))
            if zoomed:
                self.overview.set_content(points, view)
        self._place_labels()

    def _recentre(self, x: float, y: float) -> None:
        view = self._view_rect()
        self.viewbox.setRange(xRange=(x - view.width() / 2, x + view.width() / 2),
                              yRange=(y - view.height() / 2, y + view.height() / 2), padding=0)

    def _on_nodes_clicked(self, _item: object, points: object, _ev: object = None) -> None:
        spots = list(points)  # type: ignore[call-overload]
        if spots:
            self.actor_clicked.emit(str(spots[0].data()))

    def _on_scene_clicked(self, ev: object) -> None:
        scene_pos = ev.scenePos()  # type: ignore[attr-defined]
        actor = self.actor_at(scene_pos)
        if ev.button() == Qt.MouseButton.RightButton:  # type: ignore[attr-defined]
            if actor is not None:
                self.actor_menu_requested.emit(actor, QCursor.pos())
            return
        if ev.isAccepted() or actor is not None:  # type: ignore[attr-defined]
            return
        pair = self.edge_at(self.viewbox.mapSceneToView(scene_pos))
        if pair is not None:
            self.tie_clicked.emit(pair)
        else:
            self.background_clicked.emit()

    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        if self._shown is None or self._dataset is None:
            return
        actor = self.actor_at(scene_pos)
        hovered = self._dataset.actor_index.get(actor) if actor is not None else None
        text = ""
        if actor is not None:
            item = self._dataset.actor(actor)
            text = item.name + (f" — {item.role}" if item.role else "")
        else:
            pair = self.edge_at(self.viewbox.mapSceneToView(scene_pos))
            if pair is not None and self.tie_tooltip is not None:
                text = self.tie_tooltip(pair)
        if hovered != self.hovered:
            self.hovered = hovered
            self._place_labels()
        if text != self.hover_text:
            self.hover_text = text
            if text:
                QToolTip.showText(QCursor.pos(), text, self)
            else:
                QToolTip.hideText()

    def _on_node_dragged(self, actor_id: str, x: float, y: float) -> None:
        if self._shown is None or self._dataset is None:
            return
        i = self._dataset.actor_index.get(actor_id)
        if i is None:
            return
        self._shown.positions[i] = (x, y)
        if self._to is not None:
            self._to.positions[i] = (x, y)
        self._draw(self._shown)


def _objects(items: list[object]) -> np.ndarray:
    """A 1-d object array (numpy would try to unpack sequences such as QBrush otherwise)."""
    array = np.empty(len(items), dtype=object)
    array[:] = items
    return array
