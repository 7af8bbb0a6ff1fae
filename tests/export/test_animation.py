"""GIF and MP4: the requested frames at the requested size, read back with imageio; no debris."""

from __future__ import annotations

from pathlib import Path

import imageio.v2 as imageio2
import imageio.v3 as iio
import numpy as np
import pytest

from desktop.cli import main
from desktop.export.animation import GifExporter, Mp4Exporter
from desktop.export.contract import ExportError, Picture
from desktop.export.motion import MovieOptions
from tests.export._pixels import tension_colours


@pytest.fixture(scope="module")
def picture(kerry) -> Picture:
    return Picture(kerry, kerry.span[0])


def options(kerry, size: tuple[int, int], frames: int, fps: float = 10) -> MovieOptions:
    return MovieOptions(start=kerry.axis.to_instant("2013-09-01"), end=kerry.axis.to_instant("2013-12-01"),
                        size=size, fps=fps, duration=frames / fps)


def test_gif_has_the_frames_and_size_asked_for(qtbot, kerry, picture: Picture, tmp_path: Path) -> None:
    out = tmp_path / "talks.gif"
    assert GifExporter(picture, options(kerry, (240, 150), 4)).export(out) is None
    frames = iio.imread(out, index=None)
    assert frames.shape[:3] == (4, 150, 240)
    red, blue = tension_colours(frames[-1])
    assert red > 20 and blue > 20  # the map is drawn, in tension colours
    assert not np.array_equal(frames[0], frames[-1])  # and it moves
    assert [p.name for p in tmp_path.iterdir()] == ["talks.gif"]


def test_mp4_has_the_frames_and_size_asked_for(qtbot, kerry, picture: Picture, tmp_path: Path) -> None:
    out = tmp_path / "talks.mp4"
    Mp4Exporter(picture, options(kerry, (320, 200), 6, fps=12)).export(out)
    reader = imageio2.get_reader(out)
    try:
        assert reader.count_frames() == 6
        assert tuple(reader.get_meta_data()["size"]) == (320, 200)
        assert abs(reader.get_meta_data()["fps"] - 12) < 0.01
    finally:
        reader.close()


def test_animations_are_deterministic(qtbot, kerry, picture: Picture) -> None:
    for exporter in (GifExporter, Mp4Exporter):
        first = exporter(picture, options(kerry, (160, 100), 3)).export(to_bytes=True)
        second = exporter(picture, options(kerry, (160, 100), 3)).export(to_bytes=True)
        assert first and first == second


def test_cancel_leaves_nothing(qtbot, kerry, picture: Picture, tmp_path: Path) -> None:
    job = Mp4Exporter(picture, options(kerry, (160, 100), 40)).job(tmp_path / "talks.mp4")
    qtbot.waitUntil(lambda: job.step() or job.frame > 3, timeout=20_000)
    job.cancel()
    assert list(tmp_path.iterdir()) == []


def test_odd_mp4_sizes_are_refused(qtbot, kerry, picture: Picture, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="even width and height"):
        Mp4Exporter(picture, options(kerry, (161, 100), 3)).export(tmp_path / "x.mp4")
    assert list(tmp_path.iterdir()) == []


def test_cli_animation_and_its_errors(tmp_path: Path, capsys) -> None:
    out = tmp_path / "talks.gif"
    assert main(["export", "--from", "2013-10-01", "--to", "2013-11-01", "-o", str(out), "--size", "160x100",
                 "--fps", "10", "--days-per-second", "100"]) == 0
    assert "3 frames" in capsys.readouterr().out
    assert iio.imread(out, index=None).shape[0] == 3
    assert main(["export", "--from", "2014-01-01", "--to", "2013-10-01", "-o", str(tmp_path / "x.mp4")]) == 2
    assert main(["export", "--at", "2013-10-01", "-o", str(tmp_path / "x.gif")]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == "relmap: error: --from 1 January 2014 is not before --to 1 October 2013"
    assert len(lines) == 2 and lines[1].startswith("relmap: error: --at draws one date")
