"""The one contract every exporter keeps, and the registry that picks one by file suffix.

The export dialog and the ``relmap export`` command both ask :func:`exporter_for` for the suffix the
user typed, so a format added here appears in both at once. Exporters write to a temporary file next
to the target and rename it into place, so a failed or cancelled export never leaves half a file.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from desktop.core.model import Dataset
from desktop.core.time_axis import Instant
from desktop.core.timeline import AggregationRule

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
    """

    dataset: Dataset
    at: Instant
    rule: AggregationRule = field(default_factory=AggregationRule)
    pins: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    selected: str | None = None
    positions: np.ndarray | None = None
    view_range: ViewRange | None = None


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


@dataclass(frozen=True)
class Format:
    """A registered output format: what the dialog lists and the command line accepts."""

    suffix: str
    label: str
    animated: bool
    factory: Callable[..., Exporter]


_FORMATS: dict[str, Format] = {}


def register(suffix: str, label: str, *, animated: bool = False) -> Callable[[Any], Any]:
    """Class decorator: make an exporter available for ``suffix`` (without the dot)."""

    def wrap(cls: Any) -> Any:
        _FORMATS[suffix] = Format(suffix, label, animated, cls)
        return cls

    return wrap


def formats() -> list[Format]:
    """Every format, stills first; importing the exporter modules registers them."""
    _load_all()
    return sorted(_FORMATS.values(), key=lambda f: (f.animated, list(_FORMATS).index(f.suffix)))


def exporter_for(path: Path | str) -> Format:
    """The format a file name asks for, or an :class:`ExportError` listing the ones there are."""
    _load_all()
    suffix = Path(path).suffix.lower().lstrip(".")
    found = _FORMATS.get(suffix)
    if found is None:
        known = ", ".join(f".{s}" for s in _FORMATS)
        raise ExportError(f"{path}: cannot export to {'.' + suffix if suffix else 'a file without a suffix'} "
                          f"(choose one of {known})")
    return found


def _load_all() -> None:
    from desktop.export import animation, image, vector  # noqa: F401  (registers the formats)


def write_output(path: Path | str | None, to_bytes: bool, suffix: str, write: Callable[[Path], None]) -> bytes | None:
    """Run ``write(temp_path)`` and deliver the result: renamed over ``path``, or read back as bytes.

    Every exporter ends here, so every one is atomic and every one reports an unwritable folder the
    same way.
    """
    if to_bytes:
        with tempfile.TemporaryDirectory(prefix="relmap-export-") as folder:
            temp = Path(folder) / f"export.{suffix}"
            write(temp)
            return temp.read_bytes()
    if path is None:
        raise ExportError("no output file given")
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"{target}: the folder {folder} does not exist")
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=f".{suffix}", dir=folder)
    except OSError as exc:
        raise ExportError(f"{target}: cannot write in {folder} ({exc.strerror or exc})") from None
    os.close(handle)
    temp = Path(temp_name)
    try:
        write(temp)
        os.chmod(temp, 0o666 & ~_umask())  # mkstemp makes the file private; an export is an ordinary file
        os.replace(temp, target)
    except OSError as exc:
        raise ExportError(f"{target}: {exc.strerror or exc}") from None
    finally:
        temp.unlink(missing_ok=True)
    return None


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
