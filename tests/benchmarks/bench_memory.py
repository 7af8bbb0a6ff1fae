"""Peak memory of loading ever larger files, up to the largest the default limits allow.

Each load runs in a fresh subprocess so its peak resident memory (``ru_maxrss``) is its own. The
largest case is an edge table at ``Limits.max_interactions`` rows: the biggest dataset Relmap accepts
by default. Writes ``RESULTS-memory.md`` beside this script.

    python tests/benchmarks/bench_memory.py [--max-rows N]
"""

from __future__ import annotations

import argparse
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

CHILD = """
import resource, sys, time
from desktop.io.registry import load
started = time.perf_counter()
result = load(sys.argv[1])
elapsed = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(len(result.dataset.actors), len(result.dataset.events), f"{elapsed:.2f}", f"{peak:.0f}")
"""

BASELINE = "import resource, desktop.io.registry as r; r.readers(); " \
           "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"


def write_edges(path: Path, rows: int, actors: int) -> None:
    rng = random.Random(7)
    with path.open("w", encoding="utf-8") as handle:
        handle.write("source,target,date,tone\n")
        for _ in range(rows):
            a, b = rng.randrange(actors), rng.randrange(actors)
            day = 1 + rng.randrange(28)
            month = 1 + rng.randrange(12)
            handle.write(f"a{a},a{b},2013-{month:02d}-{day:02d},{rng.choice((-2, -1, 0, 1, 2))}\n")


def main() -> None:
    from desktop.io.limits import DEFAULT_LIMITS

    parser = argparse.ArgumentParser()
    parser.add_argument("--max-rows", type=int, default=DEFAULT_LIMITS.max_interactions)
    args = parser.parse_args()
    baseline = float(subprocess.run([sys.executable, "-c", BASELINE], capture_output=True, text=True,
                                    check=True).stdout)
    sizes = sorted({100_000, 500_000, args.max_rows})
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for count in sizes:
            path = Path(folder) / f"edges-{count}.csv"
            write_edges(path, count, actors=max(1000, count // 10))
            started = time.perf_counter()
            done = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True)
            wall = time.perf_counter() - started
            if done.returncode != 0:
                rows.append((count, path.stat().st_size, "—", "—", "—", done.stderr.strip().splitlines()[-1]))
                continue
            actors, _events, elapsed, peak = done.stdout.split()
            rows.append((count, path.stat().st_size, actors, elapsed, peak, f"{wall:.1f} s with start-up"))
            print(f"{count:>9,} rows: peak {peak} MB, load {elapsed} s", flush=True)
    lines = [
        "# Peak memory of a load",
        "",
        "Written by `python tests/benchmarks/bench_memory.py`: an edge table (source, target, date, tone)",
        f"loaded in a fresh process; Python {platform.python_version()} on {platform.machine()}. The largest",
        f"case is the default limit, {DEFAULT_LIMITS.max_interactions:,} interactions",
        f"(`Limits.max_interactions`). A process that has only imported the readers peaks at {baseline:.0f} MB.",
        "",
        "| rows (interactions) | file (MB) | actors | load (s) | peak memory (MB) | note |",
        "|---:|---:|---:|---:|---:|---|",
    ]
    for count, size, actors, elapsed, peak, note in rows:
        lines.append(f"| {count:,} | {size / 1e6:.1f} | {actors} | {elapsed} | {peak} | {note} |")
    (HERE / "RESULTS-memory.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
