"""Synthetic native datasets for the benchmarks, written on demand (never checked in).

The maps look like real ones at scale: actors in groups, most contact inside a group and along a few
standing rivalries, a cast that grows over the span, and the same pairs meeting again and again, so a
snapshot holds thousands of ties and a date step changes a few of them. One interaction per event, as
in coded event data.

    python tests/benchmarks/make_datasets.py ACTORS INTERACTIONS [OUT]

prints the path written (default: ``build/bench-data/synthetic-ACTORS-INTERACTIONS.relmap.json``).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "build" / "bench-data"
GROUPS = 12
SPAN_DAYS = 730
START = dt.date(2020, 1, 1)


def _pairs(rng: np.random.Generator, n_actors: int, n_pairs: int) -> np.ndarray:
    """Distinct pairs, mostly inside a group and between neighbours in it (a clustered map)."""
    a = rng.integers(0, n_actors, n_pairs * 2)
    inside = rng.random(len(a)) < 0.8
    step = rng.integers(1, 40, len(a)) * GROUPS  # same group: a multiple of GROUPS away
    b = np.where(inside, (a + step) % n_actors, rng.integers(0, n_actors, len(a)))
    keep = a != b
    pairs = np.unique(np.column_stack([np.minimum(a, b), np.maximum(a, b)])[keep], axis=0)
    rng.shuffle(pairs)
    return pairs[:n_pairs]


def document(n_actors: int, n_interactions: int, seed: int = 0) -> dict:
    """The whole document; events is a generator (2,000,000 of them as dicts would not fit)."""
    rng = np.random.default_rng(seed)
    n_pairs = max(1, min(n_interactions // 4, n_actors * 3))
    pairs = _pairs(rng, n_actors, n_pairs)
    mood = rng.normal(0, 0.9, len(pairs))  # each pair's usual tone
    # Popular pairs meet far more often than the rest (a heavy tail, as in event data).
    weight = rng.pareto(1.5, len(pairs)) + 1
    which = rng.choice(len(pairs), n_interactions, p=weight / weight.sum())
    # The cast grows: a pair's first contact falls somewhere in the span, later meetings after it.
    debut = rng.uniform(0, SPAN_DAYS * 0.8, len(pairs))
    day = np.minimum(debut[which] + rng.exponential(SPAN_DAYS * 0.3, n_interactions), SPAN_DAYS - 1).astype(int)
    tone = np.clip(np.rint(mood[which] + rng.normal(0, 0.7, n_interactions)), -2, 2).astype(int)
    order = np.argsort(day, kind="stable")
    dates = [(START + dt.timedelta(days=int(d))).isoformat() for d in range(SPAN_DAYS)]

    def events():
        for k, i in enumerate(order.tolist()):
            a, b = (f"a{int(v)}" for v in pairs[which[i]])
            yield {
                "id": f"e{k}", "date": dates[day[i]], "title": f"Contact {k}", "participants": [a, b],
                "sources": [{"source": "wire"}], "interactions": [{"a": a, "b": b, "tone": int(tone[i])}],
            }
    return {
        "relmap": 1,
        "title": f"Synthetic, {n_actors:,} actors / {n_interactions:,} interactions",
        "sources": [{"id": "wire", "title": "Generated for the benchmarks"}],
        "groups": [{"id": f"g{g}", "label": f"Group {g}"} for g in range(GROUPS)],
        "actors": [{"id": f"a{i}", "name": f"Actor {i}", "group": f"g{i % GROUPS}"} for i in range(n_actors)],
        "events": events(),
    }


def dataset_path(n_actors: int, n_interactions: int, out: Path | None = None) -> Path:
    """The file for this size, written first if it is not there yet."""
    path = out or CACHE / f"synthetic-{n_actors}-{n_interactions}.relmap.json"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".part")
        doc = document(n_actors, n_interactions)
        events = doc.pop("events")
        with tmp.open("w", encoding="utf-8") as out:
            out.write(json.dumps(doc, separators=(",", ":"))[:-1] + ',"events":[')
            for k, event in enumerate(events):
                out.write(("," if k else "") + json.dumps(event, separators=(",", ":")))
            out.write("]}")
        tmp.replace(path)
    return path


if __name__ == "__main__":
    args = sys.argv[1:]
    print(dataset_path(int(args[0]), int(args[1]), Path(args[2]) if len(args) > 2 else None))
