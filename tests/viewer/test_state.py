"""The evented state: one place of truth, announced changes, no stale derived data."""

from __future__ import annotations

from desktop.core.timeline import AggregationRule, Timeline
from desktop.io.native import dataset_from_document
from desktop.viewer.state import ViewerState
from tests.conftest import tiny_document


def test_opening_a_dataset_clears_what_belonged_to_the_old_one() -> None:
    state = ViewerState()
    state.open_dataset(dataset_from_document(tiny_document()))
    state.selected_actor = "ann"
    state.pins = {"ann": (1.0, 2.0)}
    seen: list[str] = []
    state.events.dataset.connect(lambda d: seen.append(f"dataset at {state.current_time}"))
    other = dataset_from_document(tiny_document())
    state.open_dataset(other, at=other.span[0] - 100)
    assert state.selected_actor is None and state.pins == {}
    assert state.current_time == other.span[0]  # clamped into the new span
    assert seen == [f"dataset at {other.span[0]}"]  # the date was already right when views heard of it


def test_a_prepared_timeline_is_reused_only_if_it_fits() -> None:
    state = ViewerState()
    dataset = dataset_from_document(tiny_document())
    prepared = Timeline(dataset, state.rule)
    state.open_dataset(dataset, timeline=prepared)
    assert state.timeline is prepared
    state.rule = AggregationRule(mode="cumulative")
    assert state.timeline is not prepared and state.timeline.rule.mode == "cumulative"
    stranger = Timeline(dataset_from_document(tiny_document()))
    state.open_dataset(dataset, timeline=stranger)
    assert state.timeline is not stranger
