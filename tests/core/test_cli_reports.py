"""What ``relmap validate`` tells about a file: skipped rows and problems in document order."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.io.native import dataset_from_document
from desktop.io.problems import DatasetError
from tests.conftest import tiny_document


def test_validate_lists_what_it_skipped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = tmp_path / "edges.csv"
    table.write_text("source,target,date\nann,bob,2013-07-01\nann,ann,2013-07-02\nbob,cat,2013-07-03\n")
    assert main(["validate", str(table)]) == 0
    out = capsys.readouterr().out
    assert "skipped:" in out and "self" in out.lower()


def test_problems_are_listed_in_document_order() -> None:
    doc = tiny_document()
    doc["events"] = [dict(doc["events"][0], id=f"e{k}") for k in range(12)]
    for k in (2, 10):
        doc["events"][k]["interactions"] = [{"a": "ann", "b": "bob", "tone": 9}]
    with pytest.raises(DatasetError) as caught:
        dataset_from_document(doc)
    locations = [problem.location for problem in caught.value.problems]
    assert locations.index("events[2].interactions[0].tone") < locations.index("events[10].interactions[0].tone")
