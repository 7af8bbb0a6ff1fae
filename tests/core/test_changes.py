"""The "what changed" ranking, the series over time and the tie filters, on the built-in dataset."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from desktop.core.changes import compare
from desktop.core.filters import TieFilter
from desktop.core.metrics import centrality_series, pair_series, tension_index
from desktop.core.timeline import Timeline
from desktop.io.registry import load


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    return Timeline(load(Path(__file__).resolve().parents[2] / "resources/datasets/kerry-2013-2014.json").dataset)


def test_livni_erekat_sours_most_across_november_2013(timeline: Timeline) -> None:
    changes = compare(timeline, "2013-10-15", "2013-11-30", top=5)
    first = changes.soured[0]
    assert {first.a, first.b} == {"livni", "erekat"}
    assert first.tension_before > 0.5 and first.tension_after < -0.5
    deltas = [c.tension_change for c in changes.soured]
    assert deltas == sorted(deltas) and all(d < 0 for d in deltas)
    assert all(c.tension_change > 0 for c in changes.warmed)
    assert all(c.tension_before is None and c.intensity_after for c in changes.appeared)
    assert all(c.tension_after is None and c.intensity_before for c in changes.broke)
    moved = [abs(a.centrality_change) for a in changes.actors]
    assert moved == sorted(moved, reverse=True) and len(changes.actors) <= 5


def test_json_names_actors_by_id_and_name(timeline: Timeline) -> None:
    data = compare(timeline, "2013-10-15", "2013-11-30", top=3).to_json(timeline.dataset)
    assert set(data) >= {"soured", "warmed", "appeared", "broke", "actors"}
    assert data["from"] == "2013-10-15" and data["to"] == "2013-11-30"
    entry = data["soured"][0]
    assert (entry["a"], entry["a_name"], entry["b"], entry["b_name"]) == ("livni", "Tzipi Livni", "erekat",
                                                                          "Saeb Erekat")
    assert {"id", "name", "centrality_before", "centrality_after"} <= set(data["actors"][0])
    json.dumps(data)


def test_cli_changes_json(capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.cli import main

    assert main(["changes", "--from", "2013-10-15", "--to", "2013-11-30", "--top", "2", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["soured"]) == 2 and data["soured"][0]["b"] == "erekat"
    assert main(["changes", "--from", "2013-10-15", "--to", "2013-11-30"]) == 0
    text = capsys.readouterr().out
    assert "Soured most" in text and "1. Tzipi Livni — Saeb Erekat" in text
    assert main(["changes", "--from", "soon", "--to", "2013-11-30"]) == 2


def test_series_follow_the_rule(timeline: Timeline) -> None:
    index = tension_index(timeline, samples=50)
    assert len(index.times) == 50 and np.nanmax(index.total_intensity) > 1
    pair = pair_series(timeline, "erekat", "livni", samples=80)
    assert np.nanmax(pair.tension) > 0.5 and np.nanmin(pair.tension) < -0.5
    central = centrality_series(timeline, samples=8)
    kerry = timeline.dataset.actor_index["kerry"]
    assert central.betweenness[:, kerry].max() > 0.2
    degree, between = central.at(timeline.dataset.axis.to_instant("2013-11-20"))
    assert degree[kerry] > 0 and between.shape == (len(timeline.actor_ids),)


def test_filters_narrow_what_is_drawn(timeline: Timeline) -> None:
    snap = timeline.snapshot_at("2013-11-20")
    hostile = TieFilter(sign="hostile").apply(snap, timeline.dataset)
    warm = TieFilter(sign="warm").apply(snap, timeline.dataset)
    assert len(hostile) and len(warm) and len(hostile) + len(warm) <= len(snap)
    assert (hostile.tension <= -0.25).all() and (warm.tension >= 0.25).all()
    strong = TieFilter(min_intensity=1.0).apply(snap, timeline.dataset)
    assert (strong.intensity >= 1.0).all()
    group = TieFilter(groups=frozenset({"us"})).apply(snap, timeline.dataset)
    us = {a.id for a in timeline.dataset.actors if a.group == "us"}
    assert all(timeline.actor_ids[s] in us or timeline.actor_ids[t] in us
               for s, t in zip(group.source, group.target, strict=True))
