"""Atomically written files get ordinary permissions (0666 less the umask), not mkstemp's private 0600."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.io.convert import convert
from desktop.io.writers import write_gexf, write_native
from tests.io.test_writers import small_dataset


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("write", [write_native, write_gexf], ids=["native", "gexf"])
def test_written_dataset_honours_the_umask(tmp_path: Path, umask_022: None, write) -> None:
    path = tmp_path / "out.data"
    write(small_dataset(), path)
    assert _mode(path) == 0o644


def test_converted_file_honours_the_umask(tmp_path: Path, umask_022: None) -> None:
    source = tmp_path / "edges.csv"
    source.write_text("source,target,date\na,b,2013-11-05\n", encoding="utf-8")
    convert(source, tmp_path / "out.relmap.json")
    assert _mode(tmp_path / "out.relmap.json") == 0o644


def test_a_stricter_umask_is_honoured_too(tmp_path: Path) -> None:
    previous = os.umask(0o077)
    try:
        write_native(small_dataset(), tmp_path / "out.relmap.json")
    finally:
        os.umask(previous)
    assert _mode(tmp_path / "out.relmap.json") == 0o600
