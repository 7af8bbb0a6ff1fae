"""File → Aggregate event data…, driven with keys and clicks: GDELT files in, the map opens on the pairs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QProgressBar, QPushButton

from desktop.gui.dialogs.aggregate_dialog import AggregateDialog
from desktop.gui.main_window import MainWindow
from tests.events.eventfiles import gdelt_row, write_lines

TALKS = [("ISRGOV", "PSEGOV", "3.0"), ("PSEGOV", "ISRGOV", "-2.0"), ("USAGOV", "ISRGOV", "4.0"),
         ("USAGOV", "PSEGOV", "1.0"), ("FRAGOV", "DEUGOV", "5.0")]


def _open_dialog(window: MainWindow, qtbot) -> AggregateDialog:
    file_menu = window.menuBar().actions()[0].menu()
    file_menu.popup(window.mapToGlobal(QPoint(10, 10)))
    qtbot.waitUntil(file_menu.isVisible)
    QTest.keyClick(file_menu, Qt.Key.Key_A)  # the mnemonic of "&Aggregate event data…"
    qtbot.waitUntil(lambda: window.findChild(AggregateDialog, "aggregate_dialog") is not None)
    dialog = window.findChild(AggregateDialog, "aggregate_dialog")
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def _type(dialog: AggregateDialog, kind: type, name: str, text: str) -> None:
    widget = dialog.findChild(kind, name)
    assert widget is not None, name
    QTest.mouseClick(widget.viewport() if isinstance(widget, QPlainTextEdit) else widget, Qt.MouseButton.LeftButton)
    QTest.keyClicks(widget, text)


def test_aggregate_from_the_file_menu_opens_the_map(make_window: Callable[..., MainWindow], tmp_path: Path,
                                                    qtbot) -> None:
    folder = tmp_path / "gdelt"
    folder.mkdir()
    rows = [gdelt_row(n, f"201307{1 + n // len(TALKS) % 28:02d}", a, b, g) for n, (a, b, g) in enumerate(TALKS * 60)]
    write_lines(folder / "20130701.export.CSV", rows[:150])
    write_lines(folder / "20130715.export.CSV.gz", rows[150:])
    out = tmp_path / "talks.relmap.json"
    window = make_window()
    before = window.state.dataset
    dialog = _open_dialog(window, qtbot)
    _type(dialog, QPlainTextEdit, "sources", str(folder))
    _type(dialog, QLineEdit, "actors", "ISR, PSE, USA")
    _type(dialog, QLineEdit, "from", "2013-07-01")
    bucket = dialog.findChild(QComboBox, "bucket")
    QTest.keyClick(bucket, Qt.Key.Key_Down)  # Week → Day
    assert bucket.currentData() == "day"
    _type(dialog, QLineEdit, "output", str(out))
    QTest.mouseClick(dialog.findChild(QPushButton, "run"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.state.dataset is not before and window.state.dataset is not None, timeout=60000)
    dataset = window.state.dataset
    assert dataset.title == "Event data: 20130701.export.CSV and 1 more"
    assert {a.id for a in dataset.actors} == {"ISRGOV", "PSEGOV", "USAGOV"}  # France and Germany left out
    assert len({e.time for e in dataset.events}) == 28  # one event per pair and day, 1–28 July
    assert out.is_file() and window.windowTitle().startswith(dataset.title)
    assert "Opened talks.relmap.json" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: window.findChild(AggregateDialog, "aggregate_dialog") is None)  # closed and freed


def test_bad_fields_and_an_empty_selection_are_said_in_the_dialog(make_window: Callable[..., MainWindow],
                                                                  tmp_path: Path, qtbot) -> None:
    source = write_lines(tmp_path / "day.export.CSV", [gdelt_row(1, "20130701", "ISRGOV", "PSEGOV", "1.0")])
    window = make_window()
    dialog = _open_dialog(window, qtbot)
    message = dialog.findChild(QLabel, "message")
    run = dialog.findChild(QPushButton, "run")
    QTest.mouseClick(run, Qt.MouseButton.LeftButton)
    assert message.text() == "Add at least one event file or folder."
    _type(dialog, QPlainTextEdit, "sources", str(source))
    _type(dialog, QLineEdit, "output", str(tmp_path / "none.relmap.json"))
    _type(dialog, QLineEdit, "from", "July")
    QTest.mouseClick(run, Qt.MouseButton.LeftButton)
    assert message.text() == "From: 'July' is not a date (YYYY-MM-DD)."
    dialog.findChild(QLineEdit, "from").clear()
    _type(dialog, QLineEdit, "actors", "FRA")
    QTest.mouseClick(run, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: message.text().startswith("empty selection"), timeout=60000)
    assert message.text() == "empty selection: 1 rows read, none kept (1 other actors)"
    assert dialog.isVisible() and run.isEnabled() and window.state.dataset is None
    assert not (tmp_path / "none.relmap.json").exists()


def test_stop_ends_a_run_and_saves_nothing(make_window: Callable[..., MainWindow], tmp_path: Path,
                                           qtbot) -> None:
    block = "\n".join(gdelt_row(n, f"2013{7 + n % 6:02d}{1 + n % 28:02d}", "ISRGOV", "PSEGOV", "1.0")
                      for n in range(1000)) + "\n"
    source = tmp_path / "big.export.CSV"
    source.write_text(block * 400, encoding="utf-8")  # 400,000 rows: a scan long enough to stop
    out = tmp_path / "stopped.relmap.json"
    window = make_window()
    dialog = _open_dialog(window, qtbot)
    _type(dialog, QPlainTextEdit, "sources", str(source))
    _type(dialog, QLineEdit, "output", str(out))
    stop = dialog.findChild(QPushButton, "stop")
    assert not stop.isEnabled()
    QTest.mouseClick(dialog.findChild(QPushButton, "run"), Qt.MouseButton.LeftButton)
    assert stop.isEnabled() and dialog.findChild(QProgressBar, "progress").isVisible()
    qtbot.waitUntil(lambda: dialog._job_running is not None and dialog._job_running.stage == "scanning",
                    timeout=60000)
    QTest.mouseClick(stop, Qt.MouseButton.LeftButton)
    message = dialog.findChild(QLabel, "message")
    qtbot.waitUntil(lambda: message.text() == "Stopped; nothing was saved.", timeout=60000)
    assert dialog.isVisible() and not stop.isEnabled() and window.state.dataset is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.export.CSV"]
