"""Start-up benchmark: how long until the window shows a laid-out map, against a bare window in the same run.

Measures, each as the median of several fresh processes:
- ``python -c "import desktop.gui.main_window"`` (against a bare interpreter and a bare Qt import),
  and which heavy packages that import drags in;
- ``relmap`` to the first drawn map (``RELMAP_EXIT_AFTER_FIRST_FRAME=1`` quits right after the first
  laid-out map is painted), offscreen, with a fresh config folder each start so the user's settings are
  neither read nor written, alternated with a bare ``QMainWindow`` holding a pyqtgraph ``PlotWidget`` to
  its first paint (the baseline of issue 14). Two numbers per process: the whole process (wall clock,
  spawn to exit, as a shell would time it) and spawn to the first paint (the child prints its
  ``CLOCK_MONOTONIC`` time at that paint; the parent subtracts the time it spawned it), which leaves
  out the interpreter's tear-down after the window closed, the part of a start nobody sees;
- warm starts (numba's and the layout cache filled by an earlier start) and first starts after an
  install (a fresh home: empty numba cache, no kept layouts, no config);
- with ``--before CHECKOUT``, the same for earlier code, alternately in the same run;
- the same for the PyInstaller bundle in ``dist/relmap`` when one has been built (``make bundle``).

Writes tests/benchmarks/RESULTS-startup.md with ``--write``. A benchmark, not a test: nothing here fails on
a number.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RESULTS = Path(__file__).with_name("RESULTS-startup.md")
HEAVY = ("pyqtgraph", "networkx", "numba", "jsonschema", "scipy", "PIL", "imageio")
RUNS = 7
# The pieces of a warm start, one after another in one process (the app overlaps some of them).
PARTS = """
import time
def t(name, f):
    start = time.perf_counter(); f(); print(f"{name}={time.perf_counter() - start}")
t("import_pyqtgraph", lambda: __import__("pyqtgraph"))
t("import_numba", lambda: __import__("numba"))
from desktop.core.resources import builtin_dataset_path
from desktop.io.registry import load
t("load_and_validate_builtin_dataset", lambda: load(builtin_dataset_path()))
from desktop.layout import warm_up
t("layout_kernels_from_numba_cache", warm_up)
"""
BARE = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
import pyqtgraph as pg

class Painted(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            print(f"first frame (monotonic {time.perf_counter():.6f})", flush=True)
            QTimer.singleShot(0, app.quit)
        return False

app = QApplication(sys.argv[:1])
window = QMainWindow()
plot = pg.PlotWidget()
plot.plot([0, 1, 2, 3], [1, 3, 2, 4], pen="b", symbol="o")
window.setCentralWidget(plot)
window.resize(1400, 900)
painted = Painted()
plot.viewport().installEventFilter(painted)
window.show()
app.exec()
"""
# relmap's own command, telling the parent when run_gui began (CLOCK_MONOTONIC, as the parent's clock): with
# the exit hook's "first frame after X s" counted from there, that is when the map was painted, for code of
# any age.
RELMAP = """
import sys, time
import desktop.gui.app as app
run_gui = app.run_gui
def timed(*args, **kwargs):
    print(f"run_gui at {time.perf_counter():.6f}", flush=True)
    return run_gui(*args, **kwargs)
app.run_gui = timed
from desktop.cli import main
sys.exit(main())
"""


def _env(home: Path, tree: Path | None = None) -> dict[str, str]:
    """A throwaway home: settings, numba's cache and kept layouts live in it, the user's own are left alone.

    The config folder is removed before each start (a fresh one each time); the caches stay, so a second
    start in the same home is a warm one. A checkout caches compiled kernels in NUMBA_CACHE_DIR; a bundle
    in ~/.cache (numba's own user-wide folder, or the bundle's shipped kernels copied there).
    """
    subprocess.run(["rm", "-rf", str(home / "config")], check=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RELMAP_", "PYTHON", "NUMBA_"))}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
               XDG_CACHE_HOME=str(home / "cache"), RELMAP_EXIT_AFTER_FIRST_FRAME="1")
    if tree is not None:
        env.update(NUMBA_CACHE_DIR=str(home / "numba"), PYTHONPATH=str(tree))
    return env


def _wall(command: list[str], env: dict[str, str] | None = None, cwd: Path = ROOT) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=cwd, timeout=300)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{command} failed: {done.stderr[-2000:]}")
    return elapsed, done.stdout


def _median(command: list[str], env: dict[str, str] | None = None, runs: int = RUNS) -> tuple[float, list[str]]:
    times, outputs = [], []
    for _ in range(runs):
        elapsed, out = _wall(command, env)
        times.append(elapsed)
        outputs.append(out)
    return statistics.median(times), outputs


def _start(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """(whole process, spawn to first paint) of one start, in seconds."""
    spawned = time.perf_counter()
    whole, out = _wall(command, env, cwd)
    painted = re.search(r"monotonic ([\d.]+)", out)  # the bare window, or the bundle's own hook
    began, after = re.search(r"run_gui at ([\d.]+)", out), re.search(r"first frame after ([\d.]+) s", out)
    if painted is not None:
        return whole, float(painted.group(1)) - spawned
    if began is None or after is None:
        raise RuntimeError(f"{command}: no first-frame line in {out!r}")
    return whole, float(began.group(1)) + float(after.group(1)) - spawned


class Starts:
    """Whole-process and to-first-paint times of one kind of start, collected over the run."""

    def __init__(self) -> None:
        self.whole: list[float] = []
        self.paint: list[float] = []

    def add(self, times: tuple[float, float]) -> None:
        self.whole.append(times[0])
        self.paint.append(times[1])

    def median(self) -> tuple[float, float]:
        return statistics.median(self.whole), statistics.median(self.paint)


def compare(trees: list[tuple[str, Path]], runs: int = RUNS) -> dict[str, Starts]:
    """Bare window and each tree's ``relmap``, alternated; warm starts in one home per tree, first starts in
    a fresh home each."""
    py = sys.executable
    starts = {"bare": Starts(), **{f"{label} warm": Starts() for label, _ in trees},
              **{f"{label} first": Starts() for label, _ in trees}}
    with tempfile.TemporaryDirectory() as tmp:
        homes = {label: Path(tmp) / label for label, _ in trees}
        for label, tree in trees:
            _start([py, "-c", RELMAP], _env(homes[label], tree), tree)  # fills numba's cache and the layouts
        for k in range(runs):
            starts["bare"].add(_start([py, "-c", BARE], _env(Path(tmp) / "bare"), ROOT))
            for label, tree in trees:
                starts[f"{label} warm"].add(_start([py, "-c", RELMAP], _env(homes[label], tree), tree))
                if k < 2:
                    fresh = Path(tmp) / f"{label}-fresh-{k}"
                    starts[f"{label} first"].add(_start([py, "-c", RELMAP], _env(fresh, tree), tree))
    return starts


def bundle_starts(program: Path, runs: int = 3) -> dict[str, Starts]:
    starts = {"bundle warm": Starts(), "bundle first": Starts()}
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        starts["bundle first"].add(_start([str(program)], _env(home), ROOT))
        for k in range(runs):
            starts["bundle warm"].add(_start([str(program)], _env(home), ROOT))
            if k < 1:
                starts["bundle first"].add(_start([str(program)], _env(Path(tmp) / f"fresh-{k}"), ROOT))
    return starts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, help="a checkout of earlier code, measured alternately in the same run")
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--write", action="store_true", help="update RESULTS-startup.md")
    args = parser.parse_args(argv)
    py = sys.executable
    rows: list[tuple[str, str]] = []
    bare, _ = _median([py, "-c", "pass"])
    qt, _ = _median([py, "-c", "import PySide6.QtWidgets"])
    window, _ = _median([py, "-c", "import desktop.gui.main_window"])
    probe = f"import sys, desktop.gui.main_window; print(' '.join(k for k in {HEAVY!r} if k in sys.modules))"
    _, loaded = _wall([py, "-c", probe])
    rows += [("`python -c pass`", f"{bare:.3f} s"),
             ("`import PySide6.QtWidgets`", f"{qt:.3f} s"),
             ("`import desktop.gui.main_window`", f"{window:.3f} s"),
             ("heavy packages that import pulls in", loaded.strip() or "none")]
    with tempfile.TemporaryDirectory() as tmp:
        _wall([py, "-c", PARTS], _env(Path(tmp), ROOT))  # fill the numba cache
        _, parts = _wall([py, "-c", PARTS], _env(Path(tmp), ROOT))
    rows += [(f"  part: {name}", f"{float(value):.3f} s")
             for name, value in (line.split("=") for line in parts.split())]
    trees = [("before", args.before.resolve()), ("now", ROOT)] if args.before else [("now", ROOT)]
    starts = compare(trees, args.runs)
    program = ROOT / "dist" / "relmap" / "relmap"
    if program.is_file():
        starts.update(bundle_starts(program))
    base_whole, base_paint = starts["bare"].median()
    table = []
    for name, kind in starts.items():
        whole, paint = kind.median()
        table.append(f"| {name} | {len(kind.whole)} | {whole:.2f} | {whole / base_whole:.2f}× | {paint:.2f} "
                     f"| {paint / base_paint:.2f}× |")
        print(f"{name:14s} whole {whole:.2f} s ({whole / base_whole:.2f}×)  to first paint {paint:.2f} s "
              f"({paint / base_paint:.2f}×)", flush=True)
    lines = [
        "# Start-up",
        "",
        f"`python tests/benchmarks/bench_startup.py --before OLD_CHECKOUT --write` on {platform.platform()}, Python "
        f"{platform.python_version()}, {os.cpu_count()} CPUs shared with other jobs (load average "
        f"{os.getloadavg()[0]:.1f} at the end), offscreen.",
        "",
        "To the first drawn map, against the bare window (`QMainWindow` + pyqtgraph `PlotWidget`, first paint) in",
        "the same run, alternated; medians. \"whole\" is the process from spawn to exit; \"to paint\" is spawn to",
        "the first paint of the laid-out map (of the plot, for the bare window). \"warm\": numba's cache and the",
        "kept layout filled by an earlier start; \"first\": a fresh home (empty numba cache, nothing kept, no",
        "config), as after an install. Wall times follow the share of the two cores each process gets.",
        "",
        "| start | runs | whole (s) | vs bare | to paint (s) | vs bare |",
        "|---|---:|---:|---:|---:|---:|",
        *table,
        "",
        "| what | time |",
        "|---|---|",
        *(f"| {what} | {value} |" for what, value in rows),
        "",
        "Where the time goes: both processes import Qt and pyqtgraph (the map is drawn with it). Beyond that a",
        "warm start loads and checks the dataset, builds its timeline and lays out the opening date on worker",
        "threads, and paints the map; the whole-span layout comes from the kept copy (desktop/layout/",
        "base_cache.py) when the file was opened before. The event cards and the timeline chart fill right after",
        "the map's first paint (desktop/gui/map_first.py). numba, networkx and jsonschema are not imported",
        "before the first picture: a small map's first layout runs on numpy kernels, and the compiled kernels",
        "are loaded (or compiled, on a first start) on a background thread after it.",
        "",
    ]
    if args.write:
        RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
