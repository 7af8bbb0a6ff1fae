"""Shared metrics: computed once per question, failures reported, answers available at once when synchronous."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import desktop.gui.metrics_service as service_module
from desktop.gui.metrics_service import MetricsService
from desktop.io.native import load_dataset
from desktop.viewer.state import ViewerState


@pytest.fixture
def state(write_dataset: Callable[..., Path]) -> ViewerState:
    state = ViewerState()
    state.open_dataset(load_dataset(write_dataset()))
    return state


def test_a_comparison_asked_twice_is_computed_once(qtbot, state: ViewerState, monkeypatch) -> None:
    calls: list[tuple[float, float]] = []
    real = service_module.compare

    def counted(timeline, a, b, top):
        calls.append((a, b))
        return real(timeline, a, b, top=top)

    monkeypatch.setattr(service_module, "compare", counted)
    service = MetricsService(state)  # a real background worker
    start, end = state.dataset.span
    service.changes(start, end)
    service.changes(start, end)
    qtbot.waitUntil(lambda: service.changes(start, end) is not None, timeout=10000)
    assert calls == [(start, end)]


def test_centrality_is_there_at_once_in_synchronous_mode(qtbot, state: ViewerState) -> None:
    assert MetricsService(state, synchronous=True).centrality() is not None


def test_a_failed_computation_is_reported_and_can_be_retried(qtbot, state: ViewerState, monkeypatch) -> None:
    def broken(*_: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(service_module, "centrality_series", broken)
    service = MetricsService(state, synchronous=True)
    assert service.centrality() is None
    assert "disk on fire" in state.status
    monkeypatch.undo()
    assert service.centrality() is not None
