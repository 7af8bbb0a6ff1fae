"""Pins are saved with a dataset's view and come back when the same file is opened again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings

from desktop.gui.pin_memory import PinMemory, parse_pins, view_key
from desktop.io.native import load_dataset
from desktop.viewer.state import ViewerState


def test_pins_come_back_with_their_file(tmp_path: Path, write_dataset: Callable[..., Path]) -> None:
    settings = QSettings(str(tmp_path / "relmap.ini"), QSettings.Format.IniFormat)
    path = write_dataset()
    first = ViewerState()
    memories = [PinMemory(first, settings)]  # held: signals keep only weak references
    first.open_dataset(load_dataset(path))
    first.pins = {"ann": (1.5, -2.0)}

    later = ViewerState()
    memories.append(PinMemory(later, settings))
    later.open_dataset(load_dataset(path))
    assert later.pins == {"ann": (1.5, -2.0)}

    later.pins = {}
    again = ViewerState()
    memories.append(PinMemory(again, settings))
    again.open_dataset(load_dataset(path))
    assert again.pins == {}


def test_other_files_do_not_share_pins(tmp_path: Path, write_dataset: Callable[..., Path]) -> None:
    one, other = load_dataset(write_dataset(name="one.json")), load_dataset(write_dataset(name="two.json"))
    assert view_key(one) != view_key(other)


def test_stale_or_edited_pins_are_checked(write_dataset: Callable[..., Path]) -> None:
    dataset = load_dataset(write_dataset())
    text = '{"ann": [1, 2], "ghost": [0, 0], "bob": ["x", 1], "cat": [1e999, 0]}'
    assert parse_pins(text, dataset) == {"ann": (1.0, 2.0)}
    assert parse_pins("not json", dataset) == {}


def test_reopening_or_switching_files_keeps_the_saved_pins(tmp_path: Path, write_dataset: Callable[..., Path]) -> None:
    settings = QSettings(str(tmp_path / "relmap.ini"), QSettings.Format.IniFormat)
    path, other = write_dataset(), write_dataset(name="other.json")
    state = ViewerState()
    memory = PinMemory(state, settings)
    state.open_dataset(load_dataset(path))
    state.pins = {"bob": (3.0, 4.0)}
    state.open_dataset(load_dataset(other))  # switching away clears the map's pins, not the saved ones
    assert state.pins == {}
    state.open_dataset(load_dataset(path))
    assert state.pins == {"bob": (3.0, 4.0)}
    assert memory is not None
