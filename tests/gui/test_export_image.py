"""Headless PNG export through the command line and the renderer it shares with the window."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PySide6.QtGui import QImage

from desktop.cli import main
from desktop.export.image import render_map
from desktop.io.native import load_dataset
from tests.images import image_array


def test_render_draws_ties_in_tension_colours(qtbot, write_dataset: Callable[..., Path]) -> None:
    dataset = load_dataset(write_dataset())
    image = render_map(dataset, dataset.axis.to_instant("2013-08-02"), (900, 600))
    assert (image.width(), image.height()) == (900, 600)
    px = image_array(image).reshape(-1, 3).astype(int)
    # Both ties have soured by then: they are drawn in the red half of the scale.
    reddish = (px[:, 0] > px[:, 1] + 60) & (px[:, 0] > px[:, 2] + 80)
    assert reddish.sum() > 30
    assert len(np.unique(px // 16, axis=0)) > 10


def test_the_same_state_gives_the_same_picture(qtbot, write_dataset: Callable[..., Path]) -> None:
    dataset = load_dataset(write_dataset())
    t = dataset.span[1]
    first = image_array(render_map(dataset, t, (640, 400)))
    second = image_array(render_map(dataset, t, (640, 400)))
    assert np.array_equal(first, second)


def test_cli_export_writes_a_png_of_the_requested_size(tmp_path: Path, write_dataset: Callable[..., Path]) -> None:
    out = tmp_path / "map.png"
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "export", str(write_dataset()), "--at", "2013-08-01", "-o", str(out),
         "--size", "800x500"],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (800, 500)
    assert "1 August 2013" in done.stdout


def test_cli_reports_bad_input_in_one_line_with_status_2(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"relmap": 1, "title": "x", "actors": [{"id": "a", "name": "A"}], "events": '
                   '[{"id": "e", "date": "2013-01-01", "interactions": [{"a": "a", "b": "yaalon", "tone": 1}]}]}')
    assert main(["validate", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("relmap: error: bad.json: events[0].interactions[0].b: unknown actor")
    assert "Traceback" not in err
    assert main(["export", str(bad), "-o", str(tmp_path / "x.png")]) == 2
    assert main(["export", "-o", str(tmp_path / "x.png"), "--size", "huge"]) == 2
    assert main(["export", "--at", "2013-02-30", "-o", str(tmp_path / "x.png")]) == 2
    assert main([str(tmp_path / "missing.json")]) == 2


def test_cli_validate_summarises(capsys, builtin_path: Path) -> None:
    assert main(["validate", str(builtin_path)]) == 0
    out = capsys.readouterr().out
    assert "actors:" in out and "events:" in out and "span:" in out


def test_options_may_come_before_the_subcommand(capsys, builtin_path: Path) -> None:
    assert main(["--debug", "validate", str(builtin_path)]) == 0
    assert "actors:" in capsys.readouterr().out


def test_a_bad_at_for_the_window_is_refused_before_it_opens(capsys, builtin_path: Path) -> None:
    assert main([str(builtin_path), "--at", "2013-13-45"]) == 2
    assert capsys.readouterr().err.startswith("relmap: error: --at: '2013-13-45' is neither a date")
