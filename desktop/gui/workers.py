"""Work off the GUI thread: one worker, the newest request wins, results come back as signals.

Qt objects are never touched from the worker: it computes numpy arrays and hands them back through
a queued signal, which Qt delivers on the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class LatestOnlyWorker(QObject):
    """Runs one job at a time; a job submitted while another runs replaces any job still waiting.

    ``finished(tag, result)`` and ``failed(tag, exception)`` arrive on the GUI thread. With
    ``synchronous=True`` jobs run inline, which tests and the headless exporter use.
    """

    finished = Signal(object, object)
    failed = Signal(object, object)

    def __init__(self, name: str, *, synchronous: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._synchronous = synchronous
        self._executor = None if synchronous else ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._lock = threading.Lock()
        self._running = False
        self._pending: tuple[object, Callable[[], Any]] | None = None
        self._closed = False

    def submit(self, tag: object, job: Callable[[], Any]) -> None:
        """Queue ``job``; if one is already waiting it is dropped unseen (it is stale)."""
        if self._closed:
            return  # the window is closing: nobody is left to receive the answer
        if self._synchronous:
            self._run(tag, job)
            return
        with self._lock:
            if self._running:
                self._pending = (tag, job)
                return
            self._running = True
        assert self._executor is not None
        future = self._executor.submit(self._run, tag, job)
        future.add_done_callback(self._on_done)

    def _run(self, tag: object, job: Callable[[], Any]) -> None:
        try:
            result = job()
        except Exception as exc:  # a failed job must never take the app down
            if not getattr(exc, "expected", False):
                log.exception("background job %r failed", tag)
            if self._alive():
                self.failed.emit(tag, exc)
        else:
            if self._alive():
                self.finished.emit(tag, result)

    def _alive(self) -> bool:
        """False once Qt has deleted this object (its window closed): emitting then would crash."""
        return not self._closed and shiboken6.isValid(self)

    def _on_done(self, _future: Future[None]) -> None:
        with self._lock:
            pending, self._pending = self._pending, None
            if pending is None:
                self._running = False
                return
        assert self._executor is not None
        future = self._executor.submit(self._run, *pending)
        future.add_done_callback(self._on_done)

    def is_idle(self) -> bool:
        with self._lock:
            return not self._running and self._pending is None

    def shutdown(self) -> None:
        """Drop waiting work and wait for the running job; nothing is signalled after this returns."""
        if self._executor is not None:
            with self._lock:
                self._pending = None
            self._executor.shutdown(wait=True, cancel_futures=True)
        self._closed = True
