"""A node table opened with its sibling edge and attribute tables: each sibling read once, no false repeats."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from desktop.io import csv_tables
from desktop.io.registry import load


def _trio(folder: Path) -> Path:
    (folder / "clubNodes.csv").write_text("id,label\na,Ann\nb,Bob\nc,Cy\n", encoding="utf-8")
    (folder / "clubEdges.csv").write_text("source,target,date\na,b,2013-11-05\nb,c,2013-11-07\n", encoding="utf-8")
    (folder / "clubAttributes.csv").write_text("id,role\na,chair\nb,member\nc,member\n", encoding="utf-8")
    return folder / "clubNodes.csv"


def test_joined_attribute_table_is_not_reported_as_repeated_ids(tmp_path: Path) -> None:
    result = load(_trio(tmp_path))
    summary = result.report.summary()
    assert "clubEdges.csv" in summary and "clubAttributes.csv" in summary
    assert "repeated node ids" not in summary
    assert {a.id: a.name for a in result.dataset.actors} == {"a": "Ann", "b": "Bob", "c": "Cy"}
    assert len(result.dataset.events) == 2


def test_an_id_repeated_within_one_table_is_still_reported(tmp_path: Path) -> None:
    nodes = _trio(tmp_path)
    nodes.write_text("id,label\na,Ann\nb,Bob\nc,Cy\na,Ann again\n", encoding="utf-8")
    summary = load(nodes).report.summary()
    assert "repeated node ids" in summary and "clubNodes.csv line 5" in summary


def test_each_sibling_table_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reads: Counter[str] = Counter()
    real = csv_tables.load_table

    def counting(path: Path, *args, **kwargs):
        reads[path.name] += 1
        return real(path, *args, **kwargs)

    monkeypatch.setattr(csv_tables, "load_table", counting)
    load(_trio(tmp_path))
    assert reads == {"clubNodes.csv": 1, "clubEdges.csv": 1, "clubAttributes.csv": 1}
