"""Faults: a failed load, export or layout keeps what the user had; writes are atomic; errors are clear."""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.cli import main as cli_main
from desktop.export import image as image_module
from desktop.gui.main_window import MainWindow
from desktop.io import writers
from desktop.io.convert import convert
from desktop.io.native import load_dataset
from desktop.io.problems import DatasetError
from tests.ci import unwritable_folder

CORPUS = Path(__file__).resolve().parents[1] / "data" / "malformed"


@pytest.fixture
def window(make_window: Callable[..., MainWindow], write_dataset: Callable[..., Path]) -> MainWindow:
    win = make_window(write_dataset(), at="2013-07-15", size=(900, 600))
    win.state.pins = {"ann": (1.0, 2.0)}
    win.state.selected_actor = "bob"
    return win


def _snapshot(window: MainWindow) -> dict[str, Any]:
    state = window.state
    return {"dataset": state.dataset, "time": state.current_time, "pins": dict(state.pins), "rule": state.rule,
            "speed": state.speed, "selected": state.selected_actor, "title": window.windowTitle()}


def _close_boxes(window: MainWindow) -> list[str]:
    texts = []
    for box in window.findChildren(QMessageBox):
        if box.isVisible():
            texts.append(box.text())
            box.close()
    return texts


# -- failed loads -----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["gexf/billion_laughs.gexf", "native/deeply_nested.json", "pajek/garbage.net",
                                  "csv/utf16.csv", "gml/deep_nesting.gml"])
def test_a_hostile_file_keeps_the_map(window: MainWindow, name: str) -> None:
    before = _snapshot(window)
    window.open_path(CORPUS / name)
    texts = _close_boxes(window)
    assert texts and Path(name).name in texts[0]
    assert _snapshot(window) == before


def test_a_reader_bug_keeps_the_map(window: MainWindow, monkeypatch: pytest.MonkeyPatch,
                                    write_dataset: Callable[..., Path]) -> None:
    import desktop.io.registry as registry

    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("reader bug")

    monkeypatch.setattr(registry, "load", broken)
    before = _snapshot(window)
    window.open_path(write_dataset(name="other.relmap.json"))
    texts = _close_boxes(window)
    assert texts and "reader bug" in texts[0]
    assert _snapshot(window) == before


# -- failed layouts ---------------------------------------------------------------------------------

def test_a_failed_layout_keeps_the_map_and_the_positions(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    controller = window.map_controller
    assert controller.map_layout is not None

    def broken(*_: object, **__: object) -> None:
        raise FloatingPointError("layout diverged")

    monkeypatch.setattr(controller.map_layout, "positions_at", broken)
    dataset, pins = window.state.dataset, dict(window.state.pins)
    window.state.current_time = window.state.dataset.span[1]
    assert "Layout failed" in window.state.status and "layout diverged" in window.state.status
    assert window.state.dataset is dataset and window.state.pins == pins
    assert window.isVisible()


# -- failed exports ---------------------------------------------------------------------------------

def _full_disk(*_: object, **__: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_export_on_a_full_disk_says_so_and_keeps_the_old_picture(
        window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "map.png"
    target.write_bytes(b"old picture")
    warnings: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: warnings.append(text))
    monkeypatch.setattr(os, "replace", _full_disk)
    before = _snapshot(window)
    window.choose_export()  # File → Export… opens the export dialog
    window.export_dialog.path.setText(str(target))
    window.export_dialog.export_now()
    assert warnings and "no space left on device writing" in warnings[0] and "map.png" in warnings[0]
    assert target.read_bytes() == b"old picture"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.png", "tiny.relmap.json"]
    assert _snapshot(window) == before


def test_export_to_a_read_only_folder_fails_with_a_clear_message(tmp_path: Path, capsys, write_dataset) -> None:
    folder = unwritable_folder(tmp_path)
    try:
        status = cli_main(["export", str(write_dataset()), "-o", str(folder / "map.png"), "--size", "64x64"])
    finally:
        if folder.is_relative_to(tmp_path):
            folder.chmod(0o755)
    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith("relmap: error: ") and "map.png" in err and "ermission denied" in err
    assert len(err.strip().splitlines()) == 1


def test_cli_export_on_a_full_disk(tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch, write_dataset) -> None:
    target = tmp_path / "map.png"
    target.write_bytes(b"old")
    monkeypatch.setattr(os, "replace", _full_disk)
    status = cli_main(["export", str(write_dataset()), "-o", str(target), "--size", "64x64"])
    assert status == 2
    err = capsys.readouterr().err
    assert err == f"relmap: error: no space left on device writing {target}\n"
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.png", "tiny.relmap.json"]


# -- atomic writes ----------------------------------------------------------------------------------

class _HalfThenFail:
    """A file object that writes the first half of what it is given, then the disk is full."""

    def __init__(self, real: Any) -> None:
        self.real = real

    def write(self, data: bytes) -> int:
        self.real.write(data[: len(data) // 2])
        self.real.flush()
        raise OSError(errno.ENOSPC, "No space left on device")

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def __enter__(self) -> _HalfThenFail:
        return self

    def __exit__(self, *exc: object) -> None:
        self.real.close()


@pytest.mark.parametrize("writer,suffix", [(writers.write_native, ".relmap.json"), (writers.write_gexf, ".gexf")])
def test_a_write_failing_halfway_leaves_the_old_file_and_no_temp(
        writer: Callable[..., None], suffix: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        write_dataset: Callable[..., Path]) -> None:
    dataset = load_dataset(write_dataset())
    target = tmp_path / f"saved{suffix}"
    writer(dataset, target)
    good = target.read_bytes()
    real_fdopen = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda *a, **k: _HalfThenFail(real_fdopen(*a, **k)))
    with pytest.raises(OSError, match="No space left"):
        writer(dataset, target)
    assert target.read_bytes() == good
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([target.name, "tiny.relmap.json"])


def test_convert_on_a_full_disk_is_a_located_error_and_keeps_the_input(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, write_dataset: Callable[..., Path]) -> None:
    source = write_dataset()
    original = source.read_bytes()
    real_fdopen = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda *a, **k: _HalfThenFail(real_fdopen(*a, **k)))
    with pytest.raises(DatasetError, match=r"out\.gexf: no space left on device writing .*out\.gexf"):
        convert(source, tmp_path / "out.gexf")
    assert source.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tiny.relmap.json"]


def test_convert_never_writes_over_its_input(tmp_path: Path, write_dataset: Callable[..., Path]) -> None:
    source = write_dataset(name="same.json")
    original = json.loads(source.read_text())
    convert(source, tmp_path / "copy.json")
    assert json.loads(source.read_text()) == original


def test_image_written_halfway_leaves_the_old_picture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "map.png"
    target.write_bytes(b"old picture")
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(0xFFFFFF)
    real_open = open

    def half_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real_open(file, mode, *args, **kwargs)
        return _HalfThenFail(handle) if "w" in mode and ".relmap-tmp-" in str(file) else handle

    monkeypatch.setattr("builtins.open", half_open)
    with pytest.raises(OSError, match="No space left"):
        image_module.save_image(image, target)
    assert target.read_bytes() == b"old picture"
    assert [p.name for p in tmp_path.iterdir()] == ["map.png"]
