"""``relmap export``: the command-line face of the exporters, headless and deterministic.

``cli.py`` owns the program (exit codes, the one-line error format); this module owns the export
arguments and turns them into a :class:`Picture` and options for the format the output suffix names.
Every failure it can foresee is an :class:`ExportError` whose message is the whole story.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.model import Dataset
from desktop.core.time_axis import TimeParseError
from desktop.export.contract import ExportError, Picture, StillOptions, check_target

if TYPE_CHECKING:
    from desktop.export.motion import MovieOptions


def add_arguments(parser: argparse.ArgumentParser, size_type: object) -> None:
    """The export subcommand's options (``size_type`` parses WIDTHxHEIGHT, shared with the rest of the CLI)."""
    parser.add_argument("dataset", nargs="?", type=Path, help="dataset file (default: the built-in one)")
    parser.add_argument("-o", "--output", type=Path, required=True,
                        help="output file: .png, .svg, .pdf (one date) or .gif, .mp4 (a date range)")
    parser.add_argument("--size", type=size_type, default=(1600, 1000), help="WIDTHxHEIGHT in pixels")
    still = parser.add_argument_group("a picture of one date (.png, .svg, .pdf)")
    still.add_argument("--at", help="date to render (default: the dataset's last date)")
    still.add_argument("--scale", type=float, default=1.0, help="device pixels per pixel for PNG (2 for high-DPI)")
    still.add_argument("--transparent", action="store_true", help="no background behind the map")
    movie = parser.add_argument_group("an animation of a date range (.gif, .mp4)")
    movie.add_argument("--from", dest="start", help="first date (default: the dataset's first)")
    movie.add_argument("--to", dest="end", help="last date (default: the dataset's last)")
    movie.add_argument("--fps", type=float, default=None, help="frames per second (default 30 for MP4, 20 for GIF)")
    pace = movie.add_mutually_exclusive_group()
    pace.add_argument("--days-per-second", type=float, help="playback speed in days (axis units) per second")
    pace.add_argument("--duration", type=float, help="length of the animation in seconds (default 12)")
    movie.add_argument("--easing", choices=("smooth", "linear"), default="smooth",
                       help="how positions move between layout dates")


def run(args: argparse.Namespace, load_dataset: Callable[[], Dataset]) -> str:
    """Write the export the arguments describe and return the line to print.

    The output suffix and the destination (not a folder, in a folder that exists) are checked before the
    dataset is read, so a typo fails at once.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop.export.formats import exporter_for  # the exporters bring Qt: only once an export runs

    fmt = exporter_for(args.output)
    check_target(args.output)
    dataset = load_dataset()
    if not any(i.a != i.b for event in dataset.events for i in event.interactions):
        name = Path(dataset.origin).name if dataset.origin else dataset.title
        raise ExportError(f"{name}: nothing to draw: {len(dataset.actors)} actors and no ties between them "
                          "(the file has no edges, or every edge was skipped: see relmap validate)")
    if fmt.animated:
        return _run_animation(args, dataset, fmt.suffix)
    if args.start or args.end:
        raise ExportError(f"--from/--to make an animation: write to .gif or .mp4, not .{fmt.suffix}")
    at = _instant(dataset, args.at, "--at", dataset.span[1])
    options = StillOptions(size=args.size, scale=args.scale, transparent=args.transparent)
    options.check()
    fmt.factory(Picture(dataset, at), options).export(args.output)
    width, height = args.size
    detail = f"{round(width * args.scale)}×{round(height * args.scale)}" if fmt.suffix == "png" else f"{width}×{height}"
    return f"wrote {args.output} ({detail}, {dataset.axis.format(at)})"


def _run_animation(args: argparse.Namespace, dataset: Dataset, suffix: str) -> str:
    from desktop.export.motion import MovieOptions

    if args.at:
        raise ExportError(f"--at draws one date: write to .png, .svg or .pdf, or give --from/--to for .{suffix}")
    start = _instant(dataset, args.start, "--from", dataset.span[0])
    end = _instant(dataset, args.end, "--to", dataset.span[1])
    options = MovieOptions(
        size=args.size, start=start, end=end, fps=args.fps or (20.0 if suffix == "gif" else 30.0),
        days_per_second=args.days_per_second, duration=args.duration, easing=args.easing,
    )
    frames = run_to_end(dataset, options, args.output)
    return (f"wrote {args.output} ({frames} frames, {args.size[0]}×{args.size[1]}, "
            f"{dataset.axis.format(start)} – {dataset.axis.format(end)})")


def _instant(dataset: Dataset, text: str | None, flag: str, default: float) -> float:
    if text is None:
        return default
    try:
        return dataset.axis.to_instant(text)
    except TimeParseError as exc:
        raise ExportError(f"{flag}: {exc}") from None


def run_to_end(dataset: Dataset, options: MovieOptions, path: Path | str) -> int:
    """Headless: write the animation of ``dataset`` to ``path``; returns the number of frames."""
    from desktop.export.formats import exporter_for

    fmt = exporter_for(path)
    exporter = fmt.factory(Picture(dataset, options.start), options)
    exporter.export(path)
    return options.frame_count
