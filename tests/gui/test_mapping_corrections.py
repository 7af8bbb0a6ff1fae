"""The mapping dialog prefers people over places, names the alternatives and is corrected in a click (issue 15)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QMenu, QPushButton

from desktop.gui.dialogs import import_dialogs
from desktop.gui.dialogs.import_dialogs import CsvMappingDialog
from desktop.gui.main_window import MainWindow

PEOPLE = ["Ann", "Bob", "Cat", "Dan", "Eve", "Fay"]
CITIES = ["Paris", "Rome", "Wien"]
LETTERS = "Letter ID,Source City,Destination City,Letter Author,Letter Recipient,Date\n" + "".join(
    f"{k},{CITIES[k % 3]},{CITIES[(k + 1) % 3]},{PEOPLE[k % 6]},{PEOPLE[(k + 2) % 6]},1750-0{k % 9 + 1}-01\n"
    for k in range(12))


@pytest.fixture(autouse=True)
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ini = str(tmp_path / "settings.ini")
    monkeypatch.setattr(import_dialogs, "settings_store", lambda: QSettings(ini, QSettings.Format.IniFormat))


@pytest.fixture
def window(make_window) -> MainWindow:
    return make_window()


def _dialog(window: MainWindow) -> CsvMappingDialog:
    shown = [d for d in window.findChildren(CsvMappingDialog, "csv_mapping_dialog") if d.isVisible()]
    assert len(shown) == 1
    return shown[0]


def test_reader_prefers_people_and_reports_the_cities(tmp_path: Path) -> None:
    """Before: source = 'Source City', so the map had 3 cities instead of 6 people, without a word."""
    from desktop.io.registry import load

    path = tmp_path / "letters.csv"
    path.write_text(LETTERS)
    result = load(path)
    assert {a.id for a in result.dataset.actors} == set(PEOPLE)
    assert any("source = 'Letter Author'" in line and "target = 'Letter Recipient'" in line
               for line in result.report.guessed)
    assert "source: also possible 'Source City'" in result.report.guessed
    assert "target: also possible 'Destination City'" in result.report.guessed


def test_dialog_names_alternatives_and_a_header_click_reassigns(window: MainWindow, tmp_path: Path,
                                                               qtbot) -> None:
    path = tmp_path / "letters.csv"
    path.write_text(LETTERS)
    window.open_path(path)
    dialog = _dialog(window)
    assert dialog.chosen("source") == "Letter Author" and dialog.chosen("target") == "Letter Recipient"
    hint = dialog.findChild(QLabel, "mapping_alternatives")
    assert hint is not None and "'Source City'" in hint.text() and "'Destination City'" in hint.text()
    # A user who wants the cities' network clicks the column headers.
    header = dialog.preview.horizontalHeader()
    for column, key in ((1, Qt.Key.Key_S), (2, Qt.Key.Key_T)):
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
        qtbot.waitUntil(lambda: dialog.role_menu is not None and dialog.role_menu.isVisible())
        menu = dialog.findChildren(QMenu, "column_roles")[-1]
        QTest.keyClick(menu, key)  # &Source, &Target
        qtbot.waitUntil(lambda m=menu: not m.isVisible())
    assert dialog.chosen("source") == "Source City" and dialog.chosen("target") == "Destination City"
    swap = dialog.findChild(QPushButton, "swap_ends")
    QTest.mouseClick(swap, Qt.MouseButton.LeftButton)
    assert dialog.chosen("source") == "Destination City" and dialog.chosen("target") == "Source City"
    QTest.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.state.dataset is not None)
    assert {a.id for a in window.state.dataset.actors} == set(CITIES)
