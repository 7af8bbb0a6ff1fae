"""Work off the GUI thread: one worker, the newest request wins, results come back as signals.

Qt objects are never touched from the worker: it computes numpy arrays and hands them back through
a queued signal, which Qt delivers on the GUI thread. Stale work is dropped here and only here: a job
still waiting when a newer one is submitted never runs, a running job can ask :meth:`is_current` to
give up early, and (with ``only_latest``) an answer that reaches the GUI thread after a newer request
was made is never signalled, so the caller sees only the answer to what it asked last.
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

_NOTHING = object()


class LatestOnlyWorker(QObject):
    """Runs one job at a time; a job submitted while another runs replaces any job still waiting.

    ``finished(tag, result)`` and ``failed(tag, exception)`` arrive on the GUI thread; with
    ``only_latest`` only for the tag submitted last (the map's layouts), otherwise for every job that
    ran (services that cache each answer). With ``synchronous=True`` jobs run inline, which tests and
    the headless exporter use.
    """

    finished = Signal(object, object)
    failed = Signal(object, object)
    _answered = Signal(object, object, bool)  # from the worker thread: tag, result or error, ok

    def __init__(self, name: str, *, synchronous: bool = False, only_latest: bool = False,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._synchronous = synchronous
        self._only_latest = only_latest
        self._executor = None if synchronous else ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._lock = threading.Lock()
        self._running = False
        self._pending: tuple[object, Callable[[], Any]] | None = None
        self._closed = False
        self._latest: object = _NOTHING
        self._answered.connect(self._deliver)

    def submit(self, tag: object, job: Callable[[], Any]) -> None:
        """Queue ``job``; if one is already waiting it is dropped unseen (it is stale)."""
        if self._closed:
            return  # the window is closing: nobody is left to receive the answer
        self._latest = tag
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

    def is_current(self, tag: object) -> bool:
        """Whether ``tag`` is still the newest request (a running job may poll this to give up early)."""
        return not self._closed and tag == self._latest

    def _run(self, tag: object, job: Callable[[], Any]) -> None:
        try:
            result = job()
        except Exception as exc:  # a failed job must never take the app down
            if not getattr(exc, "expected", False):
                log.exception("background job %r failed", tag)
            if self._alive():
                self._answered.emit(tag, exc, False)
        else:
            if self._alive():
                self._answered.emit(tag, result, True)

    def _deliver(self, tag: object, answer: object, ok: bool) -> None:
        """On the GUI thread: signal the answer unless a newer request was made meanwhile."""
        if self._closed or (self._only_latest and not self.is_current(tag)):
            return  # stale, or nobody is left to answer
        (self.finished if ok else self.failed).emit(tag, answer)

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
