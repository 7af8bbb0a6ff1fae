"""Stopping a run from another thread (the window's Stop button): it ends as cancelled and writes nothing."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from desktop.events import AggregateCancelled, AggregateJob, Selection
from tests.events.eventfiles import gdelt_row


def test_cancel_during_the_scan_stops_the_run(tmp_path: Path) -> None:
    block = "\n".join(gdelt_row(n, f"2013{7 + n % 6:02d}{1 + n % 28:02d}", "ISRGOV", "PSEGOV" if n % 3 else "USAGOV",
                                f"{n % 20 - 10}.0") for n in range(1000)) + "\n"
    source = tmp_path / "big.export.CSV"
    source.write_text(block * 400, encoding="utf-8")  # 400,000 rows
    job = AggregateJob([str(source)], Selection(bucket="day"))
    outcome: list[BaseException | object] = []

    def run() -> None:
        try:
            outcome.append(job.run())
        except BaseException as exc:
            outcome.append(exc)

    worker = threading.Thread(target=run)
    worker.start()
    deadline = time.monotonic() + 120
    while job.stage != "scanning" and not outcome and time.monotonic() < deadline:
        threading.Event().wait(0.005)
    job.cancel()
    worker.join(120)
    assert not worker.is_alive()
    assert len(outcome) == 1 and isinstance(outcome[0], AggregateCancelled)
    assert not [p for p in tmp_path.iterdir() if p != source]  # nothing written, no temporary left behind


def test_progress_is_none_before_and_after_a_run() -> None:
    job = AggregateJob(["x"], Selection())
    assert job.progress() is None
    with pytest.raises(Exception, match="x: no such file"):
        job.run()
    assert job.progress() is None
