"""Pajek projects, partitions, vectors, time intervals and *Events files (issue 15)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.io.problems import DatasetError
from desktop.io.registry import load

# The shape of Padgett's Florentine families project: two relations over the same vertices, then a
# partition and a vector describing the vertices.
PROJECT = """*Network marriage
*Vertices 4
1 "Acciaiuoli"
2 "Albizzi"
3 "Barbadori"
4 "Bischeri"
*Edges
1 2
2 3
*Network business
*Vertices 4
1 "Acciaiuoli"
2 "Albizzi"
3 "Barbadori"
4 "Bischeri"
*Edges
3 4
*Partition seats
*Vertices 4
1
0
1
2
*Vector wealth
*Vertices 4
10
36
55
44
"""

TEMPORAL = """*Vertices 3
1 "a" [1-*]
2 "b [x]" [1-5,8]
3 "c" [2-*]
*Arcs
1 2 1 [1,2,5-8]
2 3 2 [3-*]
"""

EVENTS = """*Events
TI 1
AV 1 "a"
AV 2 "b"
AE 1 2 1
TI 2
AV 3 "c"
AA 3 1 2
TI 4
DE 1 2
HV 2
TI 5
CV 1 "x"
"""


def test_a_project_reads_its_first_network_and_names_the_others(write) -> None:
    """Before: the marriage and business ties were merged into one tie set, with no warning."""
    result = load(write("families.paj", PROJECT))
    pairs = sorted(tuple(sorted(e.participants)) for e in result.dataset.events)
    assert pairs == [("1", "2"), ("2", "3")]
    assert result.dataset.title == "marriage"
    assert any("other networks" in line and "'business'" in line and "--network" in line
               for line in result.report.skipped)
    assert result.dataset.extra["networks"] == ["marriage", "business"]


def test_network_option_picks_another(write) -> None:
    result = load(write("families.paj", PROJECT), network=2)
    assert [tuple(sorted(e.participants)) for e in result.dataset.events] == [("3", "4")]
    assert any("'marriage'" in line for line in result.report.skipped)
    with pytest.raises(DatasetError, match="network 3 asked for, but the file has 2"):
        load(write("families.paj", PROJECT), network=3)


def test_cli_network_flag(write, capsys) -> None:
    path = write("families.paj", PROJECT)
    assert main(["validate", str(path), "--network", "2"]) == 0
    out = capsys.readouterr().out
    assert "events:       1" in out and "'marriage'" in out
    assert main(["validate", str(path), "--network", "5"]) == 2
    assert "network 5 asked for" in capsys.readouterr().err


def test_partition_becomes_groups_without_a_phantom_actor(write) -> None:
    """Before: partition values were read as vertex lines, adding an actor "0"."""
    dataset = load(write("families.paj", PROJECT)).dataset
    assert sorted(a.id for a in dataset.actors) == ["1", "2", "3", "4"]
    assert {a.id: a.group for a in dataset.actors} == {"1": "1", "2": "0", "3": "1", "4": "2"}
    assert {g.label for g in dataset.groups} == {"seats 0", "seats 1", "seats 2"}


def test_vector_becomes_an_attribute(write) -> None:
    """Before: a *Vector block refused the whole file."""
    dataset = load(write("families.paj", PROJECT)).dataset
    assert {a.id: a.extra["wealth"] for a in dataset.actors} == {"1": 10.0, "2": 36.0, "3": 55.0, "4": 44.0}


def test_partition_of_another_size_is_reported(write) -> None:
    text = PROJECT.replace("*Vector wealth\n*Vertices 4\n10\n36\n55\n44\n", "*Vector wealth\n*Vertices 2\n1\n2\n")
    result = load(write("families.paj", text))
    assert any("*Vector 'wealth'" in line and "2 values for 4 vertices" in line for line in result.report.skipped)


def test_time_intervals_on_vertices_and_arcs(write) -> None:
    """Before: [1,2,5-8] was ignored and the temporal network loaded as one static step."""
    result = load(write("temporal.net", TEMPORAL))
    dataset = result.dataset
    assert not dataset.is_static and dataset.axis.kind == "number"
    spans = sorted((e.participants, e.time, e.end_time) for e in dataset.events)
    assert spans == [(("1", "2"), 1.0, None), (("1", "2"), 2.0, None), (("1", "2"), 5.0, 8.0),
                     (("2", "3"), 3.0, 8.0)]
    actors = {a.id: (a.name, a.start, a.end) for a in dataset.actors}
    assert actors == {"1": ("a", 1.0, None), "2": ("b [x]", 1.0, 8.0), "3": ("c", 2.0, None)}


def test_events_file_is_drawable(write, tmp_path: Path) -> None:
    """Before: a .tim file loaded with nothing to draw."""
    result = load(write("growth.tim", EVENTS))
    dataset = result.dataset
    assert sorted((e.participants, e.time, e.end_time) for e in dataset.events) == [
        (("1", "2"), 1.0, 4.0), (("3", "1"), 2.0, 4.0)]
    assert {a.id: a.name for a in dataset.actors} == {"1": "a", "2": "b", "3": "c"}
    assert {a.id: a.end for a in dataset.actors}["2"] == 4.0
    assert any("CV" in line for line in result.report.skipped)
    out = tmp_path / "growth.png"
    assert main(["export", str(result.report.path), "--at", "3", "-o", str(out), "--size", "160x100"]) == 0
    assert out.stat().st_size > 0


def test_relation_labels_become_event_kinds(write) -> None:
    text = '*Vertices 2\n1 "a"\n2 "b"\n*Arcs :1 "likes"\n1 2\n*Arcs :2 "fights"\n2 1 -1\n'
    dataset = load(write("multi.net", text)).dataset
    assert sorted(e.kind for e in dataset.events) == ["fights", "likes"]
