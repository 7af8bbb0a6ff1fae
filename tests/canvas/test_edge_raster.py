"""The rasterised ties: the same ties in the same colours as the curves, switched by a threshold, and
never a bitmap in a vector file."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QApplication

from desktop.canvas import edge_raster
from desktop.canvas.map_view import MapView
from desktop.core.model import Actor, Dataset
from desktop.core.timeline import Snapshot
from tests.images import image_array

BACKGROUND = np.array([250, 250, 248])


_VIEWS: list[MapView] = []


@pytest.fixture(scope="module", autouse=True)
def kernel() -> None:
    edge_raster.warm_up()


@pytest.fixture(autouse=True)
def _views():
    """Views are hidden and deleted later, not closed: pyqtgraph's close() can crash a live scene."""
    yield
    while _VIEWS:
        view = _VIEWS.pop()
        view.hide()
        view.deleteLater()


def test_warm_up_loads_the_one_signature_every_frame_uses() -> None:
    """The first crowded frame must not compile: it held playback for half a second when the warm-up
    had loaded the kernel for a strided array and frames passed contiguous ones."""
    kernel = edge_raster.rasterise_lines
    assert all(t.layout == "C" for sig in kernel.signatures for t in sig if hasattr(t, "layout"))
    warmed = set(kernel.signatures)
    x = np.linspace(0.0, 60.0, 4000)
    buf = np.zeros((80, 80), np.uint32)
    # Views and slices, as a caller might hand over: rasterise() passes the kernel contiguous copies.
    edge_raster.rasterise(buf, x[::-1], x[::2].repeat(2), x, x[::-1], np.full(8000, 1.5)[::2],
                          np.full((4000, 4), 200, np.uint8))
    assert set(kernel.signatures) == warmed
    assert buf.any()


def _map(n_actors: int, pairs: np.ndarray, tension: np.ndarray, positions: np.ndarray,
         size: tuple[int, int] = (420, 320)) -> tuple[MapView, Snapshot]:
    actors = tuple(Actor(f"a{i}", "") for i in range(n_actors))
    dataset = Dataset(title="t", actors=actors, events=())
    snapshot = Snapshot(
        time=0.0, actor_ids=tuple(a.id for a in actors), actor_visible=np.ones(n_actors, bool),
        pair=np.arange(len(pairs)), source=pairs[:, 0], target=pairs[:, 1], tension=tension,
        intensity=np.full(len(pairs), 4.0),
    )
    view = MapView()
    _VIEWS.append(view)
    view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    view.resize(*size)
    view.show()
    view.set_dataset(dataset, "")
    view.legend.setVisible(False)
    view.caption.setVisible(False)
    view.show_frame(snapshot, positions, animate=False)
    view.viewbox.setRange(xRange=(-1.2, 1.2), yRange=(-1.2, 1.2), padding=0)
    return view, snapshot


def _star() -> tuple[int, np.ndarray, np.ndarray, np.ndarray]:
    """Eight long spokes from a ring to the far side, one tension each (hostile to warm)."""
    angles = np.linspace(0, 2 * np.pi, 16, endpoint=False)
    positions = np.column_stack([np.cos(angles), np.sin(angles)])
    pairs = np.array([[k, k + 7] for k in range(8)])
    tension = np.linspace(-2.0, 2.0, 8)
    return 16, pairs, tension, positions


def _grab(view: MapView, qtbot, threshold: int | None) -> np.ndarray:
    view.edges.raster_threshold = threshold
    view._redraw()
    view.labels.setVisible(False)
    view.nodes.setVisible(False)
    QApplication.processEvents()
    return image_array(view.grab().toImage()).astype(int)


def test_raster_draws_the_same_ties_in_the_same_colours(qtbot) -> None:
    n, pairs, tension, positions = _star()
    view, _ = _map(n, pairs, tension, positions)
    vector = _grab(view, qtbot, None)
    assert not view.edges.raster.isVisible()
    raster = _grab(view, qtbot, 0)
    assert view.edges.raster.isVisible() and view.edges.raster.raster_count > 0
    assert view.edges.item_count() == 1
    ink_v = np.abs(vector - BACKGROUND).sum(axis=2) > 60
    ink_r = np.abs(raster - BACKGROUND).sum(axis=2) > 60
    assert ink_v.sum() > 500
    # The same pixels are inked, give or take the antialiased rim.
    grown = ink_r.copy()
    for dy, dx in ((1, 0), (-1, 0), (0, 1), (0, -1)):
        grown |= np.roll(ink_r, (dy, dx), axis=(0, 1))
    assert (ink_v & grown).sum() / ink_v.sum() > 0.97
    assert 0.6 < ink_r.sum() / ink_v.sum() < 1.6
    # Each spoke in its colour: sample the middle third of every tie where the two pictures are inked.
    start, end, _ = view.drawn_ties()
    screen = view.painter._to_screen
    for k in range(len(start)):
        ts = np.linspace(0.35, 0.65, 25)[:, None]
        pts = np.rint(screen(start[k] + ts * (end[k] - start[k]))).astype(int)
        near = [(y + dy, x + dx) for x, y in pts for dy in (-1, 0, 1) for dx in (-1, 0, 1)]
        ys, xs = np.array(near).T
        v = vector[ys, xs][ink_v[ys, xs]]
        r = raster[ys, xs][ink_r[ys, xs]]
        assert len(v) and len(r)
        # The darkest (most covered) pixels carry the tie's own colour.
        v_colour = v[np.argsort(v.sum(axis=1))[: max(3, len(v) // 4)]].mean(axis=0)
        r_colour = r[np.argsort(r.sum(axis=1))[: max(3, len(r) // 4)]].mean(axis=0)
        assert np.abs(v_colour - r_colour).max() < 40, (k, v_colour, r_colour)


def test_threshold_switches_between_curves_and_image(qtbot) -> None:
    n, pairs, tension, positions = _star()
    view, _ = _map(n, pairs, tension, positions)
    edges = view.edges
    edges.raster_threshold = 8  # 8 ties: not above it
    view._redraw()
    assert not edges.raster.isVisible() and any(c.isVisible() for c in edges._curves.values())
    edges.raster_threshold = 7
    view._redraw()
    assert edges.raster.isVisible() and not any(c.isVisible() for c in edges._curves.values())
    edges.raster_threshold = None
    view._redraw()
    assert not edges.raster.isVisible()


def test_kernel_blends_colour_alpha_and_width() -> None:
    buf = np.zeros((20, 40), np.uint32)
    rgba = np.array([[200, 40, 10, 255], [0, 0, 255, 128]], np.uint8)
    edge_raster.rasterise_lines(buf, np.array([2.0, 20.5]), np.array([10.0, 1.0]), np.array([38.0, 20.5]),
                                np.array([10.0, 19.0]), np.array([3.0, 1.0]), rgba, 0, 20)
    px = buf.view(np.uint8).reshape(20, 40, 4)  # B, G, R, A
    assert tuple(px[10, 5]) == (10, 40, 200, 255)  # inside the thick red line: its colour, opaque
    assert px[10, 5, 3] == px[9, 5, 3] == 255 and px[6, 5, 3] == 0  # three pixels wide, no more
    assert abs(int(px[4, 20, 3]) - 128) <= 2 and px[4, 20, 0] == px[4, 20, 3]  # half-transparent blue
    assert px[10, 20, 0] > 100 and px[10, 20, 2] > 80  # the later tie drawn over the earlier one
    # A far-off, huge or non-finite tie draws nothing and does not crash.
    edge_raster.rasterise_lines(buf, np.array([-1e12, np.nan]), np.array([5e11, 0.0]), np.array([-1e12 + 3, 1.0]),
                                np.array([-5e11, 1.0]), np.array([2.0, 2.0]), rgba, 0, 20)


def test_vector_file_of_a_big_map_gets_paths_not_an_image(qtbot) -> None:
    rng = np.random.default_rng(3)
    n = 600
    positions = rng.uniform(-1, 1, (n, 2))
    pairs = np.unique(np.sort(rng.integers(0, n, (2200, 2)), axis=1), axis=0)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    view, _ = _map(n, pairs, rng.uniform(-2, 2, len(pairs)), positions, size=(500, 400))
    assert len(pairs) > view.edges.raster_threshold
    assert view.edges.raster.isVisible()
    view.grab()
    view.nodes.setVisible(False)  # the dots are pyqtgraph's pre-rendered pixmaps outside export mode
    for export_mode in (True, False):  # the export stage's mode, and a bare render into SVG
        items = [view.edges.raster] if export_mode else []
        for item in items:
            item.setExportMode(True, {"antialias": True})
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        generator = QSvgGenerator()
        generator.setOutputDevice(buffer)
        generator.setSize(QSize(500, 400))
        generator.setViewBox(QRectF(0, 0, 500, 400))
        painter = QPainter(generator)
        drawn = view.edges.raster.vector_count
        view.render(painter, QRectF(0, 0, 500, 400), view.viewport().rect())
        painter.end()
        for item in items:
            item.setExportMode(False)
        assert view.edges.raster.vector_count > drawn
        svg = bytes(data.data()).decode()
        assert "<image" not in svg
        assert svg.count("<path") >= 17  # a path per tension bin at least
        # every tie's start point is in the file
        assert svg.count(" L") + svg.count("L ") >= len(pairs) // 2


def test_crowded_map_moves_names_between_placements_and_names_a_selection_at_once(qtbot) -> None:
    from desktop.canvas.painter import CROWDED

    rng = np.random.default_rng(5)
    n = CROWDED + 200
    positions = rng.uniform(-1, 1, (n, 2))
    pairs = np.column_stack([np.arange(0, n - 1, 2), np.arange(1, n, 2)])
    view, snapshot = _map(n, pairs, np.zeros(len(pairs)), positions, size=(700, 500))
    view.show_frame(snapshot, positions, animate=False)  # a fresh placement
    before = {p.actor: p.rect for p in view.labels.placed}
    assert before and view.painter._label_skip > 0
    shift = np.array([0.01, 0.0])
    view.show_frame(snapshot, positions + shift, animate=False)  # only moves: names ride along
    pixel = view.viewbox.viewPixelSize()[0]
    after = {p.actor: p.rect for p in view.labels.placed}
    assert after.keys() == before.keys()
    for actor, rect in after.items():
        assert rect[0] - before[actor][0] == pytest.approx(0.01 / pixel, abs=0.05)
    # The unnamed actor with the most room around its dot (in the thick of the crowd every spot beside a
    # dot lies against another one, and a name there would name the wrong actor).
    gaps = np.hypot(*(positions[:, None, :] - positions[None, :, :]).transpose(2, 0, 1))
    np.fill_diagonal(gaps, np.inf)
    room = gaps.min(axis=1)
    quiet = max((i for i in range(n) if i not in after), key=lambda i: room[i])
    view.select(f"a{quiet}")
    assert quiet in {p.actor for p in view.labels.placed}
