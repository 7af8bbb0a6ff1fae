"""Kernels never read past an array: their Python callers refuse mismatched shapes with a ValueError,
and the layout and raster tests pass again with numba's bounds checking switched on."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from desktop.canvas import edge_raster
from desktop.layout._quadtree import add_repulsion
from desktop.layout.engine import ForceSimulation
from desktop.layout.kernels import compiled
from desktop.layout.placement import cold_positions, place_new

ROOT = Path(__file__).resolve().parents[2]


def test_an_edge_to_a_node_that_is_not_there_is_refused() -> None:
    with pytest.raises(ValueError, match="endpoints"):
        ForceSimulation(5, np.array([[0, 1], [3, 9]]))


def test_positions_of_another_size_are_refused_before_an_iteration() -> None:
    sim = ForceSimulation(6, np.array([[0, 1], [1, 2], [3, 4]]))
    sim.pos = np.zeros((4, 2))  # an older, shorter array left behind
    with pytest.raises(ValueError, match="positions"):
        sim.iterate(0.1)


def test_repulsion_refuses_masses_or_an_order_of_another_size() -> None:
    pos = np.random.default_rng(1).normal(size=(50, 2))
    with pytest.raises(ValueError, match="masses"):
        add_repulsion(pos, np.ones(40), 1.0, 0.9, np.zeros((50, 2)))
    with pytest.raises(ValueError, match="order"):
        add_repulsion(pos, np.ones(50), 1.0, 0.9, np.zeros((50, 2)), np.arange(60, dtype=np.int64))


def test_placement_refuses_an_adjacency_of_another_graph() -> None:
    kernels = compiled()
    indptr, indices = kernels.csr(8, np.array([0, 1, 2], np.int64), np.array([1, 2, 7], np.int64))
    rng = np.random.default_rng(0)
    with pytest.raises(ValueError, match="adjacency"):
        place_new(kernels, np.zeros((5, 2)), np.zeros(5, bool), indptr, indices, rng, 1.0)
    with pytest.raises(ValueError, match="adjacency"):
        cold_positions(kernels, 5, indptr, indices, rng, 1.0)


def test_the_raster_refuses_colours_for_fewer_ties() -> None:
    buf = np.zeros((32, 32), np.uint32)
    ends = np.array([1.0, 20.0, 30.0])
    with pytest.raises(ValueError, match="different lengths"):
        edge_raster.rasterise(buf, ends, ends, ends[::-1], ends, np.ones(3), np.full((2, 4), 200, np.uint8))


@pytest.mark.slow
def test_layout_and_raster_tests_pass_with_bounds_checking(tmp_path: Path) -> None:
    """numba checks no bounds unless told: run the kernels' tests once with NUMBA_BOUNDSCHECK=1 (and a fresh
    cache, so no kernel compiled without the checks is reused); an out-of-range index is then an
    IndexError that fails a test instead of a silent read or a crash."""
    env = {**os.environ, "NUMBA_BOUNDSCHECK": "1", "NUMBA_CACHE_DIR": str(tmp_path / "numba"),
           "QT_QPA_PLATFORM": "offscreen"}
    tests = [str(p) for p in sorted((ROOT / "tests" / "layout").glob("test_*.py")) if p.name != Path(__file__).name]
    tests.append(str(ROOT / "tests" / "canvas" / "test_edge_raster.py"))
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *tests],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=1500)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-3000:]
    assert " passed" in done.stdout
