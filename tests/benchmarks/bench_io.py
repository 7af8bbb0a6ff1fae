"""Loading speed at scale: a 20,000-node / 100,000-edge dynamic GEXF and the same graph as CSV.

Run with ``.venv/bin/python tests/benchmarks/bench_io.py``; prints a table and rewrites the top of
``tests/benchmarks/RESULTS-io.md`` (its ``## History`` section, written by hand, is kept). A benchmark, not
a test: nothing here fails on a slow machine.
"""

from __future__ import annotations

import datetime as dt
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

NODES = 20_000
EDGES = 100_000
START = dt.date(2013, 1, 1)


def _edges(seed: int = 7) -> list[tuple[int, int, dt.date, dt.date, float]]:
    rng = random.Random(seed)
    out = []
    for _ in range(EDGES):
        a = rng.randrange(NODES)
        b = (a + 1 + rng.randrange(NODES - 1)) % NODES
        begin = START + dt.timedelta(days=rng.randrange(700))
        out.append((a, b, begin, begin + dt.timedelta(days=rng.randrange(1, 30)), rng.choice((1.0, 2.0, -1.0))))
    return out


def write_gexf(path: Path, edges: list[tuple[int, int, dt.date, dt.date, float]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<gexf xmlns="http://www.gexf.net/1.3" version="1.3">\n'
                  '<graph mode="dynamic" defaultedgetype="undirected" timeformat="date">\n'
                  '<attributes class="node" mode="static"><attribute id="0" title="group" type="string"/>'
                  "</attributes>\n<nodes>\n")
        for n in range(NODES):
            out.write(f'<node id="n{n}" label="Actor {n}" start="2013-01-01"><attvalues>'
                      f'<attvalue for="0" value="g{n % 10}"/></attvalues></node>\n')
        out.write("</nodes>\n<edges>\n")
        for k, (a, b, s, e, w) in enumerate(edges):
            out.write(f'<edge id="{k}" source="n{a}" target="n{b}" start="{s}" end="{e}" weight="{w}"/>\n')
        out.write("</edges>\n</graph>\n</gexf>\n")


def write_csv(path: Path, edges: list[tuple[int, int, dt.date, dt.date, float]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write("Source,Target,Start,End,Weight\n")
        for a, b, s, e, w in edges:
            out.write(f"n{a},n{b},{s},{e},{w}\n")


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from desktop.io.registry import load

    rows = []
    with tempfile.TemporaryDirectory() as folder:
        edges = _edges()
        for name, writer in (("dynamic.gexf", write_gexf), ("edges.csv", write_csv)):
            path = Path(folder) / name
            writer(path, edges)
            best = cpu = float("inf")
            for _ in range(3):
                began, began_cpu = time.perf_counter(), time.process_time()
                result = load(path)
                best = min(best, time.perf_counter() - began)
                cpu = min(cpu, time.process_time() - began_cpu)  # steadier than wall time on a busy machine
            dataset = result.dataset
            rows.append((name, path.stat().st_size / 1e6, len(dataset.actors), len(dataset.events), best, cpu))
    header = ("| file | size (MB) | actors | events | load (s, best of 3) | CPU (s, best of 3) |\n"
              "|---|---:|---:|---:|---:|---:|\n")
    table = header + "".join(f"| {n} | {mb:.1f} | {a:,} | {e:,} | {t:.2f} | {c:.2f} |\n"
                             for n, mb, a, e, t, c in rows)
    print(table)
    machine = f"Python {platform.python_version()} on {platform.machine()} {platform.system()}"
    text = (f"# Loading benchmark (`tests/benchmarks/bench_io.py`)\n\n{NODES:,} nodes, {EDGES:,} edges with "
            f"intervals and weights, generated in a temporary folder; measured {dt.date.today()} ({machine}).\n"
            f"Each time is the whole `desktop.io.registry.load` (sniff, parse, build the Dataset).\n\n{table}")
    results = Path(__file__).with_name("RESULTS-io.md")
    old = results.read_text(encoding="utf-8") if results.exists() else ""
    if "\n## History" in old:
        text += old[old.index("\n## History"):]
    results.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
