"""The camera follows the cast: at every painted frame of playback the actors on the map are in view,
clear of the legend and the caption, large enough to read, and the view glides rather than jumps.
A pan or a wheel by hand stops the following; Ctrl+0 and the Fit button resume it.

Frames are counted where the user sees them: a Paint event of the map's viewport, recorded by an
event filter with what the view shows at that moment (its range, the dots the scatter draws, the
legend's and caption's rectangles).
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionSlider

from tests.acceptance.conftest import click, drag, key, settle
from tests.conftest import BUILTIN

STEP_LIMIT = 0.2  # the most the view may move or zoom between two frames painted in time (share of its width)
FRAME_TIME = 0.1  # seconds; a frame painted later than this may carry on the glide for as long as it waited
FILL_LEAST = 0.5  # a settled cast spans at least this share of the free area's width or height


@dataclass
class Painted:
    """What one painted frame showed."""

    date: str
    view: tuple[float, float, float, float]  # x0, x1, y0, y1 of the view range
    dots: np.ndarray  # (n, 3): viewport x, y and radius of every dot drawn
    size: tuple[int, int]
    covers: list[QRectF]  # the legend's and the caption's rectangles, in viewport pixels
    when: float = 0.0  # time.monotonic() at the paint


def what_is_shown(win: Any) -> Painted:
    view = win.map_view
    data = view.nodes.data
    rows = []
    for x, y, size in zip(data["x"], data["y"], data["size"], strict=True):
        p = view.mapFromScene(view.viewbox.mapViewToScene(QPointF(float(x), float(y))))
        rows.append((p.x(), p.y(), float(size) / 2))
    (x0, x1), (y0, y1) = view.viewbox.viewRange()
    covers = [QRectF(view.mapFromScene(item.sceneBoundingRect()).boundingRect())
              for item in (view.legend, view.caption) if item.isVisible()]
    return Painted(win.timeline_bar.date_label.text(), (x0, x1, y0, y1), np.array(rows).reshape(-1, 3),
                   (view.viewport().width(), view.viewport().height()), covers, time.monotonic())


class PaintRecorder(QObject):
    """Records what the map shows at each Paint event of its viewport."""

    def __init__(self, win: Any) -> None:
        super().__init__()
        self.win = win
        self.frames: list[Painted] = []
        win.map_view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.win.map_view.has_frame():
            self.frames.append(what_is_shown(self.win))
        return False

    def stop(self) -> None:
        self.win.map_view.viewport().removeEventFilter(self)


def hidden_dots(frame: Painted) -> list[str]:
    """Dots (partly) outside the viewport or under the legend or caption."""
    faults = []
    w, h = frame.size
    for x, y, r in frame.dots:
        if x - r < 0 or y - r < 0 or x + r > w or y + r > h:
            faults.append(f"{frame.date}: a dot at ({x:.0f}, {y:.0f}) is outside the {w}×{h} map")
        for box in frame.covers:
            if box.adjusted(-r, -r, r, r).contains(QPointF(x, y)):
                faults.append(f"{frame.date}: a dot at ({x:.0f}, {y:.0f}) is under a box at {box.getRect()}")
    return faults


def largest_step(a: Painted, b: Painted) -> float:
    """How far the view moved between two frames: its centre's shift or its width's change, as a share."""
    wa, wb = a.view[1] - a.view[0], b.view[1] - b.view[0]
    shift = np.hypot((b.view[0] + b.view[1] - a.view[0] - a.view[1]) / 2,
                     (b.view[2] + b.view[3] - a.view[2] - a.view[3]) / 2)
    return float(max(shift / wa, abs(wb - wa) / wa))


def assert_glides(frames: list[Painted]) -> None:
    """No jump: between two painted frames the view moves at most STEP_LIMIT of its width, or in proportion
    when the second frame came late (a loaded machine paints fewer frames of the same glide)."""
    allowed = [STEP_LIMIT * max(1.0, (b.when - a.when) / FRAME_TIME) for a, b in itertools.pairwise(frames)]
    excess = [largest_step(a, b) / limit for (a, b), limit in zip(itertools.pairwise(frames), allowed, strict=True)]
    worst = int(np.argmax(excess))
    a, b = frames[worst], frames[worst + 1]
    assert excess[worst] <= 1.0, (f"the view jumped by {largest_step(a, b):.0%} of its width in "
                                  f"{(b.when - a.when) * 1000:.0f} ms at {b.date}")


def fill(frame: Painted) -> float:
    """How much of the map beside the legend the cast spans (the larger of its width and height shares)."""
    w, h = frame.size
    legend = frame.covers[0]
    free_w, free_h = max(legend.left(), w - legend.width()), h
    xs, ys = frame.dots[:, 0], frame.dots[:, 1]
    return float(max((xs.max() - xs.min()) / free_w, (ys.max() - ys.min()) / free_h))


def play_through(qtbot: Any, win: Any, faster: int = 2) -> PaintRecorder:
    """Home, a few notches faster, Play: record every painted frame until the story ends."""
    key(win, Qt.Key.Key_Home)
    settle(qtbot, win)
    recorder = PaintRecorder(win)
    for _ in range(faster):
        key(win, Qt.Key.Key_BracketRight)
    click(win.timeline_bar.play_button)
    assert win.state.playing
    qtbot.waitUntil(lambda: not win.state.playing, timeout=180_000)
    settle(qtbot, win)
    QApplication.processEvents()
    recorder.stop()
    return recorder


def test_playing_the_story_keeps_every_actor_in_view_clear_of_the_legend_without_jumps(
        open_window: Callable[..., Any], qtbot: Any) -> None:
    win = open_window(BUILTIN, size=(1400, 900))
    recorder = play_through(qtbot, win)
    frames = [f for f in recorder.frames if len(f.dots)]
    assert len(frames) >= 20, f"only {len(frames)} frames painted"
    faults = [fault for f in frames for fault in hidden_dots(f)]
    assert not faults, f"{len(faults)} hidden dots: " + "; ".join(list(dict.fromkeys(faults))[:10])
    assert_glides(frames)
    # The cast grew from a handful of actors to sixty: the camera followed it out.
    widths = [f.view[1] - f.view[0] for f in frames]
    assert widths[-1] > 1.5 * widths[0]
    assert fill(frames[-1]) >= FILL_LEAST, f"the cast fills {fill(frames[-1]):.0%} of the map at the end"


def back_to_the_first_cast(qtbot: Any, win: Any) -> None:
    """Home, then PgDown through the first events until half a dozen actors are on the map."""
    key(win, Qt.Key.Key_Home)
    settle(qtbot, win)
    while len(what_is_shown(win).dots) < 6:
        key(win, Qt.Key.Key_PageDown)
        settle(qtbot, win)


def test_going_back_to_the_beginning_closes_in_on_the_few_actors_of_spring_2013(
        open_window: Callable[..., Any], qtbot: Any) -> None:
    win = open_window(BUILTIN, at="2014-05-01")
    view = win.map_view
    many = what_is_shown(win)
    assert len(many.dots) > 40 and not hidden_dots(many)
    recorder = PaintRecorder(win)
    back_to_the_first_cast(qtbot, win)
    QApplication.processEvents()
    recorder.stop()
    few = what_is_shown(win)
    assert 6 <= len(few.dots) <= 12, few.date
    assert not hidden_dots(few)
    assert fill(few) >= FILL_LEAST, f"the early cast is a small cluster ({fill(few):.0%} of the map)"
    assert (few.view[1] - few.view[0]) < 0.7 * (many.view[1] - many.view[0])
    frames = [f for f in recorder.frames if len(f.dots)]
    assert len(frames) >= 3, "the camera jumped there in one frame"
    assert view.following


def wheel(view: Any, notches: int) -> None:
    centre = QPointF(view.viewport().width() / 2, view.viewport().height() / 2)
    for _ in range(abs(notches)):
        event = QWheelEvent(centre, view.mapToGlobal(centre), QPoint(0, 0), QPoint(0, 120 if notches > 0 else -120),
                            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
                            False)
        QApplication.sendEvent(view.viewport(), event)


def same_view(a: Any, b: Any) -> bool:
    """Two view ranges with the same centre and width (the height follows the map's own height)."""
    (ax0, ax1), (ay0, ay1) = a
    (bx0, bx1), (by0, by1) = b
    width = ax1 - ax0
    return bool(abs((bx1 - bx0) - width) < 0.005 * width and abs((ax0 + ax1 - bx0 - bx1) / 2) < 0.005 * width
                and abs((ay0 + ay1 - by0 - by1) / 2) < 0.005 * width)


def empty_point(win: Any) -> QPoint:
    """A point of the map with no dot or tie near it, where a press grabs the map itself."""
    view = win.map_view
    dots = what_is_shown(win).dots
    vp = view.viewport()
    for y in range(40, vp.height() - 40, 15):
        for x in range(40, vp.width() - 40, 15):
            if len(dots) and np.min(np.hypot(dots[:, 0] - x, dots[:, 1] - y) - dots[:, 2]) < 30:
                continue
            scene = view.mapToScene(QPoint(x, y))
            covered = any(item.sceneBoundingRect().contains(scene) for item in (view.legend, view.caption))
            if not covered and view.edge_at(view.viewbox.mapSceneToView(scene), 8.0) is None \
                    and view.actor_at(scene) is None:
                return QPoint(x, y)
    raise AssertionError("no empty place on the map")


def test_a_wheel_or_a_drag_by_hand_stops_following_and_ctrl_0_or_fit_resumes(
        open_window: Callable[..., Any], qtbot: Any) -> None:
    win = open_window(BUILTIN, at="2013-07-15")
    view, fit = win.map_view, win.filter_bar.fit
    assert view.following and fit.isChecked(), "the Fit button shows that the map follows its cast"
    wheel(view, 3)  # zoom in by hand
    zoomed = view.viewbox.viewRange()
    assert not view.following and not fit.isChecked()
    key(win, Qt.Key.Key_End)  # sixty actors now: the user's view stays as they left it
    settle(qtbot, win)
    assert same_view(view.viewbox.viewRange(), zoomed)
    key(win, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)  # fit, and follow again
    assert view.following and fit.isChecked()
    assert not hidden_dots(what_is_shown(win))
    fitted_end = view.viewbox.viewRange()
    back_to_the_first_cast(qtbot, win)  # a handful of actors: the camera closes in on them
    few = what_is_shown(win)
    assert not hidden_dots(few) and fill(few) >= FILL_LEAST
    assert (few.view[1] - few.view[0]) < 0.7 * (fitted_end[0][1] - fitted_end[0][0])

    start = empty_point(win)
    before = view.viewbox.viewRange()
    drag(view.viewport(), start, start + QPoint(120, 60))  # pan by hand
    assert not view.following and not fit.isChecked()
    panned = view.viewbox.viewRange()
    assert not same_view(panned, before)
    key(win, Qt.Key.Key_End)
    settle(qtbot, win)
    assert same_view(view.viewbox.viewRange(), panned)
    click(fit)  # the Fit button: fit and follow again
    assert view.following and fit.isChecked()
    assert not hidden_dots(what_is_shown(win))
    click(fit)  # a second click on the pressed button keeps it pressed (it fits again)
    assert view.following and fit.isChecked()


def slider_handle(slider: Any) -> QPoint:
    option = QStyleOptionSlider()
    slider.initStyleOption(option)
    return slider.style().subControlRect(QStyle.ComplexControl.CC_Slider, option,
                                         QStyle.SubControl.SC_SliderHandle, slider).center()


def test_scrubbing_the_slider_through_the_story_keeps_the_cast_in_view_without_jumps(
        open_window: Callable[..., Any], qtbot: Any) -> None:
    win = open_window(BUILTIN)
    slider = win.timeline_bar.slider
    key(win, Qt.Key.Key_Home)
    settle(qtbot, win)
    recorder = PaintRecorder(win)
    start = slider_handle(slider)
    end_x = slider.width() - start.x()
    QTest.mousePress(slider, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for k in range(1, 61):  # the mouse moves along the slider, the map painting as it goes
        painted = len(recorder.frames)
        QTest.mouseMove(slider, QPoint(round(start.x() + (end_x - start.x()) * k / 60), start.y()))
        qtbot.waitUntil(lambda painted=painted: len(recorder.frames) > painted, timeout=5000)
    QTest.mouseRelease(slider, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       QPoint(end_x, start.y()))
    settle(qtbot, win)
    QApplication.processEvents()
    recorder.stop()
    assert win.state.current_time > win.state.dataset.axis.to_instant("2014-06-01")
    frames = [f for f in recorder.frames if len(f.dots)]
    faults = [fault for f in frames for fault in hidden_dots(f)]
    assert not faults, f"{len(faults)} hidden dots: " + "; ".join(list(dict.fromkeys(faults))[:10])
    assert_glides(frames)
    assert fill(frames[-1]) >= FILL_LEAST
