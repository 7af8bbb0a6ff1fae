"""The window comes back where it was left: the tests are in :mod:`tests.acceptance._window_memory`, run
on a 1920×1080 offscreen screen (Qt's default offscreen screen is narrower than the window's minimum)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.acceptance.helpers import run_child


def test_the_window_comes_back_where_it_was_left(tmp_path: Path) -> None:
    screens = tmp_path / "screen.json"
    screens.write_text(json.dumps({"screens": [{"name": "wide", "x": 0, "y": 0, "width": 1920, "height": 1080,
                                                "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    run_child("_window_memory", QT_QPA_PLATFORM=f"offscreen:configfile={screens}")
