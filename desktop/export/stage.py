"""The stage every exporter paints from: a real MapView, offscreen, at the size of the output.

Exports do not grab the window's map; they build their own MapView of the requested size and feed it
the same snapshot, positions, caption, selection, emphasis, node sizes and zoom the window has: all
but positions and zoom come from :func:`desktop.viewer.frame.map_frame`, as in the window. The caption and legend sit
in output pixels, so they keep their size and corners at any output size, and the window is never
resized or repainted behind the user's back.

Threads: the stage is a widget and its scene is not thread-safe, so it is only ever painted on the
GUI thread. What can leave that thread (layouts, encoding) works on numpy arrays.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter, QPen
from PySide6.QtWidgets import QApplication

from desktop.canvas.map_view import BACKGROUND, MapView
from desktop.core.model import Dataset
from desktop.core.time_axis import Instant
from desktop.core.timeline import AggregationRule, Timeline
from desktop.export.contract import Picture, ViewRange
from desktop.layout.timeline_layout import MapLayout
from desktop.viewer.frame import FrameInputs, map_frame, rule_text, size_text

COMPOSE_AT = (880.0, 550.0)
MAX_SHRINK = 2.0

_app: QApplication | None = None


def ensure_app() -> QApplication:
    """The running QApplication, or a new one for a headless export (kept alive for the process)."""
    global _app
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        from desktop.canvas.gui_gc import collect_on_gui_thread

        _app = app = QApplication([])
        collect_on_gui_thread(app)  # exports run layouts and encoding on worker threads
    return app


class Stage:
    """An offscreen map of one dataset at one output size, painted onto any QPaintDevice."""

    def __init__(self, dataset: Dataset, rule: AggregationRule, size: tuple[int, int],
                 timeline: Timeline | None = None) -> None:
        app = ensure_app()
        usable = timeline is not None and timeline.dataset is dataset and timeline.rule == rule
        self.timeline = timeline if usable and timeline is not None else Timeline(dataset, rule)
        self.size = size
        self.shrink = composition_scale(size)
        self.view = MapView()
        self.view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        self.view.resize(round(size[0] * self.shrink), round(size[1] * self.shrink))
        self.view.show()
        app.processEvents()
        self.view.set_dataset(dataset, rule_text(rule, dataset))

    def draw(self, at: Instant, positions: np.ndarray, inputs: FrameInputs | None = None) -> None:
        """The map at ``at`` as the window draws it: ties (through its filter), emphasis, sizes, caption."""
        self.view.set_size_text(size_text(inputs.size_by if inputs is not None else "importance"))
        self.view.show(map_frame(self.timeline, at, inputs), positions, animate=False)

    def draw_picture(self, picture: Picture, at: Instant, positions: np.ndarray) -> None:
        """:meth:`draw` with everything ``picture`` carries besides its date and positions."""
        self.draw(at, positions, picture.inputs)

    def frame(self, view_range: ViewRange | None = None, points: np.ndarray | None = None) -> None:
        """Point the camera: at the window's view range, or fit ``points`` (default: the visible map).

        Either way it then holds still: an export frames what it is told, not each frame's cast.
        """
        if view_range is None and points is None:
            self.view.zoom_to_fit()
        self.view.set_following(False)
        if view_range is not None:
            (x0, x1), (y0, y1) = view_range
            self.view.viewbox.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)
        elif points is not None:
            self.view.zoom_to_fit(points=points)

    def paint(self, painter: QPainter, *, transparent: bool = False, pen_scale: float = 1.0,
              vector: bool = True) -> None:
        """Paint the whole stage into ``painter``'s logical (0, 0, width, height) rectangle.

        ``vector`` draws every dot as a path. A raster at the stage's own pixel size does not need
        that: pyqtgraph's pre-rendered dots are the same pixels, and ten times faster with thousands.
        """
        width, height = self.size
        painter.setRenderHints(
            QPainter.RenderHint.Antialiasing
            | QPainter.RenderHint.TextAntialiasing
            | QPainter.RenderHint.SmoothPixmapTransform
        )
        exact_dots = vector or pen_scale != 1.0 or self.shrink != 1.0
        with self._export_mode(transparent, pen_scale / self.shrink, exact_dots):
            self.view.render(painter, QRectF(0, 0, width, height), self.view.viewport().rect())

    def image(self, scale: float = 1.0, transparent: bool = False) -> QImage:
        """A raster of the stage, ``scale`` device pixels per logical pixel so text stays sharp."""
        width, height = self.size
        image = QImage(round(width * scale), round(height * scale), QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(scale)
        image.fill(Qt.GlobalColor.transparent if transparent else BACKGROUND)
        painter = QPainter(image)
        try:
            self.paint(painter, transparent=transparent, pen_scale=scale, vector=False)
        finally:
            painter.end()
        image.setDevicePixelRatio(1.0)
        return image

    def rgb(self) -> np.ndarray:
        """The stage as an (height, width, 3) uint8 array: one video frame."""
        image = self.image().convertToFormat(QImage.Format.Format_RGB888)
        rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
        return rows[:, : image.width() * 3].reshape(image.height(), image.width(), 3).copy()

    def close(self) -> None:
        # Not view.close(): pyqtgraph's close() tears the scene down under Qt's feet and can crash.
        self.view.hide()
        self.view.deleteLater()

    @contextmanager
    def _export_mode(self, transparent: bool, pen_scale: float, exact_dots: bool) -> Iterator[None]:
        """Draw for a file rather than a screen, for the length of one paint.

        Antialiasing on (the window trades it for speed; a print should not). Dots as vector paths
        instead of pyqtgraph's pixmap atlas, so an SVG gets shapes, not bitmaps. Tie pens are cosmetic
        (device pixels), so at scale 2 they are widened by hand or a high-DPI picture would get
        hairlines. The background brush is dropped for a transparent picture.
        """
        view = self.view
        _prime_labels(view)
        items = [item for item in view.scene().items() if hasattr(item, "setExportMode")
                 and (exact_dots or not isinstance(item, pg.ScatterPlotItem))]
        for item in items:
            item.setExportMode(True, {"antialias": True, "resolutionScale": 1 / self.shrink})
        curves = [item for item in items if isinstance(item, pg.PlotCurveItem) and item.isVisible()]
        pens = [curve.opts["pen"] for curve in curves]
        if pen_scale != 1.0:
            for curve, pen in zip(curves, pens, strict=True):
                wide = QPen(pen)
                wide.setWidthF(pen.widthF() * pen_scale)
                curve.opts["pen"] = wide
        if transparent:
            view.setBackground(None)
        try:
            yield
        finally:
            if transparent:
                view.setBackground(BACKGROUND)
            for curve, pen in zip(curves, pens, strict=True):
                curve.opts["pen"] = pen
            for item in items:
                item.setExportMode(False)


def _prime_labels(view: MapView) -> None:
    """Do what a pyqtgraph TextItem does on its first paint, before we paint it.

    On that first paint it replaces the painter's transform with its scene transform, dropping the
    scaling of a render into a smaller target: a new label's white box lands in the wrong place.
    The window never scales, so only exports see it.
    """
    scene = view.scene()
    for item in scene.items():
        if isinstance(item, pg.TextItem) and getattr(item, "_lastScene", scene) is not scene:
            item._lastScene = scene
            scene.sigPrepareForPaint.connect(item.updateTransform)
            item.updateTransform()


def composition_scale(size: tuple[int, int]) -> float:
    """How much larger than ``size`` to lay a small picture out before painting it down.

    The caption and legend have a fixed size in pixels; on a 480×300 GIF they would cover the map.
    Below :data:`COMPOSE_AT` the stage is laid out larger and painted scaled down, so the picture
    keeps the window's proportions (smaller text) instead of losing its map.
    """
    width, height = size
    return max(1.0, min(MAX_SHRINK, max(COMPOSE_AT[0] / width, COMPOSE_AT[1] / height)))


def stage_picture(picture: Picture, size: tuple[int, int]) -> Stage:
    """A stage showing ``picture``: laid out as the window would, framed as asked."""
    stage = Stage(picture.dataset, picture.rule, size, picture.timeline)
    positions = picture.positions
    if positions is None:
        positions = MapLayout(stage.timeline).positions_at(picture.at, picture.pins)
    stage.draw_picture(picture, picture.at, positions)
    stage.frame(picture.view_range)
    return stage
