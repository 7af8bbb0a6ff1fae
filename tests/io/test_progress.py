"""The progress / cancel hook of the readers: monotonic fractions, a clean stop on request."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.io.problems import DatasetError
from desktop.io.progress import EVERY, LoadCancelled, Progress
from desktop.io.registry import load

N = 3 * EVERY  # enough elements for several calls per phase, small enough to stay quick


def _gexf(path: Path) -> Path:
    nodes = "".join(f'<node id="n{i}" label="N{i}"/>' for i in range(200))
    edges = "".join(f'<edge id="{k}" source="n{k % 200}" target="n{(k * 7 + 1) % 200}" '
                    f'start="2013-01-{k % 28 + 1:02d}" end="2013-02-01"/>' for k in range(N))
    path.write_text(f'<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph mode="dynamic" timeformat="date">'
                    f"<nodes>{nodes}</nodes><edges>{edges}</edges></graph></gexf>", encoding="utf-8")
    return path


def _graphml(path: Path) -> Path:
    edges = "".join(f'<edge source="n{k % 200}" target="n{(k * 7 + 1) % 200}"><data key="d">2013-03-{k % 28 + 1:02d}'
                    "</data></edge>" for k in range(N))
    path.write_text('<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="d" for="edge" attr.name="date"/>'
                    f'<graph edgedefault="undirected">{edges}</graph></graphml>', encoding="utf-8")
    return path


def _csv(path: Path) -> Path:
    rows = "".join(f"n{k % 200},n{(k * 7 + 1) % 200},2013-04-{k % 28 + 1:02d},{k % 3 + 1}\n" for k in range(N))
    path.write_text("source,target,date,weight\n" + rows, encoding="utf-8")
    return path


MAKERS = {"big.gexf": _gexf, "big.graphml": _graphml, "big.csv": _csv}


@pytest.fixture(params=sorted(MAKERS))
def big(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    return MAKERS[request.param](tmp_path / request.param)


def test_progress_rises_from_zero_to_one(big: Path) -> None:
    seen: list[float] = []
    result = load(big, progress=lambda f: seen.append(f) is None)
    assert len(result.dataset.events) == N
    assert seen[0] == 0.0 and seen[-1] == 1.0
    assert seen == sorted(seen)
    assert len(seen) >= 6 and any(0.2 < f < 0.9 for f in seen)


def test_returning_false_cancels_part_way(big: Path) -> None:
    seen: list[float] = []

    def stop_half_way(fraction: float) -> bool:
        seen.append(fraction)
        return fraction < 0.5

    with pytest.raises(LoadCancelled):
        load(big, progress=stop_half_way)
    assert seen[-1] >= 0.5 and seen[-1] < 1.0


def test_small_readers_report_start_and_end(tmp_path: Path) -> None:
    path = tmp_path / "g.net"
    path.write_text("*Vertices 2\n1 a\n2 b\n*Edges\n1 2\n", encoding="utf-8")
    seen: list[float] = []
    load(path, progress=lambda f: seen.append(f) is None)
    assert seen == [0.0, 1.0]
    with pytest.raises(LoadCancelled):
        load(path, progress=lambda f: False)


def test_a_phase_maps_onto_its_slice_of_the_bar() -> None:
    seen: list[float] = []
    phase = Progress(lambda f: seen.append(f) is None).part(0.5, 1.0).part(0.0, 0.5)
    phase(0.0)
    phase(1.0)
    phase.every(1, 10)  # not a multiple of EVERY: no call
    assert seen == [0.5, 0.75]
    Progress(None)(0.3)  # no callback, no cost, no error


def test_the_collector_is_back_on_after_a_cancelled_or_failed_load(big: Path, tmp_path: Path) -> None:
    import gc

    assert gc.isenabled()
    with pytest.raises(LoadCancelled):
        load(big, progress=lambda f: f < 0.3)
    assert gc.isenabled()
    bad = tmp_path / "bad.gexf"
    bad.write_text("<gexf><graph><nodes><node/></nodes></graph></gexf>", encoding="utf-8")
    with pytest.raises(DatasetError):
        load(bad)
    assert gc.isenabled()
