"""Progress and cancellation for long loads, without any GUI.

A caller passes ``progress: Callable[[float], bool]``; readers call it with the fraction done (0…1)
every few thousand elements and stop with :class:`LoadCancelled` when it returns False. The window's
callback only stores a number and reads a flag, so the hook costs nothing measurable; the window polls
the number from its own thread, so no Qt object is touched from the reader's thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import IO

ProgressCallback = Callable[[float], "bool | None"]  # False (not None) says stop

EVERY = 4096  # elements between two calls: often enough for a smooth bar, rare enough to be free


class LoadCancelled(Exception):
    """The user stopped the load; nothing is wrong with the file."""

    expected = True


class Progress:
    """One phase of a load mapped onto a slice ``[lo, hi]`` of the caller's 0…1 bar."""

    __slots__ = ("callback", "hi", "lo")

    def __init__(self, callback: ProgressCallback | None, lo: float = 0.0, hi: float = 1.0) -> None:
        self.callback = callback
        self.lo = lo
        self.hi = hi

    def __call__(self, fraction: float) -> None:
        """Report ``fraction`` of this phase; raise :class:`LoadCancelled` if the caller said stop."""
        if self.callback is None:
            return
        if self.callback(self.lo + (self.hi - self.lo) * min(max(fraction, 0.0), 1.0)) is False:
            raise LoadCancelled("loading was cancelled")

    @classmethod
    def of(cls, progress: Progress | ProgressCallback | None) -> Progress:
        """Readers accept a bare callback (or nothing) as well as a phase handed down by the registry."""
        return progress if isinstance(progress, Progress) else cls(progress)

    def part(self, lo: float, hi: float) -> Progress:
        """A sub-phase: ``part(0.5, 1.0)`` of a phase covering 0.2…0.6 reports 0.4…0.6."""
        span = self.hi - self.lo
        return Progress(self.callback, self.lo + span * lo, self.lo + span * hi)

    def every(self, index: int, total: int) -> None:
        """Cheap per-element call: reports only every :data:`EVERY` elements."""
        if self.callback is not None and not index % EVERY:
            self(index / total if total else 0.0)


class ProgressReader:
    """A binary file wrapper reporting how far a parser has read, for parsers that take a file object."""

    def __init__(self, handle: IO[bytes], size: int, progress: Progress) -> None:
        self._handle = handle
        self._size = max(size, 1)
        self._progress = progress
        self._read = 0

    def read(self, n: int = -1) -> bytes:
        data = self._handle.read(n)
        self._read += len(data)
        self._progress(self._read / self._size)
        return data
