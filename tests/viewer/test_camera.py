"""The camera's arithmetic: free boxes beside the caption and legend, fitting, hysteresis, easing."""

from __future__ import annotations

import numpy as np

from desktop.viewer.camera import Aim, Follow, Viewport, between, clamp_into, fit_range, inside

# A 1000×640 map with a caption top left and a legend bottom right, as the window draws them.
VIEW = Viewport(1000.0, 640.0, ((12.0, 12.0, 470.0, 96.0), (758.0, 358.0, 988.0, 628.0)))


def test_free_boxes_leave_out_the_caption_and_the_legend() -> None:
    boxes = VIEW.free_boxes()
    assert boxes
    for left, top, right, bottom in boxes:
        for ob in VIEW.obstacles:
            assert right <= ob[0] or left >= ob[2] or bottom <= ob[1] or top >= ob[3]
    # The big one below the caption and left of the legend is among them.
    assert any(b[1] >= 96 and b[2] <= 758 and b[3] - b[1] > 500 for b in boxes)


def test_a_fitted_cast_is_inside_its_free_box_and_fills_it() -> None:
    points = np.random.default_rng(1).normal(size=(40, 2)) * [3.0, 1.0]
    aim = fit_range(points, VIEW)
    assert inside(aim, VIEW, points).all()
    x0, x1, _, y1 = aim.range
    scale = VIEW.width / (x1 - x0)
    px = (points[:, 0] - x0) * scale
    py = (y1 - points[:, 1]) * scale
    box = aim.box
    assert max((np.ptp(px)) / (box[2] - box[0]), np.ptp(py) / (box[3] - box[1])) > 0.7


def test_two_actors_are_framed_at_a_sensible_distance() -> None:
    pair = np.array([[0.0, 0.0], [0.1, 0.0]])
    close = fit_range(pair, VIEW)
    bounded = fit_range(pair, VIEW, smallest=5.0)
    assert bounded.range[1] - bounded.range[0] > 20 * (close.range[1] - close.range[0])


def test_the_camera_holds_still_until_the_cast_leaves_its_box_or_shrinks() -> None:
    follow = Follow()
    cast = np.array([[0.0, 0.0], [10.0, 0.0], [0.0, 6.0], [10.0, 6.0]])
    first = follow.update(cast, VIEW)
    assert first is not None
    nudged = cast + np.array([0.2, -0.1])  # a small drift inside the box: no move
    assert follow.update(nudged, VIEW) is first
    grown = np.vstack([cast, [[25.0, 3.0]]])  # someone joins beyond the edge: the camera makes room
    wider = follow.update(grown, VIEW)
    assert wider is not first and inside(wider, VIEW, grown).all()
    assert follow.update(grown * 0.95 + 0.3, VIEW) is wider  # shrinking a little: hold
    small = follow.update(cast[:2] * 0.3, VIEW)  # a much smaller cast: come closer
    assert small is not wider and (small.range[1] - small.range[0]) < 0.8 * (wider.range[1] - wider.range[0])


def test_a_resize_or_a_growing_caption_fits_again() -> None:
    follow = Follow()
    cast = np.array([[0.0, 0.0], [10.0, 6.0]])
    aim = follow.update(cast, VIEW)
    assert follow.update(cast, Viewport(1200.0, 640.0, VIEW.obstacles)) is not aim
    follow = Follow()
    aim = follow.update(cast, VIEW)
    assert aim is not None
    taller = Viewport(VIEW.width, VIEW.height, ((12.0, 12.0, 470.0, aim.box[1] + 40), VIEW.obstacles[1]))
    assert follow.update(cast, taller) is not aim


def test_a_dot_inside_both_ends_of_an_easing_stays_inside_between() -> None:
    rng = np.random.default_rng(3)
    a_points, b_points = rng.normal(size=(30, 2)), rng.normal(size=(30, 2)) * 4 + 3
    a, b = fit_range(a_points, VIEW), fit_range(b_points, VIEW)
    box = a.box if a.box == b.box else None
    if box is None:
        b = Aim(b.range, a.box)  # the guarantee is for one box; the window keeps the box it aimed with
        b_points = b_points[inside(b, VIEW, b_points)]
        a_points = a_points[: len(b_points)]
    for x in np.linspace(0, 1, 21):
        now = Aim(between(a.range, b.range, float(x)), a.box)
        moving = a_points + (b_points - a_points) * x
        assert inside(now, VIEW, moving, edge=13.9).all()


def test_an_actor_entering_outside_the_view_starts_at_its_edge() -> None:
    aim = fit_range(np.array([[0.0, 0.0], [4.0, 3.0]]), VIEW)
    far = np.array([[100.0, -50.0], [2.0, 1.0]])
    placed = clamp_into(aim, VIEW, far)
    assert inside(aim, VIEW, placed, edge=13.9).all()
    assert np.allclose(placed[1], far[1])  # one already in view stays where it is
