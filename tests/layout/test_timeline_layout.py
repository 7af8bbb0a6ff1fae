"""Positions per date: the same date always gives the same picture, whatever path led there."""

from __future__ import annotations

import numpy as np

from desktop.core.timeline import Timeline
from desktop.io.native import dataset_from_document
from desktop.layout.timeline_layout import MapLayout, tie_weights
from tests.conftest import tiny_document


def _layout() -> MapLayout:
    return MapLayout(Timeline(dataset_from_document(tiny_document())))


def test_a_date_gives_the_same_positions_whatever_came_before() -> None:
    t1, t2 = 735050.0 + 10, 735050.0 + 40
    direct = _layout().positions_at(t2)
    travelled = _layout()
    travelled.positions_at(t1)
    travelled.positions_at(t2 + 5)
    assert np.allclose(travelled.positions_at(t2), direct)


def test_pins_hold_an_actor_where_it_was_put() -> None:
    layout = _layout()
    t = layout.timeline.span[1]
    pinned = layout.positions_at(t, {"ann": (9.0, -3.0)})
    assert tuple(pinned[0]) == (9.0, -3.0)
    assert np.all(np.isfinite(pinned))


def test_hostile_ties_push_and_warm_ties_pull() -> None:
    weights = tie_weights(np.array([-2.0, -1.0, 0.0, 2.0]), np.array([1.0, 1.0, 1.0, 1.0]))
    assert weights[0] < weights[1] < 0 < weights[2] < weights[3]


def test_a_soured_tie_lengthens() -> None:
    layout = _layout()
    index = layout.timeline.dataset.actor_index
    warm = layout.positions_at(layout.timeline.dataset.axis.to_instant("2013-07-02"))
    sour = layout.positions_at(layout.timeline.dataset.axis.to_instant("2013-08-03"))

    def distance(p: np.ndarray) -> float:
        return float(np.linalg.norm(p[index["ann"]] - p[index["bob"]]))

    assert distance(sour) > distance(warm)


def test_callers_cannot_change_the_cached_picture_of_a_date() -> None:
    layout = _layout()
    t = layout.timeline.span[1]
    first = layout.positions_at(t)
    first[0] = (999.0, 999.0)  # what dragging an actor does to the array it was given
    assert tuple(layout.positions_at(t)[0]) != (999.0, 999.0)


def test_a_new_rule_can_reuse_the_whole_span_layout() -> None:
    from desktop.core.timeline import AggregationRule

    layout = _layout()
    base = layout.base_positions()
    other = MapLayout(layout.timeline.with_rule(AggregationRule(mode="cumulative")), base=base)
    assert other.base is base
