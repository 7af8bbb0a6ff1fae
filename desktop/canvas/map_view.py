"""The map widget: camera, input and easing around the painter, shared by the window and exports.

It eases between successive keyframes (positions, tie colours and widths) so that scrubbing looks like
film rather than slides; :meth:`MapView.show` takes one :class:`~desktop.viewer.frame.MapFrame` and its
positions and paints once. Exporters call it with ``animate=False`` and grab. What a keyframe looks
like is :mod:`desktop.canvas.painter`'s; ties are batched curves, so hovering and clicking them is
answered geometrically (:mod:`desktop.canvas.hit_test`).
"""

from __future__ import annotations

import html
import time
from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QCursor, QHelpEvent, QMouseEvent
from PySide6.QtWidgets import QToolTip

from desktop.canvas.camera import MapCamera
from desktop.canvas.hit_test import nearest_segment
from desktop.canvas.labels import LabelLayer
from desktop.canvas.overlays import CaptionOverlay, LegendEntry, LegendOverlay, NoticeOverlay
from desktop.canvas.overview import OverviewOverlay
from desktop.canvas.painter import CULL_ABOVE, FALLBACK_COLOUR, MapPainter, Rect
from desktop.core.model import Dataset
from desktop.core.timeline import Snapshot
from desktop.viewer.camera import Viewport
from desktop.viewer.easing import Keyframe, blend, drop_faded, ease, ease_out, union
from desktop.viewer.focus import Emphasis
from desktop.viewer.frame import CaptionText, MapFrame

TWEEN_SECONDS = 0.35
LONGEST_TICK = 1 / 30  # seconds of easing one painted frame may cover: a slow frame slows the easing, never jumps
HIT_TOLERANCE_PX = 5.0
HOVER_SETTLE_MS = 30  # after the pointer's last move, look again at what lies under it
UNPAINTED_WAIT = 0.1  # seconds an easing step waits for the last one to be painted (hidden views still move)
BACKGROUND = QColor(250, 250, 248)


class MapView(pg.GraphicsView):
    """A pan-and-zoom map of actors and ties with a caption, a legend, names and an overview."""

    actor_clicked = Signal(str)
    background_clicked = Signal()
    actor_moved = Signal(str, float, float)
    tie_clicked = Signal(int)  # a pair id of the timeline
    actor_menu_requested = Signal(str, QPoint)  # actor id, global position
    painted = Signal()  # after each keyframe is drawn (a date change, an easing step, a restyle)

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent, background=BACKGROUND)
        self.setAntialiasing(False)
        self.viewbox = pg.ViewBox(lockAspect=True, enableMenu=False)
        self.viewbox.setMouseEnabled(x=True, y=True)
        self.setCentralItem(self.viewbox)
        self.caption = CaptionOverlay()
        self.legend = LegendOverlay()
        self.labels = LabelLayer()
        self.overview = OverviewOverlay()
        self.notice = NoticeOverlay()
        self.painter = MapPainter(self.viewbox, self.labels, self._screen_size, self._obstacles)
        self.edges, self.glow, self.nodes = self.painter.edges, self.painter.glow, self.painter.nodes
        # The tie rasteriser's kernel loads on a background thread when a crowded map first needs it (or
        # when the app starts it after the first picture); until then ties are drawn as curves.
        self.nodes.sigClicked.connect(self._on_nodes_clicked)
        self.nodes.node_dragged.connect(self._on_node_dragged)
        self.nodes.node_drag_finished.connect(self.actor_moved)
        for item in (self.labels, self.caption, self.legend, self.overview, self.notice):
            self.scene().addItem(item)
        self.overview.recentre_requested.connect(self._recentre)
        self.scene().sigMouseClicked.connect(self._on_scene_clicked)
        self.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.viewbox.sigRangeChanged.connect(self._on_view_changed)
        self.camera = MapCamera(self.viewbox, self.camera_view)
        self.following_changed = self.camera.following_changed
        self._dataset: Dataset | None = None
        self._shown: Keyframe | None = None
        self._from: Keyframe | None = None
        self._to: Keyframe | None = None
        self._to_snapshot: Snapshot | None = None
        self._tween_progress = 0.0  # seconds of easing done (a slow frame counts as LONGEST_TICK)
        self._tween_tick = 0.0
        self._tween_curve: Callable[[float], float] = ease
        self._timer = QTimer(self)
        self._timer.setInterval(16)
        self._timer.timeout.connect(self._on_timer)
        self._drawn_at: float | None = None  # when the last keyframe was drawn, until it is painted
        self.tie_tooltip: Callable[[int], str] | None = None
        self.hover_text = ""
        # pyqtgraph passes on at most 100 pointer moves a second and drops the rest, so the move that
        # brings the pointer to rest may never arrive: look again where it stopped, once it has paused.
        self._pointer: QPoint | None = None
        self._hover_timer = QTimer(self)
        self._hover_timer.setSingleShot(True)
        self._hover_timer.setInterval(HOVER_SETTLE_MS)
        self._hover_timer.timeout.connect(self._on_pointer_paused)

    # What one paint singles out and how it sizes dots: the painter's, set by show().

    @property
    def emphasis(self) -> Emphasis:
        return self.painter.emphasis

    @emphasis.setter
    def emphasis(self, emphasis: Emphasis) -> None:
        self.painter.emphasis = emphasis

    @property
    def importance(self) -> np.ndarray | None:
        return self.painter.importance

    @importance.setter
    def importance(self, importance: np.ndarray | None) -> None:
        self.painter.importance = importance

    @property
    def selected(self) -> str | None:
        return self.painter.selected

    @selected.setter
    def selected(self, actor_id: str | None) -> None:
        self.painter.selected = actor_id

    @property
    def hovered(self) -> int | None:
        return self.painter.hovered

    # -- content ---------------------------------------------------------------------------------

    def set_dataset(self, dataset: Dataset, rule_text: str, *, own_colours: bool = False) -> None:
        """Colours, names and legend for a new dataset; the next frame is drawn without easing.

        ``own_colours``: each actor in the colour its file gives it, where it gives one (see the painter).
        """
        self._dataset = dataset
        colours = self.painter.set_dataset(dataset, own_colours=own_colours)
        labels = {g.id: g.label for g in dataset.groups}
        used = {a.group for a in dataset.actors}
        entries = tuple(LegendEntry(labels.get(g, g), colours[g]) for g in colours if g in used)
        if any(not a.group for a in dataset.actors):
            entries += (LegendEntry("Other", FALLBACK_COLOUR),)
        self.legend.set_content(entries, rule_text)
        self._shown = self._from = self._to = None
        self._to_snapshot = None
        self._timer.stop()
        self.camera.set_following(True)  # a new file: the camera follows its cast
        self.overview.setVisible(False)
        self._place_overlays()

    def set_rule_text(self, rule_text: str) -> None:
        self.legend.set_content(self.legend._groups, rule_text)
        self._place_overlays()

    def set_size_text(self, size_text: str) -> None:
        """What the legend says a dot's size shows (recent contact or betweenness)."""
        self.legend.set_size_text(size_text)
        self._place_overlays()

    def set_pinned(self, actor_ids: list[str]) -> None:
        """Mark the actors the user pinned (a dashed ring) from the next paint on (a pin always brings one:
        the positions it asks for)."""
        index = self._dataset.actor_index if self._dataset is not None else {}
        self.painter.pinned = np.array(sorted(index[a] for a in actor_ids if a in index), dtype=np.int64)
        self.legend.set_size_text(self.legend._size, pins=bool(len(self.painter.pinned)))
        self._place_overlays(relabel=False)

    def set_notice(self, text: str) -> None:
        """A sentence in the middle of the map when it has nothing to draw (a filter that matches no tie)."""
        self.notice.set_text(text)
        self._place_overlays(relabel=False)

    def show(self, frame: MapFrame | None = None, positions: np.ndarray | None = None, *,
             animate: bool = True) -> None:
        """Show ``frame`` at ``positions`` in one paint, easing from what is on screen when ``animate``.

        Caption, emphasis, sizes and the ringed actor come with the frame. Without ``positions`` the
        frame's ties are drawn where the dots stand (a new selection or sizing at the same date; a
        layout that failed). Called with no frame at all, this is the widget's own ``show()``.
        """
        if frame is None:
            super().show()
            return
        self._set_caption(frame.caption)
        painter = self.painter
        focus, was = frame.emphasis.focus, painter.emphasis.focus
        if (frame.selected != painter.selected or frame.importance is not painter.importance
                or (focus is None) != (was is None) or (focus is not None and not np.array_equal(focus, was))):
            painter.refresh_names()  # a new selection, focus or sizing is named at once; a new date alone
            # lets the names placed a frame ago ride with their dots while they still tell the truth
        painter.selected, painter.emphasis, painter.importance = frame.selected, frame.emphasis, frame.importance
        if positions is None:
            if self._to is None:
                return
            if frame.snapshot is self._to_snapshot:
                self._redraw()
                return
            positions = self._to.positions
        self.show_frame(frame.snapshot, positions, animate=animate)

    def show_frame(self, snapshot: Snapshot, positions: np.ndarray, *, animate: bool = True) -> None:
        """Draw ``snapshot`` at ``positions`` with the style already set, easing when ``animate``."""
        positions = np.asarray(positions, dtype=np.float64)
        n = self.painter.actor_count
        if positions.shape != (n, 2) or len(snapshot.actor_visible) != n:
            # A layout or snapshot of another dataset (a late worker result): never draw or index with it.
            raise ValueError(f"frame for {len(snapshot.actor_visible)} actors at {positions.shape} positions; "
                             f"the map shows {n} actors")
        target = Keyframe(
            positions=positions,
            pair=snapshot.pair,
            source=snapshot.source,
            target=snapshot.target,
            tension=snapshot.tension,
            intensity=snapshot.intensity,
            visible=snapshot.actor_visible.copy(),
        )
        self._to_snapshot = snapshot
        if not animate or self._shown is None or len(self._shown.positions) != len(target.positions):
            self._timer.stop()
            self._shown = self._to = target
            self.camera.snap([target])
            self._paint(target)
            return
        self._from, self._to = union(self._shown, target)
        self.camera.aim(self._from, self._to)
        # A new date while the last easing is still under way carries on at speed (easing out) instead of
        # stopping and starting gently again: during playback that would leave the map ever further behind.
        self._tween_curve = ease_out if self._timer.isActive() else ease
        self._tween_progress, self._tween_tick = 0.0, time.monotonic()
        if not self._timer.isActive():
            self._timer.start()
        self._on_tick()

    def _set_caption(self, caption: CaptionText) -> None:
        if caption != self.caption._text:
            self.caption.set_text(caption)
            self._place_overlays(relabel=False)

    @property
    def following(self) -> bool:
        """Whether the camera follows the actors on the map (until the user pans or zooms by hand)."""
        return self.camera.following

    def set_following(self, on: bool) -> None:
        self.camera.set_following(on)

    def zoom_to_fit(self, *, points: np.ndarray | None = None) -> None:
        """Fit the actors on the map into the part of the view the caption and legend leave free, and
        follow them from now on (Ctrl+0, the Fit button).

        With ``points`` (an animation export passes every position of every frame, so the camera holds
        still) the camera frames them once and does not start following.
        """
        if points is not None:
            self.camera.fit(points)
            return
        self.camera.set_following(True)
        frames = [f for f in (self._from if self._timer.isActive() else None, self._to or self._shown) if f is not None]
        if frames:
            self.camera.snap(frames, refit=True)
            self.overview.setVisible(False)

    def camera_view(self) -> Viewport:
        """The map's size in pixels and the boxes over it (caption, legend) the camera keeps actors out of."""
        box = self.viewbox.sceneBoundingRect()
        if box.width() < 50 or box.height() < 50:
            box = QRectF(0, 0, max(self.width(), 50), max(self.height(), 50))
        obstacles = []
        for item in (self.caption, self.legend):
            r = item.sceneBoundingRect()
            if item.isVisible() and not r.isEmpty():
                obstacles.append((r.left() - box.left(), r.top() - box.top(), r.right() - box.left(),
                                  r.bottom() - box.top()))
        return Viewport(box.width(), box.height(), tuple(obstacles))

    def select(self, actor_id: str | None) -> None:
        self.painter.selected = actor_id
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
        return self.painter.drawn

    # -- hit testing -----------------------------------------------------------------------------

    def edge_at(self, point: QPointF | tuple[float, float], tolerance_px: float = HIT_TOLERANCE_PX) -> int | None:
        """The pair id of the tie nearest ``point`` (view coordinates) within a few pixels, or None."""
        x, y = (point.x(), point.y()) if isinstance(point, QPointF) else point
        pixel = self.viewbox.viewPixelSize()
        start, end, pair = self.painter.drawn
        k = nearest_segment((x, y), start, end, tolerance_px * max(pixel[0], pixel[1], 1e-12))
        return None if k is None else int(pair[k])

    def actor_at(self, scene_pos: QPointF) -> str | None:
        hits = self.nodes.pointsAt(self.viewbox.mapSceneToView(scene_pos))
        return str(hits[0].data()) if len(hits) else None

    # -- drawing ---------------------------------------------------------------------------------

    def _paint(self, frame: Keyframe) -> None:
        self.painter.draw(frame)
        self._drawn_at = time.monotonic()
        self.painted.emit()

    def _redraw(self) -> None:
        self.painter.refresh_names()  # a new selection, emphasis or sizing is named at once
        if self._shown is not None:
            self._paint(self._shown)

    def _on_timer(self) -> None:
        """An easing step, unless the last one is not on screen yet: drawing another would be work nobody
        sees (a new date still draws at once, through :meth:`show_frame`)."""
        if self._drawn_at is not None and time.monotonic() - self._drawn_at < UNPAINTED_WAIT:
            return
        self._on_tick()

    def _on_tick(self) -> None:
        if self._from is None or self._to is None:
            self._timer.stop()
            return
        now = time.monotonic()
        self._tween_progress += min(now - self._tween_tick, LONGEST_TICK)
        self._tween_tick = now
        x = self._tween_curve(self._tween_progress / TWEEN_SECONDS)
        frame = blend(self._from, self._to, x)
        self.camera.step(x)  # the same x as the dots: a dot in view at both ends stays in view
        self._shown = frame
        self._paint(frame)
        if x >= 1.0:
            self._timer.stop()
            left = (self._from.visible & ~self._to.visible).any()
            self._shown = settled = drop_faded(self._to)
            self._from = None
            if self.camera.following and left:
                # Actors who left have faded out: the camera may close in on those who stayed.
                self.camera.aim(settled, settled)
                if self.camera.moving():
                    self._from = self._to = settled
                    self._tween_curve, self._tween_progress, self._tween_tick = ease, 0.0, now
                    self._timer.start()

    def _view_rect(self) -> QRectF:
        return self.viewbox.viewRect()

    def _screen_size(self) -> tuple[float, float]:
        return float(self.width()), float(self.height())

    def _obstacles(self) -> list[Rect]:
        return [self._scene_rect(item) for item in (self.caption, self.legend, self.overview)
                if item.isVisible() and not item.boundingRect().isEmpty()]

    @staticmethod
    def _scene_rect(item: pg.GraphicsObject) -> tuple[float, float, float, float]:
        r = item.sceneBoundingRect()
        return (r.left(), r.top(), r.width(), r.height())

    # -- events ----------------------------------------------------------------------------------

    def resizeEvent(self, ev: object) -> None:
        super().resizeEvent(ev)
        self._place_overlays()
        if getattr(self, "_shown", None) is not None and self.camera.following:  # None while being built
            self.camera.snap([f for f in (self._shown, self._to) if f is not None])

    def _place_overlays(self, relabel: bool = True) -> None:
        if not hasattr(self, "painter"):  # GraphicsView resizes itself while it is being built
            return
        margin = 12.0
        size = self.size()
        self.caption.setPos(margin, margin)
        legend = self.legend.boundingRect()
        self.legend.setPos(size.width() - legend.width() - margin, size.height() - legend.height() - margin)
        self.overview.setPos(margin, size.height() - self.overview.boundingRect().height() - margin)
        notice = self.notice.boundingRect()
        self.notice.setPos((size.width() - notice.width()) / 2, (size.height() - notice.height()) / 2)
        if relabel:
            self._on_view_changed()

    def _on_view_changed(self, *_: object) -> None:
        frame = self._shown
        if frame is None:
            return
        steered = self.camera.steering
        if steered:
            # The camera follows the cast, so all of it is in view (no overview); during an easing the
            # paint that comes with this step places the names.
            self.overview.setVisible(False)
            if self._timer.isActive():
                return
        view = self._view_rect()
        cull = self.painter.cull_rect
        if cull is not None and len(frame.pair) > CULL_ABOVE and not cull.contains(view):
            self._paint(frame)
            return
        points = frame.positions[frame.visible]
        if len(points) and not steered:
            lo, hi = points.min(axis=0), points.max(axis=0)
            whole = QRectF(QPointF(lo[0], lo[1]), QPointF(hi[0], hi[1]))
            zoomed = not view.contains(whole.adjusted(*(np.array([1, 1, -1, -1]) * 0.05 * whole.width())))
            self.overview.setVisible(bool(zoomed))
            if zoomed:
                self.overview.set_content(points, view)
        self.painter.place_labels()

    def _recentre(self, x: float, y: float) -> None:
        self.camera.set_following(False)  # a click on the overview moves the camera by hand
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
            # A tooltip reads markup: a name like "<b>A</b>" must show as typed, not as formatting.
            text = f"<b>{html.escape(item.name)}</b>" + (f" — {html.escape(item.role)}" if item.role else "")
        else:
            pair = self.edge_at(self.viewbox.mapSceneToView(scene_pos))
            if pair is not None and self.tie_tooltip is not None:
                text = self.tie_tooltip(pair)
        if hovered != self.hovered:
            self.painter.hovered = hovered
            self.painter.place_labels()
        if text != self.hover_text:
            self.hover_text = text
            if text:
                QToolTip.showText(QCursor.pos(), text, self)
            else:
                QToolTip.hideText()

    def mouseMoveEvent(self, ev: QMouseEvent) -> None:
        super().mouseMoveEvent(ev)
        if ev.buttons() == Qt.MouseButton.NoButton:
            self._pointer = ev.position().toPoint()
            self._hover_timer.start()

    def _on_pointer_paused(self) -> None:
        if self._pointer is not None:
            self._on_mouse_moved(self.mapToScene(self._pointer))

    def viewportEvent(self, ev: QEvent) -> bool:
        """Keep the hover card up while the pointer rests on its actor or tie.

        Qt asks the scene for a tooltip once the pointer has rested (about 0.7 s); the scene knows none
        (the card comes from our own hit test) and would hide ours. Answer that request with the card of
        what lies under the pointer where it rests.
        """
        if ev.type() == QEvent.Type.Paint:
            self._drawn_at = None  # what was drawn is on screen: the next easing step may draw
        if ev.type() == QEvent.Type.ToolTip and isinstance(ev, QHelpEvent):
            self._on_mouse_moved(self.mapToScene(ev.pos()))
            if self.hover_text:
                QToolTip.showText(ev.globalPos(), self.hover_text, self)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(ev)

    def _on_node_dragged(self, actor_id: str, x: float, y: float) -> None:
        if self._shown is None or self._dataset is None:
            return
        i = self._dataset.actor_index.get(actor_id)
        if i is None:
            return
        self._shown.positions[i] = (x, y)
        if self._to is not None:
            self._to.positions[i] = (x, y)
        self._paint(self._shown)
