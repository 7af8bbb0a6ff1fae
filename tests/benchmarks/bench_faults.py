"""Fault trials of the write path: ``kill -9`` at random moments and full disks, on real files.

* **Kill trials**: ``relmap export`` (PNG, PDF, MP4) and ``relmap convert`` run over an existing good
  destination and are killed with SIGKILL after a random delay. The destination must afterwards be the
  old file or a complete new one, never a partial one; the temporaries the killed run left must carry
  our mark and be gone after the next write to that folder.
* **Full-disk trials** (root only, a 2 MiB tmpfs): every export format and ``convert`` write into a
  tmpfs filled so that only a few kilobytes up to the whole output fit. Each run must either succeed
  with a complete file or exit 2 with the one line ``no space left on device writing …``, leaving the
  old file as it was.

Writes ``RESULTS-faults.md`` beside this script.

    python tests/benchmarks/bench_faults.py [--kills N] [--seed S]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RELMAP = [sys.executable, "-m", "desktop"]
OLD = b"the good old file"
MOVIE = ["--from", "2013-07-01", "--to", "2013-10-01", "--duration", "1", "--fps", "10", "--size", "160x100"]
MARKERS = {".png": b"IEND\xaeB`\x82", ".pdf": b"%%EOF", ".svg": b"</svg>", ".gif": b";", ".json": b"}"}


def _command(target: Path, dataset: Path) -> list[str]:
    if target.suffix == ".json":
        return [*RELMAP, "convert", str(dataset), str(target)]
    extra = MOVIE if target.suffix in (".gif", ".mp4") else ["--size", "800x500"]
    return [*RELMAP, "export", str(dataset), "-o", str(target), *extra]


def _complete(path: Path) -> bool:
    data = path.read_bytes()
    if path.suffix == ".mp4":
        sys.path.insert(0, str(HERE.parents[1]))
        from desktop.export.complete import bytes_problem

        return not bytes_problem("mp4", data)
    return data.rstrip().endswith(MARKERS[path.suffix])


def kill_trials(count: int, rng: random.Random, dataset: Path, env: dict[str, str]) -> list[str]:
    outcomes = {"old": 0, "new": 0, "partial": 0}
    left, cleaned = 0, 0
    with tempfile.TemporaryDirectory(prefix="relmap-kill-") as name:
        folder = Path(name)
        for k in range(count):
            target = folder / f"out{(k % 4)}{('.png', '.pdf', '.mp4', '.json')[k % 4]}"
            target.write_bytes(OLD)
            process = subprocess.Popen(_command(target, dataset), env=env, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(1.5, 10.0))  # start-up takes seconds on a busy machine
            process.send_signal(signal.SIGKILL)
            process.wait()
            data = target.read_bytes()
            outcomes["old" if data == OLD else "new" if _complete(target) else "partial"] += 1
            temporaries = [p for p in folder.iterdir() if ".relmap-tmp-" in p.name]
            left += len(temporaries)
            if temporaries:
                subprocess.run(_command(folder / "next.json", dataset), env=env, capture_output=True, check=False)
                cleaned += sum(not p.exists() for p in temporaries)
    return [f"| kill -9 at a random moment (1.5–10 s) | {count} | old file {outcomes['old']}, complete new file "
            f"{outcomes['new']}, **partial {outcomes['partial']}** | {left} temporaries left by killed runs, "
            f"{cleaned} removed by the next write |"]


def full_disk_trials(dataset: Path, env: dict[str, str]) -> list[str]:
    if os.geteuid() != 0:
        return ["| full tmpfs | — | not run: mounting a tmpfs needs root | |"]
    rows = []
    with tempfile.TemporaryDirectory(prefix="relmap-full-") as name:
        mount = Path(name)
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True,
                              text=True, check=False)
        if done.returncode:
            return [f"| full tmpfs | — | not run: {done.stderr.strip()} | |"]
        try:
            for suffix in (".png", ".svg", ".pdf", ".gif", ".mp4", ".json"):
                counts = {"ok": 0, "refused": 0, "bad": 0}
                for free in (2_048, 8_192, 32_768, 131_072, 1_048_576):
                    for stray in mount.iterdir():
                        stray.unlink()
                    target = mount / f"out{suffix}"
                    target.write_bytes(OLD)
                    stat = os.statvfs(mount)
                    (mount / "filler").write_bytes(b"\0" * max(0, stat.f_bavail * stat.f_frsize - free))
                    run = subprocess.run(_command(target, dataset), env=env, capture_output=True, text=True,
                                         check=False)
                    leftovers = [p.name for p in mount.iterdir() if p.name not in ("filler", target.name)]
                    if run.returncode == 0 and _complete(target) and not leftovers:
                        counts["ok"] += 1
                    elif (run.returncode == 2 and target.read_bytes() == OLD and not leftovers
                          and len(run.stderr.splitlines()) == 1
                          and run.stderr.endswith(f"no space left on device writing {target}\n")):
                        counts["refused"] += 1
                    else:
                        counts["bad"] += 1
                        print(f"{suffix} free {free}: exit {run.returncode} {run.stderr.strip()[:200]} {leftovers}")
                rows.append(f"| full 2 MiB tmpfs, {suffix[1:]} | 5 (2 KiB to 1 MiB free) | written whole "
                            f"{counts['ok']}, refused with one line and the old file kept {counts['refused']}, "
                            f"**anything else {counts['bad']}** | |")
        finally:
            subprocess.run(["umount", "-l", str(mount)], check=False)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(HERE.parents[1]))
    from desktop.core.resources import builtin_dataset_path

    dataset = builtin_dataset_path()
    started = time.perf_counter()
    rows = kill_trials(args.kills, random.Random(args.seed), dataset, env)
    rows += full_disk_trials(dataset, env)
    lines = [
        "# Fault trials of the write path",
        "",
        f"Written by `python tests/benchmarks/bench_faults.py --kills {args.kills} --seed {args.seed}` "
        f"({time.perf_counter() - started:.0f} s; Python {platform.python_version()} on {platform.machine()}):",
        "real `relmap export` and `relmap convert` processes of the built-in dataset over an existing file.",
        "Kept short on a shared two-core machine; raise `--kills` for a longer run.",
        "",
        "| trial | runs | outcome | temporaries |",
        "|---|---:|---|---|",
        *rows,
    ]
    (HERE / "RESULTS-faults.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
