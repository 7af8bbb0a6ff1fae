"""The background worker: newest request wins, stale answers are dropped in one place, synchronous for tests."""

from __future__ import annotations

import threading

import pytest

from desktop.gui.workers import LatestOnlyWorker


def test_synchronous_jobs_answer_before_submit_returns(qtbot) -> None:
    worker = LatestOnlyWorker("test", synchronous=True)
    answers: list[tuple[object, object]] = []
    errors: list[tuple[object, object]] = []
    worker.finished.connect(lambda tag, result: answers.append((tag, result)))
    worker.failed.connect(lambda tag, error: errors.append((tag, error)))
    worker.submit("a", lambda: 41 + 1)
    assert answers == [("a", 42)] and errors == []

    def broken() -> None:
        raise ValueError("no")

    worker.submit("b", broken)
    assert len(errors) == 1 and errors[0][0] == "b" and isinstance(errors[0][1], ValueError)
    assert worker.is_idle() and worker.is_current("b") and not worker.is_current("a")


def test_a_closed_worker_answers_nothing(qtbot) -> None:
    worker = LatestOnlyWorker("test", synchronous=True)
    answers: list[object] = []
    worker.finished.connect(lambda tag, result: answers.append(result))
    worker.shutdown()
    worker.submit("a", lambda: 1)
    assert answers == [] and not worker.is_current("a")


@pytest.mark.parametrize("only_latest", [True, False])
def test_an_answer_overtaken_by_a_newer_request_is_dropped_only_when_asked(qtbot, only_latest: bool) -> None:
    worker = LatestOnlyWorker("test", only_latest=only_latest)
    release = threading.Event()
    answers: list[object] = []
    worker.finished.connect(lambda tag, result: answers.append(tag))

    def slow() -> str:
        release.wait(10)
        return "old"

    worker.submit("old", slow)
    worker.submit("waiting", lambda: "dropped unseen")  # replaced before it runs
    with qtbot.waitSignal(worker.finished, timeout=10_000):
        worker.submit("new", lambda: "new")
        release.set()
    qtbot.waitUntil(worker.is_idle, timeout=10_000)
    qtbot.waitUntil(lambda: "new" in answers, timeout=10_000)
    assert "waiting" not in answers
    assert answers == (["new"] if only_latest else ["old", "new"])
    worker.shutdown()


def test_a_running_job_can_see_it_is_stale(qtbot) -> None:
    worker = LatestOnlyWorker("test", only_latest=True)
    started, release = threading.Event(), threading.Event()
    seen: list[bool] = []

    def job() -> None:
        started.set()
        release.wait(10)
        seen.append(worker.is_current("first"))

    worker.submit("first", job)
    assert started.wait(10)
    worker.submit("second", lambda: None)
    release.set()
    qtbot.waitUntil(worker.is_idle, timeout=10_000)
    assert seen == [False]
    worker.shutdown()
