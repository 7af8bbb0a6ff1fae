"""Start-up benchmark: how long until the window shows a laid-out map, and what importing the window costs.

Measures, each as the median of several fresh processes:
- ``python -c "import desktop.gui.main_window"`` (against a bare interpreter and a bare Qt import),
  and which heavy packages that import drags in;
- ``relmap`` to the first drawn map (``RELMAP_EXIT_AFTER_FIRST_FRAME=1`` quits right after the first
  layout is shown), offscreen, with a throwaway config folder so the user's settings are neither read nor
  written; wall-clock time of the whole process and the app's own count from ``run_gui``;
- the same for the PyInstaller bundle in ``dist/relmap`` when one has been built (``make bundle``).

Writes tests/benchmarks/RESULTS-startup.md. A benchmark, not a test: nothing here fails on a number.
"""

from __future__ import annotations

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
RUNS = 5
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


def _env(home: Path) -> dict[str, str]:
    """A throwaway home: settings and numba's cache start empty, and the user's own are left alone.

    A checkout caches compiled kernels in NUMBA_CACHE_DIR; a bundle (no source files) in ~/.cache/numba.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RELMAP_", "PYTHON", "NUMBA_"))}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
               XDG_CACHE_HOME=str(home / "cache"), NUMBA_CACHE_DIR=str(home / "numba"),
               RELMAP_EXIT_AFTER_FIRST_FRAME="1")
    return env


def _wall(command: list[str], env: dict[str, str] | None = None) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
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


def _first_frame(command: list[str], home: Path, runs: int = 3) -> tuple[float, float]:
    wall, outputs = _median(command, _env(home), runs)
    inner = [float(m.group(1)) for out in outputs if (m := re.search(r"first frame after ([\d.]+) s", out))]
    if not inner:
        raise RuntimeError(f"{command}: no first-frame line in {outputs[-1]!r}")
    return wall, statistics.median(inner)


def main() -> int:
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
        _wall([py, "-c", PARTS], _env(Path(tmp)))  # fill the numba cache
        _, parts = _wall([py, "-c", PARTS], _env(Path(tmp)))
    rows += [(f"  part: {name}", f"{float(value):.3f} s")
             for name, value in (line.split("=") for line in parts.split())]
    targets = [("`relmap`", Path(py).with_name("relmap"))]
    bundle = ROOT / "dist" / "relmap" / "relmap"
    if bundle.is_file():
        targets.append(("bundle `dist/relmap/relmap`", bundle))
    for label, program in targets:
        with tempfile.TemporaryDirectory() as tmp:
            home = Path(tmp)
            cold, inner_cold = _first_frame([str(program)], home, runs=1)  # compiles the layout kernels
            wall, inner = _first_frame([str(program)], home)
        rows.append((f"{label} to first drawn map, first start (numba compiles)", f"{cold:.2f} s ({inner_cold:.2f})"))
        rows.append((f"{label} to first drawn map, later starts (numba cache warm)", f"{wall:.2f} s ({inner:.2f})"))
    lines = [
        "# Start-up",
        "",
        f"`python tests/benchmarks/bench_startup.py` on {platform.platform()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs (load average {os.getloadavg()[0]:.1f} at the end), offscreen; medians of {RUNS} "
        "processes for imports, 3 for start-up.",
        "",
        "Start-up rows: whole process, wall clock; in brackets the app's own count from `run_gui` to the first "
        "frame (the rest is the interpreter and imports before it).",
        "",
        "| what | time |",
        "|---|---|",
        *(f"| {what} | {value} |" for what, value in rows),
        "",
        "Where the time goes: the window's import brings in Qt and pyqtgraph (the map is drawn with it, so",
        "deferring it would only move the cost); networkx, numba and jsonschema are not imported by the window.",
        "A small map's first layout runs on numpy kernels (desktop/layout/kernels.py), so neither a warm nor a",
        "first start waits for numba: the compiled kernels are imported and loaded (or compiled, on a first",
        "start) on a background thread after the first picture, and later layouts use them.",
        "",
    ]
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
