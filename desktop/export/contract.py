"""The one contract every exporter keeps: what to draw (:class:`Picture`), the options, and the atomic output.

The table of formats is :mod:`desktop.export.formats`, which imports the exporters; exporters import
only this module, never the table. Exporters write to a temporary file next to the target and rename it
into place, so a failed or cancelled export never leaves half a file.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import numpy as np

from desktop.core.metrics import CentralitySeries
from desktop.core.model import Dataset
from desktop.core.time_axis import Instant
from desktop.core.timeline import AggregationRule, Timeline
from desktop.export.complete import bytes_problem, file_problem
from desktop.io.atomic import describe_os_error, publish, resolve_destination, temp_beside
from desktop.viewer.frame import FrameInputs

ViewRange = tuple[tuple[float, float], tuple[float, float]]


class ExportError(Exception):
    """An export that cannot be done, with a message fit to show the user as it is."""


class Cancelled(ExportError):
    """The user stopped the export; nothing was written."""


@dataclass(frozen=True, eq=False)
class Picture:
    """What to draw: the same inputs the window's map is drawn from, without the window.

    ``positions`` and ``view_range`` carry "what is on screen" (the window's eased positions and zoom);
    left ``None`` the exporter lays the date out itself (the same deterministic layout the window
    computes) and fits the whole map, which is what the command line does.

    ``inputs`` (selection, comparison, tie filter, sizing) is the window's own
    :class:`~desktop.viewer.frame.FrameInputs`, drawn through the same function as the window's map, so
    the picture dims, rings and sizes what the window does. ``timeline``, if given, is the window's own
    (built for ``dataset`` and ``rule``) and is reused instead of building another.
    """

    dataset: Dataset
    at: Instant
    rule: AggregationRule = field(default_factory=AggregationRule)
    pins: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    positions: np.ndarray | None = None
    view_range: ViewRange | None = None
    inputs: FrameInputs = field(default_factory=FrameInputs)
    timeline: Timeline | None = None

    @property
    def selected(self) -> str | None:
        return self.inputs.selected_actor

    @property
    def size_by(self) -> str:
        return self.inputs.size_by

    @property
    def centrality(self) -> CentralitySeries | None:
        return self.inputs.centrality


@dataclass(frozen=True)
class StillOptions:
    """A picture's size in logical pixels; ``scale`` multiplies the pixels of a PNG (2 for high-DPI)."""

    size: tuple[int, int] = (1600, 1000)
    scale: float = 1.0
    transparent: bool = False

    def check(self) -> None:
        width, height = self.size
        if not (16 <= width <= 16384 and 16 <= height <= 16384):
            raise ExportError(f"size {width}×{height}: each side must be between 16 and 16384 pixels")
        if not 0.25 <= self.scale <= 8:
            raise ExportError(f"scale {self.scale:g}: must be between 0.25 and 8")
        if width * height * self.scale**2 > 400e6:
            raise ExportError(f"{width}×{height} at scale {self.scale:g} is more than 400 million pixels")


class Exporter(Protocol):
    """Writes ``path`` (atomically) or, with ``to_bytes``, returns the file's bytes and writes nothing."""

    def export(self, path: Path | str | None = None, to_bytes: bool = False) -> bytes | None: ...


class OutputFile:
    """Where an export is written while it runs, and how it is delivered when it is done.

    Every exporter goes through here, so every one is atomic (a temporary file beside the target,
    checked for completeness and renamed into place), every one refuses a folder as its target and
    an unwritable folder before any work, and a cancelled or failed export leaves nothing behind.
    """

    def __init__(self, path: Path | str | None, to_bytes: bool, suffix: str) -> None:
        self.to_bytes = to_bytes
        self.suffix = suffix
        self.target = None if path is None else Path(path)
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        if to_bytes:
            self._folder = tempfile.TemporaryDirectory(prefix="relmap-export-")
            self.temp = Path(self._folder.name) / f"export.{suffix}"
            return
        if self.target is None:
            raise ExportError("no output file given")
        check_target(self.target)
        try:
            self.temp = temp_beside(self.target, f".{suffix}")
        except OSError as exc:
            folder = resolve_destination(self.target).parent
            raise ExportError(f"{self.target}: cannot write in {folder} ({exc.strerror or exc})") from None

    def commit(self, size: int | None = None) -> bytes | None:
        """Check what was written to :attr:`temp` and deliver it: its bytes, or renamed over the target.

        ``size`` is how many bytes the file must hold when the caller knows it.
        """
        try:
            if size is None:
                _refuse_incomplete(self.suffix, file_problem(self.suffix, self.temp))
            if self.to_bytes:
                return self.temp.read_bytes()
            assert self.target is not None
            publish(self.temp, self.target, size=size)
            return None
        except OSError as exc:
            raise ExportError(describe_os_error(exc, self.target or "export")) from None
        finally:
            self.discard()

    def discard(self) -> None:
        """Remove whatever was written (a no-op after a commit)."""
        self.temp.unlink(missing_ok=True)
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None


def _refuse_incomplete(suffix: str, problem: str) -> None:
    if problem:
        raise ExportError(f"the {suffix.upper()} writer produced an incomplete file ({problem}); nothing was written")


def check_target(target: Path) -> None:
    """Refuse, before any rendering, a target that is a folder or lies in a folder that does not exist."""
    destination = resolve_destination(target)
    if destination.is_dir():
        raise ExportError(f"{target}: is a folder; give a file name (for example {target / 'map'}"
                          f"{target.suffix or '.png'})")
    folder = destination.parent if str(destination.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"{target}: the folder {folder} does not exist")


def write_output(path: Path | str | None, to_bytes: bool, suffix: str, write: Callable[[Path], None]) -> bytes | None:
    """Run ``write(temp_path)``, check the file is whole, and deliver it through an :class:`OutputFile`."""
    output = OutputFile(path, to_bytes, suffix)
    try:
        write(output.temp)
    except OSError as exc:
        output.discard()
        raise ExportError(describe_os_error(exc, output.target or "export")) from None
    except BaseException:
        output.discard()
        raise
    return output.commit()


def deliver_bytes(path: Path | str | None, to_bytes: bool, suffix: str, data: bytes) -> bytes | None:
    """A picture made in memory: check it is whole, then return it or write it atomically, every byte checked.

    Writing from Python rather than through Qt's file writers is what makes a full disk an
    ``OSError`` with its cause, instead of a codec's "Write Error" or a silently short file.
    """
    _refuse_incomplete(suffix, bytes_problem(suffix, data))
    if to_bytes:
        return data
    output = OutputFile(path, False, suffix)
    try:
        with open(output.temp, "wb") as stream:
            stream.write(data)
    except OSError as exc:
        output.discard()
        raise ExportError(describe_os_error(exc, output.target or "export")) from None
    except BaseException:
        output.discard()
        raise
    return output.commit(size=len(data))
