"""Whole-span layouts kept between runs: the same answer as computing, never a stale or foreign one."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from desktop.core.resources import builtin_dataset_path
from desktop.core.timeline import Timeline
from desktop.io.native import dataset_from_document, load_dataset
from desktop.layout import base_cache
from desktop.layout.timeline_layout import MapLayout
from tests.conftest import tiny_document


@pytest.fixture
def kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "layouts"
    monkeypatch.setattr(base_cache, "folder", folder)
    return folder


def _timeline() -> Timeline:
    return Timeline(load_dataset(builtin_dataset_path()))


def _computed(timeline: Timeline) -> np.ndarray:
    previous, base_cache.folder = base_cache.folder, None
    try:
        return MapLayout(timeline).base_positions()
    finally:
        base_cache.folder = previous


def test_a_reopened_file_gets_the_layout_it_had_without_computing(kept: Path, monkeypatch) -> None:
    timeline = _timeline()
    first = MapLayout(timeline).base_positions()
    assert len(list(kept.glob("*.npy"))) == 1
    assert np.array_equal(first, _computed(timeline))

    def no_simulation(*_: object, **__: object) -> None:
        raise AssertionError("the kept layout should have been used")

    monkeypatch.setattr("desktop.layout.ForceSimulation", no_simulation)
    again = MapLayout(_timeline()).base_positions()  # a new load of the same file, as at the next start
    assert np.array_equal(again, first)
    # and the picture of a date is the one the computed layout gives
    t = timeline.span[1]
    assert np.allclose(MapLayout(_timeline()).positions_at(t), MapLayout(timeline, base=first).positions_at(t))


def test_another_graph_or_seed_never_reuses_a_kept_layout(kept: Path) -> None:
    MapLayout(_timeline()).base_positions()
    tiny = Timeline(dataset_from_document(tiny_document()))
    MapLayout(tiny).base_positions()
    MapLayout(tiny, seed=1).base_positions()
    assert len(list(kept.glob("*.npy"))) == 3


def test_an_unreadable_or_foreign_file_is_computed_again(kept: Path) -> None:
    timeline = _timeline()
    expected = MapLayout(timeline).base_positions()
    (path,) = kept.glob("*.npy")
    for bad in (b"not an array", None):
        if bad is None:  # a pickled object array under the right name: never unpickled
            np.save(path, np.array([{"x": 1}], dtype=object), allow_pickle=True)
        else:
            path.write_bytes(bad)
        assert np.array_equal(MapLayout(_timeline()).base_positions(), expected)
    path.write_bytes(b"")
    np.save(path, np.zeros((3, 2)))  # the wrong number of actors
    assert np.array_equal(MapLayout(_timeline()).base_positions(), expected)


def test_nothing_is_kept_unless_the_window_asked(tmp_path: Path) -> None:
    assert base_cache.folder is None  # exports and the command line always compute
    MapLayout(_timeline()).base_positions()
    assert not list(tmp_path.rglob("*.npy"))


def test_the_folder_keeps_only_the_most_recent_layouts(kept: Path, monkeypatch) -> None:
    monkeypatch.setattr(base_cache, "MAX_FILES", 2)
    tiny = Timeline(dataset_from_document(tiny_document()))
    for seed in range(4):
        MapLayout(tiny, seed=seed).base_positions()
    assert len(list(kept.glob("*.npy"))) == 2
    assert not list(kept.glob("*.tmp"))
