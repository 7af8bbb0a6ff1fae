"""Animation export speed: frames per second for the built-in dataset and a 5,000-actor graph, and
the wall time of a 60-second, 30 fps MP4 of the built-in dataset.

Run with ``.venv/bin/python tests/benchmarks/bench_export.py``; prints a table and rewrites
``tests/benchmarks/RESULTS-export.md``. A benchmark, not a test: nothing here fails on a slow machine.

What is timed: key layouts (worker thread) separately from painting + encoding (GUI thread painting
each frame while the encoder thread compresses), because they scale differently: layouts with the
number of actors and seconds of video, painting with pixels and drawn items per frame.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

BIG_ACTORS = 5_000
BIG_EVENTS = 6_000
RESULTS = Path(__file__).with_name("RESULTS-export.md")


def big_dataset(folder: Path) -> Path:
    """5,000 actors in 12 groups, 6,000 dated events over a year, two or three interactions each."""
    rng = random.Random(11)
    groups = [{"id": f"g{k}", "label": f"Group {k}"} for k in range(12)]
    actors = [{"id": f"a{n}", "name": f"Actor {n}", "group": f"g{n % 12}"} for n in range(BIG_ACTORS)]
    start = dt.date(2020, 1, 1)
    events = []
    for e in range(BIG_EVENTS):
        day = start + dt.timedelta(days=rng.randrange(365))
        hub = rng.randrange(BIG_ACTORS)
        interactions = []
        for _ in range(rng.choice((2, 3))):
            # Mostly within a neighbourhood, so the graph has communities rather than noise.
            other = (hub + rng.randrange(1, 60)) % BIG_ACTORS if rng.random() < 0.85 else rng.randrange(BIG_ACTORS)
            if other != hub:
                interactions.append({"a": f"a{hub}", "b": f"a{other}", "tone": rng.choice((-2, -1, 0, 1, 2))})
        events.append({"id": f"e{e}", "date": day.isoformat(), "title": f"Event {e}",
                       "sources": [{"source": "s"}], "interactions": interactions})
    events.sort(key=lambda ev: ev["date"])
    doc = {"relmap": 1, "title": "Synthetic 5,000 actors", "sources": [{"id": "s", "title": "generated"}],
           "groups": groups, "actors": actors, "events": events}
    path = folder / "big.relmap.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def measure(dataset, suffix: str, size: tuple[int, int], fps: float, seconds: float, folder: Path,
            start: float | None = None, end: float | None = None) -> dict[str, float]:
    from desktop.export.animation import AnimationJob
    from desktop.export.contract import Picture
    from desktop.export.motion import MovieOptions

    lo, hi = dataset.span
    options = MovieOptions(start=start if start is not None else lo, end=end if end is not None else hi,
                           size=size, fps=fps, duration=seconds)
    out = folder / f"bench.{suffix}"
    began = time.perf_counter()
    job = AnimationJob(Picture(dataset, lo), options, suffix, out)
    job.wait_for_layouts()
    laid_out = time.perf_counter()
    job.run()
    finished = time.perf_counter()
    frames = options.frame_count
    return {
        "frames": frames, "keys": len(options.key_times()), "layout_s": laid_out - began,
        "paint_encode_s": finished - laid_out, "total_s": finished - began,
        "fps": frames / (finished - laid_out), "bytes": out.stat().st_size,
    }


def main() -> int:
    from desktop.core.resources import builtin_dataset_path
    from desktop.export.stage import ensure_app
    from desktop.io.registry import load
    from desktop.layout import warm_up

    ensure_app()
    warm_up()
    kerry = load(builtin_dataset_path()).dataset
    rows: list[tuple[str, dict[str, float]]] = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        big = load(big_dataset(folder)).dataset
        cases = [
            ("Built-in (73 actors), MP4 1280×720, 10 s", kerry, "mp4", (1280, 720), 30.0, 10.0),
            ("Built-in (73 actors), GIF 640×400, 5 s", kerry, "gif", (640, 400), 20.0, 5.0),
            ("5,000 actors, MP4 1280×720, 4 s", big, "mp4", (1280, 720), 30.0, 4.0),
            ("5,000 actors, GIF 640×400, 3 s", big, "gif", (640, 400), 20.0, 3.0),
            ("Built-in, 60 s at 30 fps, MP4 1280×720", kerry, "mp4", (1280, 720), 30.0, 60.0),
        ]
        for label, dataset, suffix, size, fps, seconds in cases:
            result = measure(dataset, suffix, size, fps, seconds, folder)
            rows.append((label, result))
            print(f"{label}: {result['frames']:.0f} frames, {result['fps']:.1f} frames/s painted+encoded, "
                  f"key layouts {result['layout_s']:.1f} s, total {result['total_s']:.1f} s", flush=True)
    write_results(rows)
    return 0


def write_results(rows: list[tuple[str, dict[str, float]]]) -> None:
    lines = [
        "# Export benchmark",
        "",
        f"Measured {dt.date.today().isoformat()} on {platform.machine()} ({os.cpu_count()} cores), "
        f"Python {platform.python_version()}, Qt offscreen.",
        "Re-run: `.venv/bin/python tests/benchmarks/bench_export.py`.",
        "",
        "Key layouts run on a worker thread before painting starts (one per second of video); frames are "
        "painted on the GUI thread and encoded on a second thread. *Frames/s* counts painting and encoding "
        "together, after the layouts.",
        "",
        "| case | frames | key layouts | layouts (s) | frames/s | total (s) | file |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for label, r in rows:
        lines.append(f"| {label} | {r['frames']:.0f} | {r['keys']:.0f} | {r['layout_s']:.1f} | {r['fps']:.1f} | "
                     f"{r['total_s']:.1f} | {r['bytes'] / 1e6:.1f} MB |")
    # The "## Notes" section is written by hand (profiles, what changed between runs) and is kept.
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    notes = old[old.index("\n## Notes"):] if "\n## Notes" in old else ""
    RESULTS.write_text("\n".join(lines) + "\n" + notes, encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
