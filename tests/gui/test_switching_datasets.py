"""Switching to a dataset with fewer actors never crashes (issue 12, item 1).

Each scenario of :mod:`tests.gui.switching_scenarios` runs in its own Python, so that a segmentation fault
(an old, longer array reaching a paint or a compiled kernel: numba does not check bounds) is a failed
test with its stack, not the end of the test run.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = Path(__file__).with_name("switching_scenarios.py")
NAMES = [
    "test_bigger_to_smaller_while_the_first_layout_is_computing",
    "test_bigger_to_smaller_after_drawing_and_back",
    "test_builtin_to_a_table_while_playing",
    "test_builtin_to_a_snapshot_series_by_the_menu",
    "test_a_first_layout_superseded_twice",
]


@pytest.mark.parametrize("scenario", NAMES)
def test_switching_to_a_smaller_dataset_never_crashes(scenario: str, tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONFAULTHANDLER": "1",
           "RELMAP_LOG_DIR": str(tmp_path)}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", "-p", "no:randomly",
         "--timeout", "300", f"{SCENARIOS}::{scenario}"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=400,
    )
    assert run.returncode == 0, f"exit {run.returncode}\n{run.stdout[-6000:]}\n{run.stderr[-6000:]}"
