"""``relmap aggregate`` on GDELT-2.0-shaped files of 1M, 10M and 50M rows, against pandas and Spark.

The files are generated here by DuckDB (never committed) in GDELT 2.0's 61-column tab-separated
layout: actors drawn from ~60 countries and 10 CAMEO types with a skew like GDELT's (a few countries
dominate), a quarter of the rows with no second actor, dates spread over April 2013 – April 2014,
common CAMEO codes with their Goldstein scores, and a source URL per row.

Each run is a separate process, timed from the outside, its peak memory the largest resident size of
its whole process tree (sampled every 0.1 s, so Spark's JVM counts too):

- ``relmap aggregate`` on DuckDB (the default);
- a pandas baseline: ``read_csv`` of the needed columns, then ``groupby`` — under a memory limit
  (``RLIMIT_AS``), so that it fails with MemoryError instead of taking the machine down;
- ``relmap aggregate --engine pyspark`` in Spark local mode (two cores, 2 GB driver).

Every run asks for the same map: the 50 busiest actors, one event per pair and month.
Writes ``RESULTS-aggregate.md`` beside this script.

    python tests/benchmarks/bench_aggregate.py [--sizes 1,10,50] [--spark-sizes 1,10] [--pandas-limit-gb 8]
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
MILLION = 1_000_000
MAP = ("--top", "50", "--bucket", "month")

COUNTRIES = ("USA", "CHN", "RUS", "GBR", "ISR", "PSE", "IRN", "SYR", "FRA", "DEU", "IND", "PAK", "AFG", "IRQ",
             "EGY", "TUR", "JPN", "KOR", "PRK", "UKR", "SAU", "JOR", "LBN", "CAN", "AUS", "BRA", "MEX", "NGA",
             "ZAF", "KEN", "ITA", "ESP", "NLD", "BEL", "POL", "GRC", "QAT", "ARE", "YEM", "LBY", "TUN", "DZA",
             "MAR", "SDN", "SOM", "ETH", "IDN", "MYS", "PHL", "THA", "VNM", "MMR", "BGD", "LKA", "NPL", "CUB",
             "VEN", "COL", "ARG", "CHL")
TYPES = ("", "GOV", "", "MIL", "BUS", "MED", "OPP", "REB", "CVL", "JUD")
CODES = (("010", "0.0"), ("020", "3.0"), ("036", "4.0"), ("040", "1.0"), ("042", "1.9"), ("043", "2.8"),
         ("051", "3.4"), ("057", "8.0"), ("111", "-2.0"), ("112", "-2.0"), ("120", "-4.0"), ("130", "-4.4"),
         ("141", "-6.5"), ("173", "-5.0"), ("190", "-10.0"), ("193", "-10.0"))
DOMAINS = ("nytimes.com", "reuters.com", "haaretz.com", "aljazeera.com", "bbc.co.uk", "timesofisrael.com",
           "washingtonpost.com", "theguardian.com", "jpost.com", "maannews.com")


def _sql_list(values: tuple[str, ...]) -> str:
    return "[" + ", ".join("'" + v + "'" for v in values) + "]"


def generate(folder: Path, rows: int, seed: int) -> None:
    """Write ``rows`` GDELT 2.0 lines into ``folder`` (one file per DuckDB thread)."""
    import duckdb

    folder.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    con.execute("SET threads = 2")
    con.execute(f"SELECT setseed({(seed % 1000) / 1000})")
    codes = _sql_list(tuple(c for c, _ in CODES))
    scores = _sql_list(tuple(s for _, s in CODES))

    def actor(n: int) -> str:
        # a power of a uniform number skews the draw towards the first countries, as in GDELT
        return (f"{_sql_list(COUNTRIES)}[1 + floor(pow(random(), 2.5) * {len(COUNTRIES)})::INT] AS c{n}, "
                f"{_sql_list(TYPES)}[1 + floor(random() * {len(TYPES)})::INT] AS t{n}")

    geo = ("'4', 'Jerusalem, Israel (general), Israel', 'IS', 'IS06', '', '31.7833', '35.2167', '-797156'")
    con.execute(f"""
        COPY (
          WITH base AS (
            SELECT i, {actor(1)}, {actor(2)}, random() < 0.25 AS lone,
                   DATE '2013-04-01' + floor(random() * 395)::INT AS day,
                   1 + floor(pow(random(), 1.5) * {len(CODES)})::INT AS k, random() * 10 - 5 AS tone,
                   {_sql_list(DOMAINS)}[1 + floor(random() * {len(DOMAINS)})::INT] AS domain
            FROM range({seed * 10 * MILLION}, {seed * 10 * MILLION + rows}) r(i))
          SELECT i, strftime(day, '%Y%m%d'), strftime(day, '%Y%m'), strftime(day, '%Y'),
                 printf('%.4f', year(day) + dayofyear(day) / 365.0),
                 c1 || t1, c1, c1, NULL, NULL, NULL, NULL, nullif(t1, ''), NULL, NULL,
                 CASE WHEN lone THEN NULL ELSE c2 || t2 END, CASE WHEN lone THEN NULL ELSE c2 END,
                 CASE WHEN lone THEN NULL ELSE c2 END, NULL, NULL, NULL, NULL,
                 CASE WHEN lone THEN NULL ELSE nullif(t2, '') END, NULL, NULL,
                 '1', {codes}[k], left({codes}[k], 3), left({codes}[k], 2), '1', {scores}[k],
                 '10', '1', '10', printf('%.6f', tone),
                 {geo}, {geo}, {geo},
                 strftime(day, '%Y%m%d') || '150000',
                 'https://www.' || domain || '/news/' || strftime(day, '%Y/%m/%d') || '/story-' || i || '.html'
          FROM base
        ) TO '{folder}' (FORMAT csv, DELIMITER '\t', HEADER false, QUOTE '', PER_THREAD_OUTPUT true)
    """)
    con.close()
    for number, path in enumerate(sorted(folder.glob("*.csv"))):
        path.rename(folder / f"part{seed}-{number}.export.CSV")


def _tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/status", encoding="ascii") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
            with open(f"/proc/{current}/task/{current}/children", encoding="ascii") as children:
                stack += [int(c) for c in children.read().split()]
        except (OSError, ValueError):
            continue
    return total


def measure(command: list[str], env: dict[str, str] | None = None, timeout: float = 3600) -> dict[str, object]:
    """Run ``command``; wall time, peak tree memory, exit code and the last line it printed."""
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={**os.environ, **(env or {})}, cwd=ROOT)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(process.pid))
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
    done.set()
    sampler.join()
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    kept = [line for line in lines if line.startswith(("rows kept", "pandas:"))]
    return {"seconds": seconds, "cpu": cpu, "peak": peak, "code": process.returncode, "load": load,
            "last": (kept or lines or [""])[-1], "output": output}


PANDAS = r"""
import resource, sys
limit = int(float(sys.argv[2]) * 2**30)
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
import glob
import pandas as pd
try:
    columns = {0: "id", 1: "day", 5: "a1", 15: "a2", 30: "goldstein", 60: "url"}
    frames = [pd.read_csv(path, sep="\t", header=None, usecols=list(columns), names=None, dtype=str,
                          quoting=3, keep_default_na=False) for path in sorted(glob.glob(sys.argv[1] + "/*.CSV"))]
    data = pd.concat(frames, ignore_index=True).rename(columns=columns)
    del frames
    data = data[(data.a1 != "") & (data.a2 != "") & (data.a1 != data.a2)]
    data["goldstein"] = pd.to_numeric(data.goldstein, errors="coerce")
    data["day"] = pd.to_datetime(data.day, format="%Y%m%d", errors="coerce")
    data = data.dropna(subset=["day", "goldstein"])
    counts = pd.concat([data.a1, data.a2]).value_counts()
    top = set(counts.sort_values(ascending=False).index[:50])
    data = data[data.a1.isin(top) & data.a2.isin(top)]
    lo = data[["a1", "a2"]].min(axis=1)
    hi = data[["a1", "a2"]].max(axis=1)
    month = data.day.dt.to_period("M").dt.start_time
    pairs = data.assign(a=lo, b=hi, month=month).groupby(["month", "a", "b"]).agg(
        n=("id", "size"), goldstein=("goldstein", "mean"), url=("url", "first"))
    print(f"pandas: {len(pairs)} pair-months")
except MemoryError:
    print(f"pandas: MemoryError at the {sys.argv[2]} GB limit")
    sys.exit(3)
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1,10,50", help="millions of rows")
    parser.add_argument("--spark-sizes", default="1,10", help="millions of rows also run on Spark")
    parser.add_argument("--pandas-limit-gb", type=float, default=8.0)
    parser.add_argument("--folder", type=Path, help="where to generate (default: a temporary folder)")
    parser.add_argument("--distinct", action="store_true", help="generate sizes above 10M row by row too, instead "
                        "of linking the 10M files again")
    parser.add_argument("--no-pandas", action="store_true", help="leave the pandas baseline out")
    parser.add_argument("--spark-timeout", type=float, default=900, help="seconds before a Spark run is stopped")
    args = parser.parse_args()
    sizes = [float(s) for s in args.sizes.split(",") if s]
    spark_sizes = {float(s) for s in args.spark_sizes.split(",") if s}
    relmap = str(Path(sys.executable).with_name("relmap"))
    base = args.folder or Path(tempfile.mkdtemp(prefix="relmap-bench-aggregate-"))
    results: list[tuple[float, str, dict[str, object]]] = []
    notes = []
    try:
        for millions in sizes:
            folder = base / f"{millions:g}M"
            started = time.perf_counter()
            ten = base / "10M"
            if millions > 10 and millions % 10 == 0 and ten.is_dir() and not args.distinct:
                # 10M files linked several times: the same bytes to read, none of the disk (or time) to write them
                folder.mkdir()
                for copy in range(int(millions // 10)):
                    for path in sorted(ten.iterdir()):
                        os.link(path, folder / f"copy{copy}-{path.name}")
                how = "hard links to the 10M files"
            elif folder.is_dir() and any(folder.iterdir()):
                how = "kept from an earlier run (--folder)"
            else:
                for shard in range(max(1, int(millions // 10))):
                    generate(folder, int(min(millions, 10) * MILLION), seed=shard)
                how = "generated"
            size = sum(p.stat().st_size for p in folder.iterdir())
            notes.append(f"{millions:g}M rows: {size / 2**30:.1f} GiB in {len(list(folder.iterdir()))} files, "
                         f"{how} in {time.perf_counter() - started:.0f} s; free disk after: "
                         f"{shutil.disk_usage(base).free / 2**30:.0f} GiB")
            print(notes[-1], flush=True)
            out = base / f"{millions:g}M.relmap.json"
            runs = [("relmap aggregate (DuckDB)", [relmap, "aggregate", str(folder), "-o", str(out), *MAP],
                     None),
                    ("pandas read_csv + groupby", [sys.executable, "-c", PANDAS, str(folder),
                                                   str(args.pandas_limit_gb)], None)][:1 if args.no_pandas else 2]
            if millions in spark_sizes:
                runs.append(("relmap aggregate --engine pyspark (local[2])",
                             [relmap, "aggregate", str(folder), "-o", str(base / "spark.relmap.json"), *MAP,
                              "--engine", "pyspark"],
                             {"PYSPARK_SUBMIT_ARGS": "--master local[2] --driver-memory 2g pyspark-shell"}))
            for label, command, env in runs:
                result = measure(command, env, timeout=args.spark_timeout if env else 3600)
                print(f"{millions:g}M {label}: {result['seconds']:.1f} s (CPU {result['cpu']:.1f} s), "
                      f"{int(result['peak']) / 2**30:.2f} GiB, "
                      f"exit {result['code']}, load {result['load']:.1f}: {result['last']}", flush=True)
                results.append((millions, label, result))
            if millions != 10:
                shutil.rmtree(folder)
    finally:
        if args.folder is None:
            shutil.rmtree(base, ignore_errors=True)
    write_results(results, notes, args.pandas_limit_gb)


def write_results(results: list[tuple[float, str, dict[str, object]]], notes: list[str], limit: float) -> None:
    lines = ["# Aggregating GDELT-2.0-shaped event files", "",
             f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
             "shared with other work, so the 1-minute load average at the start of each run is given. "
             "Generated by `tests/benchmarks/bench_aggregate.py`.", "",
             "Every run builds the same map: the 50 busiest actors, one event per pair and month. Time is wall "
             "time of the whole process (start-up included); memory is the peak resident size of the process "
             f"and its children. pandas runs under a {limit:g} GB address-space limit.", "",
             "CPU is user + system seconds of the process and the children it waited for (for Spark, not the JVM "
             "unless it exits first); on an idle machine with two cores, wall time approaches CPU / 2.", "",
             "| rows | run | time | CPU | peak memory | exit | load | result |", "|---|---|---|---|---|---|---|---|"]
    for millions, label, result in results:
        last = str(result["last"]).replace("|", "/")[:90]
        lines.append(f"| {millions:g}M | {label} | {float(result['seconds']):.1f} s | "
                     f"{float(result.get('cpu', 0.0)):.1f} s | "
                     f"{int(result['peak']) / 2**30:.2f} GiB | {result['code']} | {float(result['load']):.1f} | "
                     f"{last} |")
    lines += ["", *[f"- {note}" for note in notes], ""]
    (HERE / "RESULTS-aggregate.md").write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
