"""Several files as ordered snapshots of one network, merged into one dataset on a number axis.

Some data keep time only in file names: Sampson's monastery ``samplike1.txt`` … ``samplike3.txt``, a
folder of yearly exports. Each file is read by its own reader and becomes one instant: the number in its
name when every file has a distinct one (``period-1990.csv`` → 1990), else its position (1, 2, 3 …).
Every edge of a file becomes an event at that instant; actors are the union, the first file's wins.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from desktop.core.model import Actor, Dataset, Event, Group
from desktop.core.time_axis import TimeAxis
from desktop.io.problems import DatasetError, LoadReport, LoadResult
from desktop.io.progress import Progress, ProgressCallback

LABEL = "Snapshot series"
_NUMBER = re.compile(r"(\d+(?:\.\d+)?)")


def _name_number(path: Path) -> float | None:
    """The last number in the file's name (``samplike3`` → 3, ``net_1990_v2`` → 2, so last wins)."""
    found = _NUMBER.findall(path.stem)
    return float(found[-1]) if found else None


def snapshot_instants(paths: Sequence[Path]) -> list[float]:
    """Numbers from the names when they tell the files apart, else 1, 2, 3 … in the order given."""
    numbers = [_name_number(Path(p)) for p in paths]
    if all(n is not None for n in numbers) and len(set(numbers)) == len(numbers):
        return [float(n) for n in numbers]  # type: ignore[arg-type]
    return [float(k + 1) for k in range(len(paths))]


def order_snapshots(paths: Sequence[Path]) -> list[Path]:
    """Files in snapshot order: by the number in their names if each has a distinct one, else by name."""
    paths = [Path(p) for p in paths]
    numbers = [_name_number(p) for p in paths]
    if all(n is not None for n in numbers) and len(set(numbers)) == len(numbers):
        return [paths[i] for i in sorted(range(len(paths)), key=lambda i: numbers[i])]  # type: ignore[arg-type, return-value]
    return sorted(paths, key=lambda p: p.name.lower())


def merge_snapshots(results: Sequence[LoadResult], instants: Sequence[float], title: str = "") -> LoadResult:
    """One dataset from per-file results: every event of result *k* moved to ``instants[k]``."""
    if not results:
        raise ValueError("no snapshots to merge")
    first = results[0]
    report = LoadReport(first.report.path, LABEL)
    actors: dict[str, Actor] = {}
    groups: dict[str, Group] = {}
    events: list[Event] = []
    for k, (result, instant) in enumerate(zip(results, instants, strict=True)):
        dataset = result.dataset
        for actor in dataset.actors:
            actors.setdefault(actor.id, replace(actor, start=None, end=None))
        for group in dataset.groups:
            groups.setdefault(group.id, group)
        events += [replace(event, id=f"{k + 1}:{event.id}", time=instant, end_time=None, date_precision="day")
                   for event in dataset.events]
        report.read.append(f"{result.report.path.name}: snapshot at {instant:g}, {len(dataset.actors)} actors, "
                           f"{len(dataset.events)} events ({result.report.format_label})")
        report.guessed += [f"{result.report.path.name}: {line}" for line in result.report.guessed]
        report.skipped += [f"{result.report.path.name}: {line}" for line in result.report.skipped]
        report.problems += [replace(p, location=f"{result.report.path.name} {p.location}".strip())
                            for p in result.report.problems]
    report.guessed.insert(0, "each file is one moment; times inside the files are not used")
    merged = Dataset(title=title or first.dataset.title, actors=tuple(actors.values()), events=tuple(events),
                     axis=TimeAxis("number", "step"), groups=tuple(groups.values()),
                     origin=str(first.report.path),
                     extra={"snapshots": [str(r.report.path) for r in results]})
    return LoadResult(merged, report)


def load_series(paths: Sequence[Path | str], *, progress: Progress | ProgressCallback | None = None,
                title: str = "") -> LoadResult:
    """Read each file with its own reader (in the order given) and merge them as snapshots."""
    from desktop.io.registry import load

    files = [Path(p) for p in paths]
    if not files:
        raise DatasetError(Path(), "no files given for the snapshot series")
    tracker = Progress.of(progress)
    results = []
    share = 1.0 / len(files)
    for k, path in enumerate(files):
        # A phase is itself a callback: it raises LoadCancelled when the caller says stop.
        results.append(load(path, progress=tracker.part(k * share, (k + 1) * share) if tracker.callback else None))
    tracker(1.0)
    return merge_snapshots(results, snapshot_instants(files), title or _common_title(files))


def _common_title(paths: Sequence[Path]) -> str:
    stems = [p.stem for p in paths]
    prefix = stems[0]
    for stem in stems[1:]:
        while not stem.startswith(prefix):
            prefix = prefix[:-1]
    return prefix.rstrip(" _-0123456789") or stems[0]
