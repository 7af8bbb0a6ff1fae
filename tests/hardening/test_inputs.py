"""Hostile inputs that used to hang, crash or cost gigabytes (issue 16, items 2–7 and 10)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from desktop.cli import main as cli_main
from desktop.io.limits import Limits
from desktop.io.problems import DatasetError
from desktop.io.registry import load
from tests.hardening._guard import with_time_limit

# -- item 5: what is not a regular file is refused before reading ---------------------------------------

@pytest.mark.parametrize("name", ["edges.csv", "data.relmap.json", "graph.net"])
def test_a_fifo_is_refused_without_reading(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / name
    os.mkfifo(fifo)
    opened = threading.Event()

    def writer() -> None:  # if the reader ever opens the FIFO, this unblocks it and the test sees it
        with open(fifo, "w") as stream:
            opened.set()
            stream.write("source,target\na,b\n")

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    status = with_time_limit(lambda: cli_main(["validate", str(fifo)]), 10)
    err = capsys.readouterr().err
    assert status == 2
    assert err == (f"relmap: error: {name}: is a named pipe (FIFO), not a regular file; "
                   "Relmap reads only ordinary files\n")
    assert not opened.is_set()
    with open(fifo) as stream:  # let the writer finish
        stream.read()
    thread.join(5)


def test_a_folder_and_a_device_are_refused(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="is a folder, not a regular file"):
        load(tmp_path)
    with pytest.raises(DatasetError, match="is a device, not a regular file"):
        load(Path("/dev/zero"))


# -- item 10: limit messages name the limit in its documented unit --------------------------------------

def test_the_size_limit_is_named_in_mebibytes(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with open(path, "wb") as stream:
        stream.truncate(600 * 2**20)  # sparse: 600 MiB that cost nothing
    with pytest.raises(DatasetError, match=r"^big\.csv: the file is 600 MiB, over the limit of 512 MiB "
                                           r"\(max_file_bytes\)$"):
        load(path, limits=Limits())
