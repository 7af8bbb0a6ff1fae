"""The table of export formats: what the export dialog lists and ``relmap export`` accepts, by suffix.

The dialog and the command both ask :func:`exporter_for` for the suffix the user typed, so a format
added to :data:`FORMATS` appears in both at once. This module imports the exporters; they import only
:mod:`desktop.export.contract`, so the table is plain imports that tools can check.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop.export.animation import GifExporter, Mp4Exporter
from desktop.export.contract import Exporter, ExportError
from desktop.export.image import PngExporter
from desktop.export.vector import PdfExporter, SvgExporter


@dataclass(frozen=True)
class Format:
    """An output format: what the dialog lists and the command line accepts."""

    suffix: str
    label: str
    animated: bool
    factory: Callable[..., Exporter]


# Stills first, then animations, in the order the dialog lists them.
FORMATS: tuple[Format, ...] = (
    Format("png", "PNG image", False, PngExporter),
    Format("svg", "SVG drawing", False, SvgExporter),
    Format("pdf", "PDF document", False, PdfExporter),
    Format("gif", "GIF animation", True, GifExporter),
    Format("mp4", "MP4 video", True, Mp4Exporter),
)


def formats() -> list[Format]:
    """Every format, stills first."""
    return list(FORMATS)


def exporter_for(path: Path | str) -> Format:
    """The format a file name asks for, or an :class:`ExportError` listing the ones there are."""
    suffix = Path(path).suffix.lower().lstrip(".")
    for found in FORMATS:
        if found.suffix == suffix:
            return found
    known = ", ".join(f".{f.suffix}" for f in FORMATS)
    raise ExportError(f"{path}: cannot export to {'.' + suffix if suffix else 'a file without a suffix'} "
                      f"(choose one of {known})")
