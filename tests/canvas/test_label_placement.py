"""Name placement by grid: the same names in the same spots as the plain per-name reading of the rules,
and every anchor against its own dot."""

from __future__ import annotations

import numpy as np
import pytest

from desktop.canvas import label_placement
from desktop.canvas.label_placement import GAP, SIDE_GAP, DotIndex, anchor, place_labels
from tests.canvas import label_reference


def _scene(seed: int, n: int, size: tuple[float, float] = (900.0, 600.0)):
    """A random map in screen pixels: clustered dots of several sizes, some off screen or not shown."""
    rng = np.random.default_rng(seed)
    centres = rng.uniform((0, 0), size, (max(n // 60, 1), 2))
    xy = centres[rng.integers(0, len(centres), n)] + rng.normal(0, 40 + 60 * rng.random(), (n, 2))
    radius = rng.choice([3.0, 4.5, 6.0, 8.0, 11.0], n)
    widths = rng.uniform(30, 110, n)
    shown = rng.random(n) < 0.9
    on_screen = shown & (xy[:, 0] >= 0) & (xy[:, 0] <= size[0]) & (xy[:, 1] >= 0) & (xy[:, 1] <= size[1])
    dots = np.full((n, 3), -1e9)
    dots[shown, :2], dots[shown, 2] = xy[shown], radius[shown]
    candidates = np.flatnonzero(on_screen)
    order = rng.permutation(candidates)[: min(len(candidates), 300 if n <= 1500 else 100)]
    obstacles = [(10.0, 10.0, 220.0, 70.0), (size[0] - 230, size[1] - 200, 220.0, 190.0)]
    return xy, radius, widths, order, obstacles, size, dots, shown


@pytest.mark.parametrize(("seed", "n"), [(1, 12), (2, 150), (3, 600), (4, 1400), (5, 1600), (6, 5000),
                                         (7, 20000), (8, 3)])
def test_grid_placement_names_the_same_actors_in_the_same_spots_as_the_reference(seed: int, n: int) -> None:
    xy, radius, widths, order, obstacles, size, dots, shown = _scene(seed, n)
    always = min(10, len(order))
    args = (xy, radius, widths, 13.0, order, always, obstacles, size, dots, shown)
    assert place_labels(*args) == label_reference.place_labels(*args)
    # Without the dots and mask (every actor on screen): the reference's other branch.
    assert (place_labels(xy, radius, widths, 13.0, order, always, [], size)
            == label_reference.place_labels(xy, radius, widths, 13.0, order, always, [], size))


def test_every_placed_anchor_lies_against_its_own_dot() -> None:
    xy, radius, widths, order, obstacles, size, dots, shown = _scene(11, 5000)
    placed = place_labels(xy, radius, widths, 13.0, order, 10, obstacles, size, dots, shown)
    assert len(placed) > 10
    others = np.flatnonzero(shown)
    for actor, _rect, side in placed:
        ax, ay = anchor(side, xy[actor, 0], xy[actor, 1], radius[actor])
        edge = np.hypot(dots[others, 0] - ax, dots[others, 1] - ay) - dots[others, 2]
        edge[others == actor] = np.inf
        assert edge.min() >= (GAP if side < 2 else SIDE_GAP) - 1e-9


def test_dot_index_answers_as_a_scan_of_every_dot() -> None:
    rng = np.random.default_rng(3)
    n = 3000
    dots = np.column_stack([rng.uniform(-50, 950, n), rng.uniform(-50, 650, n), rng.choice([3.0, 7.5, 11.0], n)])
    shown = rng.random(n) < 0.8
    dots[~shown] = -1e9
    dots[5] = (1e12, 3.0, 4.0)  # zoomed far in: a dot millions of pixels off screen
    dots[6] = (np.nan, 3.0, 4.0)
    window = (0.0, 0.0, 900.0, 600.0)
    index = DotIndex(dots, shown, window)
    actor = rng.integers(0, n, 4000)
    ax, ay = rng.uniform(-80, 980, 4000), rng.uniform(-80, 680, 4000)
    ax[:3] = (1e12, -1e15, np.nan)
    distance = rng.choice([GAP, SIDE_GAP, SIDE_GAP + 1.0], 4000)
    owned = index.owns_many(actor, ax, ay, distance)
    rows = np.flatnonzero(shown & np.isfinite(dots[:, 0]))
    inside = (ax >= 0) & (ax <= 900) & (ay >= 0) & (ay <= 600)
    assert not owned[~inside].any()  # nothing is drawn outside the window: no name is anchored there
    for k in np.flatnonzero(inside):
        edge = np.hypot(dots[rows, 0] - ax[k], dots[rows, 1] - ay[k]) - dots[rows, 2]
        expected = not np.any((edge < distance[k]) & (rows != actor[k]))
        assert owned[k] == expected, k
    assert index.owns(int(actor[7]), float(ax[7]), float(ay[7]), float(distance[7])) == owned[7]
    with pytest.raises(ValueError, match="reaches"):
        index.owns_many(actor[:1], ax[:1], ay[:1], np.array([50.0]))
    empty = DotIndex(np.zeros((0, 3)), np.zeros(0, bool), window)
    assert (empty.owns_many(actor[:50], ax[:50], ay[:50], distance[:50]) == inside[:50]).all()
    # A window of more cells than 16 bits count (a huge screen, small dots) sorts them all the same.
    big = DotIndex(dots, shown, (-3000.0, -3000.0, 9000.0, 9000.0))
    assert (big.owns_many(actor, ax, ay, distance)[inside] == owned[inside]).all()


def test_placement_cost_follows_the_names_tried_not_the_dots(monkeypatch: pytest.MonkeyPatch) -> None:
    """One grid query for every candidate and side, not one per spot."""
    calls: list[int] = []
    original = DotIndex.owns_many

    def counted(self, *args, **kwargs):
        calls.append(len(args[1]))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(label_placement.DotIndex, "owns_many", counted)
    xy, radius, widths, order, obstacles, size, dots, shown = _scene(21, 20000)
    place_labels(xy, radius, widths, 13.0, order, 10, obstacles, size, dots, shown)
    assert len(calls) == 1
