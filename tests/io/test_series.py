"""Snapshot series: several files, time only in their names, merged on one number axis."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.io.progress import LoadCancelled
from desktop.io.series import load_series, order_snapshots, snapshot_instants
from tests.ci import skip_or_fail


def test_sampson_periods_become_three_instants(shared: Path) -> None:
    folder = shared / "networkx-sampson"
    paths = sorted(folder.glob("samplike*.txt"))
    if len(paths) != 3:
        skip_or_fail("the Sampson snapshot files are not present")
    result = load_series(order_snapshots(list(reversed(paths))))
    dataset = result.dataset
    assert dataset.axis.kind == "number"
    assert len(dataset.actors) == 18
    assert len(dataset.events) == 55 + 57 + 56  # provenance counts, directed, no self-loops
    assert sorted({event.time for event in dataset.events}) == [1.0, 2.0, 3.0]
    assert sum(event.time == 2.0 for event in dataset.events) == 57
    assert dataset.span == (1.0, 3.0) and not dataset.is_static
    assert dataset.title == "samplike"
    assert "samplike2.txt: snapshot at 2" in result.report.summary()


def test_instants_come_from_names_or_positions() -> None:
    assert snapshot_instants([Path("net_1990.csv"), Path("net_1995.csv")]) == [1990.0, 1995.0]
    assert snapshot_instants([Path("before.csv"), Path("after.csv")]) == [1.0, 2.0]
    assert snapshot_instants([Path("a1.csv"), Path("b1.csv")]) == [1.0, 2.0]  # numbers that do not differ
    assert order_snapshots([Path("p10.net"), Path("p9.net"), Path("p2.net")]) == [
        Path("p2.net"), Path("p9.net"), Path("p10.net")]  # by number, not by text


def test_mixed_formats_merge_and_keep_every_actor(tmp_path: Path) -> None:
    first = tmp_path / "wave1.csv"
    first.write_text("source,target\nann,bob\n", encoding="utf-8")
    second = tmp_path / "wave2.net"
    second.write_text('*Vertices 3\n1 "ann"\n2 "bob"\n3 "cat"\n*Arcs\n1 3\n2 3\n', encoding="utf-8")
    dataset = load_series([first, second]).dataset
    assert {event.time for event in dataset.events} == {1.0, 2.0}
    assert len(dataset.events) == 3
    assert len({event.id for event in dataset.events}) == 3


def test_a_series_can_be_cancelled(tmp_path: Path) -> None:
    paths = []
    for k in range(3):
        path = tmp_path / f"s{k}.csv"
        path.write_text("source,target\na,b\n", encoding="utf-8")
        paths.append(path)
    with pytest.raises(LoadCancelled):
        load_series(paths, progress=lambda f: f < 0.5)


def test_relmap_validate_reads_several_files_as_a_series(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.cli import main

    paths = []
    for k in (10, 2, 9):
        path = tmp_path / f"p{k}.csv"
        path.write_text(f"source,target\na{k},b\n", encoding="utf-8")
        paths.append(path)
    assert main(["validate", *map(str, paths)]) == 0
    out = capsys.readouterr().out
    assert "3 files as snapshots" in out and "events:       3" in out and "step 2 – step 10" in out
