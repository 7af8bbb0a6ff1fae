"""Switching datasets in every order, bigger to smaller and back, while playing, before the first layout
is done, and with an actor selected and pinned: no crash, no control left showing the previous file.

Each run is a child process (:mod:`tests.acceptance.switching`), so a segmentation fault fails the
test with the step it happened at instead of ending the test run.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.acceptance.switching import DATASETS

ROOT = Path(__file__).resolve().parents[2]


def every_order(keys: list[str]) -> list[str]:
    """A walk through ``keys`` that goes once from each to each other (an Euler circuit of the complete
    directed graph), so every ordered switch happens exactly once."""
    unused = {k: [j for j in keys if j != k] for k in keys}
    stack, circuit = [keys[0]], []
    while stack:
        here = stack[-1]
        if unused[here]:
            stack.append(unused[here].pop())
        else:
            circuit.append(stack.pop())
    return circuit[::-1]


def run(*args: str, timeout: int = 900) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-m", "tests.acceptance.switching", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)
    log = done.stdout + done.stderr[-4000:]
    if done.returncode < 0 or done.returncode > 1:
        pytest.fail(f"the window crashed (exit {done.returncode}) switching {' → '.join(args)}:\n{log}")
    assert done.returncode == 0, log


def test_every_order_of_six_kinds_of_file() -> None:
    walk = every_order(list(DATASETS))
    assert len(walk) == len(DATASETS) * (len(DATASETS) - 1) + 1
    run(*walk)


def test_switching_while_playing_with_an_actor_selected_and_pinned() -> None:
    run("builtin", "gexf393", "graphml77", "builtin", "csv41", "series18", "number2", "builtin",
        "--playing", "--selected")


def test_switching_before_the_first_layout_is_done() -> None:
    run("gexf393", "graphml77", "builtin", "csv41", "gexf393", "series18", "number2", "builtin", "--unsettled")
