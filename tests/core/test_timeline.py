"""The temporal model: ties as decayed aggregations of dated interactions."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from desktop.core.timeline import AggregationRule, SnapshotDiff, Timeline
from desktop.io.native import dataset_from_document
from tests.conftest import tiny_document


@pytest.fixture
def timeline() -> Timeline:
    return Timeline(dataset_from_document(tiny_document()))


def test_nothing_exists_before_the_first_event(timeline: Timeline) -> None:
    snap = timeline.snapshot_at(dt.date(2013, 6, 30))
    assert len(snap) == 0
    assert not snap.actor_visible.any()


def test_a_tie_appears_with_its_first_interaction(timeline: Timeline) -> None:
    tie = timeline.snapshot_at("2013-07-01").tie("bob", "ann")
    assert tie is not None
    assert tie.tension == pytest.approx(2.0)
    assert tie.intensity == pytest.approx(1.0)
    assert timeline.snapshot_at("2013-07-01").visible_actor_ids == ("ann", "bob")


def test_intensity_halves_every_half_life(timeline: Timeline) -> None:
    tie = timeline.snapshot_at(dt.date(2013, 7, 31)).tie("ann", "bob")
    assert tie is not None
    assert tie.intensity == pytest.approx(0.5)


def test_tension_is_the_decay_weighted_mean_of_tones(timeline: Timeline) -> None:
    # On 1 August the quarrel (weight 1, tone -2) outweighs the warm meeting 31 days earlier.
    tie = timeline.snapshot_at(dt.date(2013, 8, 1)).tie("ann", "bob")
    old = 0.5 ** (31 / 30)
    assert tie is not None
    assert tie.intensity == pytest.approx(1 + old)
    assert tie.tension == pytest.approx((2 * old - 2) / (1 + old))
    assert tie.tension < 0


def test_a_tie_fades_out_below_the_threshold(timeline: Timeline) -> None:
    # 0.5 ** (t / 30) < 0.1 after about 100 days.
    assert timeline.snapshot_at(dt.date(2013, 11, 30)).tie("ann", "bob") is None
    # Actors stay on the map once they have appeared.
    assert timeline.snapshot_at(dt.date(2013, 11, 30)).actor_visible.all()


def test_window_and_cumulative_rules(timeline: Timeline) -> None:
    window = timeline.with_rule(AggregationRule(mode="window", window=10))
    assert window.snapshot_at("2013-07-05").tie("ann", "bob") is not None
    assert window.snapshot_at("2013-07-20").tie("ann", "bob") is None
    cumulative = timeline.with_rule(AggregationRule(mode="cumulative"))
    tie = cumulative.snapshot_at("2014-12-31").tie("ann", "bob")
    assert tie is not None
    assert tie.intensity == pytest.approx(2.0)
    assert tie.tension == pytest.approx(0.0)


def test_rules_describe_themselves() -> None:
    assert "30 days" in AggregationRule().describe()
    assert "last 14 days" in AggregationRule(mode="window", window=14).describe()
    assert "every interaction" in AggregationRule(mode="cumulative").describe()


def test_interval_events_count_fully_while_they_last() -> None:
    doc = tiny_document()
    doc["events"][2]["end_date"] = "2013-10-01"
    timeline = Timeline(dataset_from_document(doc))
    tie = timeline.snapshot_at("2013-09-20").tie("bob", "cat")
    assert tie is not None
    assert tie.intensity == pytest.approx(1.0)


def test_diff_says_what_changed(timeline: Timeline) -> None:
    before = timeline.snapshot_at("2013-07-15")
    after = timeline.snapshot_at("2013-08-02")
    diff = SnapshotDiff.between(before, after)
    assert set(diff.actors_in) == {"cat"}
    assert len(diff.added) == 1  # bob–cat
    assert len(diff.reweighted) == 1  # ann–bob soured
    assert SnapshotDiff.between(after, after).is_empty


def test_the_events_behind_a_tie(timeline: Timeline) -> None:
    history = timeline.interactions_between("bob", "ann")
    assert [event.id for event, _ in history] == ["e1", "e2"]
    assert [i.tone for _, i in history] == [2, -2]
    assert timeline.interactions_between("ann", "cat") == []
    assert [e.id for e, _ in timeline.interactions_between("ann", "bob", until=timeline.span[0])] == ["e1"]


def test_snapshots_are_cheap_arrays(timeline: Timeline) -> None:
    snap = timeline.snapshot_at("2013-08-15")
    assert snap.tension.dtype == np.float64
    assert np.all(snap.source < snap.target)
    assert timeline.last_event_at_or_before(timeline.span[0] - 1) is None
    assert timeline.dataset.events[timeline.last_event_at_or_before(snap.time)].id == "e3"  # same day as e2, later id


def test_the_busiest_time_is_when_most_ties_are_on_the_map(timeline: Timeline) -> None:
    busiest = timeline.busiest_time()
    assert busiest == timeline.dataset.axis.to_instant("2013-08-01")
    assert len(timeline.snapshot_at(busiest)) == 2


def test_a_pair_history_matches_the_snapshots(timeline: Timeline) -> None:
    times = np.linspace(timeline.span[0] - 5, timeline.span[1] + 150, 40)
    tension, intensity = timeline.pair_history("bob", "ann", times)
    for t, tension_t, intensity_t in zip(times, tension, intensity, strict=True):
        tie = timeline.snapshot_at(float(t)).tie("ann", "bob")
        if tie is None:
            assert np.isnan(tension_t) and intensity_t == 0
        else:
            assert tension_t == pytest.approx(tie.tension) and intensity_t == pytest.approx(tie.intensity)
    none, _ = timeline.pair_history("ann", "cat", times)
    assert np.isnan(none).all()


def test_small_file_weights_still_make_ties() -> None:
    doc = tiny_document()
    for event in doc["events"]:
        for interaction in event["interactions"]:
            interaction["weight"] = 0.05  # e.g. a file counting letters as 0.05 each
    timeline = Timeline(dataset_from_document(doc))
    assert timeline.snapshot_at("2013-08-02").tie("ann", "bob") is not None
    cumulative = timeline.with_rule(AggregationRule(mode="cumulative"))
    assert len(cumulative.snapshot_at("2014-12-31")) == 2
