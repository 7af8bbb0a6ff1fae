"""The end-to-end story in a real X window: launch, play a few seconds, open a smaller file with Ctrl+O,
click an event card, export a PNG. The screenshots of each step are compared, loosely, with what each
step should change (and kept in the test's folder for a person to look at)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tests.e2e.test_real_window import SIZE, xvfb  # noqa: F401  (the X server fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "datasets"


def pixels(path: Path) -> np.ndarray:
    from PIL import Image

    return np.asarray(Image.open(path).convert("RGB")).astype(int)


def difference(a: Path, b: Path) -> float:
    return float(np.abs(pixels(a) - pixels(b)).mean())


def test_a_users_first_minutes(xvfb: str, tmp_path: Path) -> None:  # noqa: F811
    smaller = SHARED / "gexf-spec-dynamics" / "dynamics.gexf"  # dated, 4 actors: far fewer than the story
    assert smaller.exists()
    out = tmp_path / "story"
    out.mkdir()
    env = {**os.environ, "DISPLAY": xvfb, "QT_QPA_PLATFORM": "xcb", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "RELMAP_LOG_DIR": str(tmp_path / "logs")}
    done = subprocess.run([sys.executable, "-m", "tests.e2e.story", str(out), str(smaller)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    steps = (out / "steps.txt").read_text(encoding="utf-8") if (out / "steps.txt").exists() else ""
    assert done.returncode == 0, f"exit {done.returncode}\n{steps}\n{done.stdout[-3000:]}\n{done.stderr[-5000:]}"
    rows = dict(line.split("\t", 1) for line in steps.splitlines())
    assert list(rows) == ["1-launched", "2-played", "3-opened", "4-card", "5-exported"], steps
    assert rows["1-launched"] != rows["2-played"], "playing did not move the date"
    title, actors = rows["3-opened"].split("\t")
    assert 0 < int(actors) < 73 and "Relmap" in title
    assert rows["4-card"].endswith("True"), "the card click did not jump to its date"
    assert rows["5-exported"].startswith("Saved ")
    assert difference(out / "1-launched.png", out / "2-played.png") > 0.5  # the map moved while playing
    assert difference(out / "2-played.png", out / "3-opened.png") > 2  # another dataset on screen
    exported, widget = pixels(out / "export.png"), pixels(out / "map-widget.png")
    assert exported.shape == widget.shape or abs(exported.shape[0] - widget.shape[0]) <= 2
    h, w = min(exported.shape[0], widget.shape[0]), min(exported.shape[1], widget.shape[1])
    assert float(np.abs(exported[:h, :w] - widget[:h, :w]).mean()) < 25, "the export does not look like the map"
    assert SIZE[0] > 0
