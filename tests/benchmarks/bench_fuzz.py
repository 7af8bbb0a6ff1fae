"""Fuzzing every reader and ``relmap validate`` with many mutated files; reports crashes and hangs.

Run with ``.venv/bin/python tests/benchmarks/bench_fuzz.py [--per-format N] [--seed S]``; prints a
table and rewrites ``tests/benchmarks/RESULTS-fuzz.md``. The property tests in ``tests/hardening`` run
the same mutations a few dozen times per reader on every test run; this runs thousands, with fixed
seeds so a crash found here can be replayed (``--replay FORMAT INDEX``).

An input passes when it loads, or is refused with a :class:`DatasetError` that names the file and a
place, and ``relmap validate`` exits 0 or 2 with a one-line ``relmap: error:`` message. Anything else
(another exception, exit status 1, a load slower than the time limit) counts as a crash or a hang.
"""

from __future__ import annotations

import argparse
import platform
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from desktop.io.registry import load  # noqa: E402
from tests.hardening._fuzz import FORMATS, mutate  # noqa: E402
from tests.hardening._guard import Hang, check_outcome, validate_outcome  # noqa: E402

RESULTS = Path(__file__).with_name("RESULTS-fuzz.md")


def run_one(fmt: str, index: int, seed: int, folder: Path) -> tuple[str, str]:
    """(outcome, detail): outcome is loaded, refused, crash or hang."""
    rng = random.Random(f"{seed}:{fmt}:{index}")
    name, data = mutate(fmt, rng)
    path = folder / f"{index}-{name}"
    path.write_bytes(data)
    try:
        outcome = check_outcome(lambda: load(path), path)
    except Hang as exc:
        return "hang", str(exc)
    except AssertionError as exc:
        return "crash", str(exc)
    problem = validate_outcome(path)
    if problem:
        return "crash", problem
    path.unlink()
    return outcome, ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-format", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=20240609)
    parser.add_argument("--replay", nargs=2, metavar=("FORMAT", "INDEX"))
    parser.add_argument("--no-write", action="store_true", help="do not rewrite RESULTS-fuzz.md")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="relmap-fuzz-") as tmp:
        folder = Path(tmp)
        if args.replay:
            fmt, index = args.replay[0], int(args.replay[1])
            rng = random.Random(f"{args.seed}:{fmt}:{index}")
            _name, data = mutate(fmt, rng)
            print(repr(data[:2000]))
            print(run_one(fmt, index, args.seed, folder))
            return 0
        rows = []
        failures: list[str] = []
        started = time.perf_counter()
        for fmt in FORMATS:
            counts: Counter[str] = Counter()
            begin = time.perf_counter()
            for index in range(args.per_format):
                outcome, detail = run_one(fmt, index, args.seed, folder)
                counts[outcome] += 1
                if outcome in ("crash", "hang") and len(failures) < 40:
                    failures.append(f"{fmt} #{index}: {outcome}: {detail}")
            seconds = time.perf_counter() - begin
            rows.append((fmt, args.per_format, counts["loaded"], counts["refused"], counts["crash"], counts["hang"],
                         seconds))
            print(f"{fmt:10} tried {args.per_format:6}  loaded {counts['loaded']:6}  refused {counts['refused']:6}  "
                  f"crashed {counts['crash']:4}  hung {counts['hang']:3}  ({seconds:.1f} s)", flush=True)
        total = time.perf_counter() - started
    tried = sum(r[1] for r in rows)
    crashed = sum(r[4] for r in rows)
    hung = sum(r[5] for r in rows)
    print(f"total: {tried} inputs, {crashed} crashes, {hung} hangs in {total:.0f} s")
    for line in failures:
        print("  " + line)
    if not args.no_write:
        _write(rows, failures, args, total)
    return 0 if not crashed and not hung else 1


def _write(rows: list[tuple[str, int, int, int, int, int, float]], failures: list[str],
           args: argparse.Namespace, total: float) -> None:
    lines = [
        "# Fuzzing the readers",
        "",
        "Written by `tests/benchmarks/bench_fuzz.py`: every reader and `relmap validate`, fed mutated copies "
        "of valid files (byte flips, truncation, deleted and duplicated chunks, re-encoding, swapped lines, "
        "nasty tokens; JSON key deletions and type swaps; XML attribute and element changes; ragged CSV rows).",
        "An input passes when it loads or is refused with a located, readable `DatasetError`, and `validate` "
        "exits 0 or 2 with one `relmap: error:` line.",
        "",
        f"Seed {args.seed}, {args.per_format} inputs per format, Python {platform.python_version()} on "
        f"{platform.machine()}; {total:.0f} s in all.",
        "",
        "| format | inputs | loaded | refused | crashed | hung | seconds |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for fmt, tried, loaded, refused, crashed, hung, seconds in rows:
        lines.append(f"| {fmt} | {tried} | {loaded} | {refused} | {crashed} | {hung} | {seconds:.1f} |")
    lines.append(f"| **all** | **{sum(r[1] for r in rows)}** | {sum(r[2] for r in rows)} | "
                 f"{sum(r[3] for r in rows)} | **{sum(r[4] for r in rows)}** | **{sum(r[5] for r in rows)}** | "
                 f"{sum(r[6] for r in rows):.0f} |")
    if failures:
        lines += ["", "## Failures (replay with `--replay FORMAT INDEX`)", ""]
        lines += [f"- {line}" for line in failures]
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
