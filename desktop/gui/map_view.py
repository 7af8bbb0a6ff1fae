"""The map: one widget that draws a snapshot at given positions, shared by the window and exports.

It eases between successive frames (positions, edge colours and widths) so that scrubbing looks like
film rather than slides; exporters call :meth:`MapView.show_frame` with ``animate=False`` and grab.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QTimer, Signal
from PySide6.QtGui import QColor

from desktop.core.model import Dataset
from desktop.core.palette import group_colours, hex_to_rgb
from desktop.core.timeline import Snapshot
from desktop.gui.map_items import EdgeLayer, NodeItem, edge_width
from desktop.gui.overlays import CaptionOverlay, CaptionText, LegendEntry, LegendOverlay

TWEEN_SECONDS = 0.35
MAX_LABELS = 45
BACKGROUND = QColor(250, 250, 248)


def ease(x: float) -> float:
    """Smoothstep: starts and stops gently."""
    x = min(max(x, 0.0), 1.0)
    return x * x * (3 - 2 * x)


@dataclass(eq=False)
class _Frame:
    """What is drawn: every actor's position, and the union of old and new ties being eased."""

    positions: np.ndarray
    pair: np.ndarray
    source: np.ndarray
    target: np.ndarray
    tension: np.ndarray
    intensity: np.ndarray
    visible: np.ndarray


class MapView(pg.GraphicsView):
    """A pan-and-zoom map of actors and ties with a caption and a legend."""

    actor_clicked = Signal(str)
    background_clicked = Signal()
    actor_moved = Signal(str, float, float)

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent, background=BACKGROUND)
        self.setAntialiasing(False)
        self.viewbox = pg.ViewBox(lockAspect=True, enableMenu=False)
        self.viewbox.setMouseEnabled(x=True, y=True)
        self.setCentralItem(self.viewbox)
        self.edges = EdgeLayer(self.viewbox)
        self.nodes = NodeItem()
        self.nodes.setZValue(10)
        self.viewbox.addItem(self.nodes)
        self.nodes.sigClicked.connect(self._on_nodes_clicked)
        self.nodes.node_dragged.connect(self._on_node_dragged)
        self.nodes.node_drag_finished.connect(self.actor_moved)
        self.caption = CaptionOverlay()
        self.legend = LegendOverlay()
        self.scene().addItem(self.caption)
        self.scene().addItem(self.legend)
        self.scene().sigMouseClicked.connect(self._on_scene_clicked)
        self._labels: dict[int, pg.TextItem] = {}
        self._dataset: Dataset | None = None
        self._brushes: list[pg.QtGui.QBrush] = []
        self._faded_brushes: list[pg.QtGui.QBrush] = []
        self._pen = pg.mkPen(255, 255, 255, 230, width=1.2)
        self._faded_pen = pg.mkPen(255, 255, 255, 0)
        self._selected_pen = pg.mkPen("#111111", width=2.5)
        self._names: list[str] = []
        self._shown: _Frame | None = None
        self._from: _Frame | None = None
        self._to: _Frame | None = None
        self._tween_start = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(16)
        self._timer.timeout.connect(self._on_tick)
        self.selected: str | None = None

    # -- content ---------------------------------------------------------------------------------

    def set_dataset(self, dataset: Dataset, rule_text: str) -> None:
        """Colours, names and legend for a new dataset; the next frame is drawn without easing."""
        self._dataset = dataset
        groups = [g.id for g in dataset.groups] + sorted(
            {a.group for a in dataset.actors if a.group} - {g.id for g in dataset.groups}
        )
        colours = group_colours(groups, {g.id: g.colour for g in dataset.groups})
        fallback = "#8a8a8a"
        rgb = [hex_to_rgb(colours.get(a.group, fallback)) for a in dataset.actors]
        self._brushes = [pg.mkBrush(*c) for c in rgb]
        # Actors with no tie at the moment stay on the map, faded, so the cast does not jump around.
        self._faded_brushes = [pg.mkBrush(*c, 70) for c in rgb]
        self._names = [a.name for a in dataset.actors]
        labels = {g.id: g.label for g in dataset.groups}
        used = {a.group for a in dataset.actors}
        entries = tuple(LegendEntry(labels.get(g, g), colours[g]) for g in groups if g in used)
        if any(not a.group for a in dataset.actors):
            entries += (LegendEntry("Other", fallback),)
        self.legend.set_content(entries, rule_text)
        for label in self._labels.values():
            self.viewbox.removeItem(label)
        self._labels.clear()
        self._shown = self._from = self._to = None
        self._timer.stop()
        self._place_overlays()

    def set_caption(self, caption: CaptionText) -> None:
        self.caption.set_text(caption)
        self._place_overlays()

    def set_rule_text(self, rule_text: str) -> None:
        self.legend.set_content(self.legend._groups, rule_text)
        self._place_overlays()

    def show_frame(self, snapshot: Snapshot, positions: np.ndarray, *, animate: bool = True) -> None:
        """Draw ``snapshot`` at ``positions``, easing from what is on screen when ``animate``."""
        target = _Frame(
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
        self._from, self._to = _union(self._shown, target)
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
        if self._shown is not None:
            self._draw(self._shown)

    def displayed_positions(self) -> np.ndarray | None:
        return None if self._shown is None else self._shown.positions.copy()

    def is_animating(self) -> bool:
        return self._timer.isActive()

    # -- drawing ---------------------------------------------------------------------------------

    def _on_tick(self) -> None:
        if self._from is None or self._to is None:
            self._timer.stop()
            return
        x = ease((time.monotonic() - self._tween_start) / TWEEN_SECONDS)
        a, b = self._from, self._to
        frame = _Frame(
            positions=a.positions + (b.positions - a.positions) * x,
            pair=b.pair, source=b.source, target=b.target,
            tension=a.tension + (b.tension - a.tension) * x,
            intensity=a.intensity + (b.intensity - a.intensity) * x,
            visible=b.visible | (a.visible if x < 1 else b.visible),
        )
        self._shown = frame
        self._draw(frame)
        if x >= 1.0:
            self._timer.stop()
            self._shown = _drop_faded(b)
            self._from = None

    def _draw(self, frame: _Frame) -> None:
        pos = frame.positions
        live = frame.intensity > 1e-3
        self.edges.set_edges(
            pos[frame.source[live]], pos[frame.target[live]], frame.tension[live], edge_width(frame.intensity[live])
        )
        shown = np.flatnonzero(frame.visible)
        strength = np.bincount(
            np.concatenate([frame.source, frame.target]),
            np.concatenate([frame.intensity, frame.intensity]),
            minlength=len(pos),
        )
        top = strength[shown].max() if len(shown) else 1.0
        active = strength[shown] > 1e-3
        sizes = np.where(active, 9 + 13 * np.sqrt(strength[shown] / max(top, 1e-9)), 6.0)
        selected = self._dataset.actor_index.get(self.selected) if self._dataset and self.selected else None
        pens = [
            self._selected_pen if i == selected else (self._pen if on else self._faded_pen)
            for i, on in zip(shown, active, strict=True)
        ]
        brushes = [self._brushes[i] if on else self._faded_brushes[i] for i, on in zip(shown, active, strict=True)]
        self.nodes.setData(
            pos=pos[shown], size=sizes, brush=brushes, pen=pens,
            data=[self._dataset.actors[i].id if self._dataset else str(i) for i in shown],
        )
        self._draw_labels(pos, shown[active] if len(shown) else shown, strength)

    def _draw_labels(self, pos: np.ndarray, shown: np.ndarray, strength: np.ndarray) -> None:
        ranked = shown[np.argsort(-strength[shown], kind="stable")][:MAX_LABELS]
        keep = set(int(i) for i in ranked)
        for i in list(self._labels):
            if i not in keep:
                self.viewbox.removeItem(self._labels.pop(i))
        for i in keep:
            label = self._labels.get(i)
            if label is None:
                label = pg.TextItem(self._names[i], color=(35, 35, 40), anchor=(0.5, -0.45),
                                    fill=pg.mkBrush(255, 255, 255, 150))
                label.setZValue(20)
                self.viewbox.addItem(label)
                self._labels[i] = label
            label.setPos(QPointF(float(pos[i, 0]), float(pos[i, 1])))

    # -- events ----------------------------------------------------------------------------------

    def resizeEvent(self, ev: object) -> None:
        super().resizeEvent(ev)
        self._place_overlays()

    def _place_overlays(self) -> None:
        if not hasattr(self, "legend"):  # GraphicsView resizes itself while it is being built
            return
        margin = 12.0
        size = self.size()
        self.caption.setPos(margin, margin)
        legend = self.legend.boundingRect()
        self.legend.setPos(size.width() - legend.width() - margin, size.height() - legend.height() - margin)

    def _on_nodes_clicked(self, _item: object, points: object, _ev: object = None) -> None:
        spots = list(points)  # type: ignore[call-overload]
        if spots:
            self.actor_clicked.emit(str(spots[0].data()))

    def _on_scene_clicked(self, ev: object) -> None:
        if not getattr(ev, "isAccepted", lambda: False)() and self.nodes.pointsAt(
            self.viewbox.mapSceneToView(ev.scenePos())  # type: ignore[attr-defined]
        ).size == 0:
            self.background_clicked.emit()

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


def _union(before: _Frame, after: _Frame) -> tuple[_Frame, _Frame]:
    """Align two frames on the union of their ties so each tie can ease in, out or across."""
    pairs = np.union1d(before.pair, after.pair)
    n = len(pairs)

    def spread(frame: _Frame, fallback: _Frame) -> _Frame:
        tension = np.zeros(n)
        intensity = np.zeros(n)
        source = np.zeros(n, dtype=np.int64)
        target = np.zeros(n, dtype=np.int64)
        for f in (fallback, frame):
            where = np.searchsorted(pairs, f.pair)
            source[where], target[where], tension[where] = f.source, f.target, f.tension
        where = np.searchsorted(pairs, frame.pair)
        intensity[where] = frame.intensity
        return _Frame(frame.positions.copy(), pairs, source, target, tension, intensity, frame.visible)

    return spread(before, after), spread(after, before)


def _drop_faded(frame: _Frame) -> _Frame:
    keep = frame.intensity > 1e-9
    return _Frame(frame.positions, frame.pair[keep], frame.source[keep], frame.target[keep],
                  frame.tension[keep], frame.intensity[keep], frame.visible)
