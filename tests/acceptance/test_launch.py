"""``relmap mydata.relmap.json --at 2013-11-05`` (README, "Using it"), run as ``python -m desktop`` in a child
process with its own home folder: the window opens on that file at that date; a file handed over later
by the system (macOS file-open events) opens too."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.acceptance.helpers import write_document
from tests.conftest import tiny_document


def launch(tmp_path: Path, *args: str, **env_extra: str) -> list[dict[str, object]]:
    seen = tmp_path / "seen.json"
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
           "RELMAP_LOG_DIR": str(home / "logs"), **env_extra}
    done = subprocess.run([sys.executable, str(Path(__file__).with_name("_launch_probe.py")), str(seen), *args],
                          env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"exit {done.returncode}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return json.loads(seen.read_text())


def test_a_file_and_a_date_on_the_command_line(tmp_path: Path) -> None:
    path = write_document(tmp_path, tiny_document(), "talks.relmap.json")
    [seen] = launch(tmp_path, str(path), "--at", "2013-07-15")
    assert seen["title"] == "Tiny — Relmap" and Path(str(seen["file"])) == path
    assert seen["date"] == "15 July 2013"
    assert seen["actors"] == 2  # Ann and Bob have met by then; Cat appears with her first event, in August


def test_a_file_the_system_hands_over_opens_in_the_window(tmp_path: Path) -> None:
    """macOS hands a double-clicked *.relmap.json to the running app as a file-open event (README, bundle)."""
    path = write_document(tmp_path, tiny_document(), "handed.relmap.json")
    first, second = launch(tmp_path, PROBE_FILE_OPEN_EVENT=str(path))
    assert str(first["title"]).startswith("The Kerry")  # no file given: the built-in dataset
    assert second["title"] == "Tiny — Relmap" and Path(str(second["file"])) == path
