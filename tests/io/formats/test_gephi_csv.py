"""Gephi's adjacency-list and adjacency-matrix CSV, recognised as Gephi's importer reads them (issue 15)."""

from __future__ import annotations

from desktop.io.gephi_csv import detect
from desktop.io.registry import load

MATRIX = ";Ann;Bob;Cat;Dan\nAnn;0;1;3.5;0\nBob;1;0;0;0\nCat;3.5;0;0;2\nDan;0;0;2;0\n"
DIRECTED = ";A;B;C\nA;0;1;0\nB;0;0;2\nC;1;0;0\n"
ADJACENCY = "Ann;Bob;Cat\nBob;Cat\nDan;Ann;Bob;Cat\nEve;Dan\n"


def _pairs(dataset) -> list[tuple[str, str, float]]:
    return sorted((e.interactions[0].a, e.interactions[0].b, e.interactions[0].weight) for e in dataset.events)


def test_adjacency_matrix(write) -> None:
    """Before: read as an edge table with actors '0', '1', '3.5' and no warning."""
    result = load(write("matrix.csv", MATRIX))
    dataset = result.dataset
    assert sorted(a.id for a in dataset.actors) == ["Ann", "Bob", "Cat", "Dan"]
    assert _pairs(dataset) == [("Ann", "Bob", 1.0), ("Ann", "Cat", 3.5), ("Cat", "Dan", 2.0)]
    assert any("Gephi adjacency matrix" in line for line in result.report.guessed)
    assert any("symmetric" in line for line in result.report.guessed)


def test_directed_matrix_keeps_both_directions(write) -> None:
    dataset = load(write("directed.csv", DIRECTED)).dataset
    assert _pairs(dataset) == [("A", "B", 1.0), ("B", "C", 2.0), ("C", "A", 1.0)]
    assert all(e.extra["directed"] for e in dataset.events)


def test_adjacency_list(write) -> None:
    """Before: ragged rows padded as an edge table (Ann–Bob only from the first row, 'Cat' dropped)."""
    result = load(write("adjacency.csv", ADJACENCY))
    dataset = result.dataset
    assert sorted(a.id for a in dataset.actors) == ["Ann", "Bob", "Cat", "Dan", "Eve"]
    assert sorted((e.participants) for e in dataset.events) == sorted([
        ("Ann", "Bob"), ("Ann", "Cat"), ("Bob", "Cat"), ("Dan", "Ann"), ("Dan", "Bob"), ("Dan", "Cat"),
        ("Eve", "Dan")])
    assert any("Gephi adjacency list" in line for line in result.report.guessed)
    assert not result.report.problems


def test_ordinary_tables_are_not_taken_for_gephi_shapes() -> None:
    assert detect("source,target\na,b\nb,c\n") is None
    assert detect("a;b;2013-01-01\nb;c;2013-02-01;x\n") is None  # dates: an edge table, ragged
    assert detect("a;b;c;d\n1;2\n3;4\n5;6\n") is None  # a header over rows that lost their delimiter
    assert detect(",source,target\n0,a,b\n1,b,c\n") is None  # a pandas index column, not a matrix
    assert detect("a;b;0.5\nb;c;1.5\n") is None  # a weighted edge list


def test_the_window_does_not_ask_for_columns(tmp_path) -> None:
    from desktop.gui.dialogs.import_dialogs import needs_mapping

    path = tmp_path / "matrix.csv"
    path.write_text(MATRIX)
    assert not needs_mapping(path)
    plain = tmp_path / "edges.csv"
    plain.write_text("source,target\na,b\n")
    assert needs_mapping(plain)
