"""The CSV column-mapping dialog: the guess shown, a correction used and remembered, re-import asks again."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialogButtonBox

from desktop.gui.dialogs import import_dialogs
from desktop.gui.dialogs.import_dialogs import CsvMappingDialog, preview_table, remembered_mapping
from desktop.gui.main_window import MainWindow

TABLE = ("From,To,When,Letters,Tone,Subject\n"
         "ann,bob,2013-07-01,2,1,Hello\n"
         "bob,cat,2013-08-01,1,-2,Quarrel\n"
         "cat,ann,2013-08-05,3,0,Peace\n")


@pytest.fixture(autouse=True)
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ini = str(tmp_path / "settings.ini")
    monkeypatch.setattr(import_dialogs, "settings_store", lambda: QSettings(ini, QSettings.Format.IniFormat))


@pytest.fixture
def window(make_window) -> MainWindow:
    return make_window()


@pytest.fixture
def letters(tmp_path: Path) -> Path:
    path = tmp_path / "letters.csv"
    path.write_text(TABLE, encoding="utf-8")
    return path


def dialog_of(window: MainWindow) -> CsvMappingDialog:
    """The open mapping dialog (a closed one may linger until Qt deletes it)."""
    shown = [d for d in window.findChildren(CsvMappingDialog, "csv_mapping_dialog") if d.isVisible()]
    assert len(shown) == 1
    return shown[0]


def test_the_dialog_shows_the_guess_and_a_preview(window: MainWindow, letters: Path) -> None:
    window.open_path(letters)
    assert window.state.dataset is None  # nothing loads before the user confirms
    dialog = dialog_of(window)
    assert [dialog.chosen(role) for role in ("source", "target", "time", "weight", "tone", "label")] == [
        "From", "To", "When", "Letters", "Tone", "Subject"]
    assert dialog.preview.rowCount() == 3 and dialog.preview.item(1, 5).text() == "Quarrel"
    assert dialog.preview.horizontalHeaderItem(0).text() == "From\n(source)"
    dialog.close()


def test_a_corrected_mapping_is_used_and_remembered(window: MainWindow, letters: Path) -> None:
    window.open_path(letters)
    dialog = dialog_of(window)
    dialog.combos["tone"].setCurrentIndex(0)  # — : the tone column is not a tone after all
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    dataset = window.state.dataset
    assert dataset is not None and len(dataset.events) == 3
    assert all(i.tone == 0 for event in dataset.events for i in event.interactions)
    assert "columns as chosen" in window.report_button.report.summary()
    saved = remembered_mapping(letters, preview_table(letters).header)
    assert saved is not None and saved.tone is None and saved.source == "From"
    window.open_path(letters)  # the second time: no question, the remembered choice
    assert not dialog_of_visible(window)
    assert window.state.dataset is not dataset


def dialog_of_visible(window: MainWindow) -> bool:
    return any(d.isVisible() for d in window.findChildren(CsvMappingDialog))


def test_reimport_asks_again_with_the_remembered_choice(window: MainWindow, letters: Path) -> None:
    window.open_path(letters)
    dialog_of(window).combos["tone"].setCurrentIndex(0)
    dialog_of(window).accept()
    window.reimport_with_mapping()
    dialog = dialog_of(window)
    assert dialog.chosen("tone") is None  # starts from the remembered mapping, not the guess
    dialog.combos["tone"].setCurrentIndex(dialog.combos["tone"].findText("Tone"))
    dialog.accept()
    assert window.state.dataset is not None
    assert {i.tone for event in window.state.dataset.events for i in event.interactions} == {1.0, -2.0, 0.0}


def test_cancel_keeps_the_map_and_source_equal_to_target_is_refused(window: MainWindow, letters: Path) -> None:
    window.open_path(letters)
    dialog = dialog_of(window)
    dialog.combos["target"].setCurrentIndex(dialog.combos["target"].findText("From"))
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert "different" in dialog.message.text()
    dialog.reject()
    assert window.state.dataset is None
    assert "Did not open letters.csv" in window.statusBar().currentMessage()


def test_event_data_and_node_tables_do_not_ask(window: MainWindow, tmp_path: Path) -> None:
    nodes = tmp_path / "people_nodes.csv"
    nodes.write_text("id,label\nann,Ann\nbob,Bob\n", encoding="utf-8")
    edges = tmp_path / "people_edges.csv"
    edges.write_text("source,target\nann,bob\n", encoding="utf-8")
    window.open_path(nodes)
    assert not dialog_of_visible(window)
    assert window.state.dataset is not None and len(window.state.dataset.events) == 1


def test_open_series_merges_files_into_snapshots(window: MainWindow, tmp_path: Path) -> None:
    paths = []
    for k, rows in enumerate(("a,b\n", "a,b\nb,c\n", "c,a\n"), start=1):
        path = tmp_path / f"wave{k}.csv"
        path.write_text("source,target\n" + rows, encoding="utf-8")
        paths.append(path)
    window.open_series(paths)
    dataset = window.state.dataset
    assert dataset is not None and dataset.span == (1.0, 3.0) and len(dataset.events) == 4
    assert window.report_button.report is not None
    assert "snapshot at 2" in window.report_button.report.summary()
    assert window.state.status == "Opened wave1.csv … wave3.csv (3 snapshots)"


def test_the_preview_reads_only_the_start_of_a_big_file(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text("source,target,date\n" + "a,b,2013-01-01\n" * 100_000, encoding="utf-8")
    table = preview_table(path)
    assert table.header == ["source", "target", "date"]
    assert 0 < len(table.rows) <= 200 and all(row == ["a", "b", "2013-01-01"] for _, row in table.rows)


def test_a_remembered_mapping_naming_missing_columns_is_not_used(letters: Path) -> None:
    from desktop.gui.dialogs.import_dialogs import remember_mapping
    from desktop.io.csv_mapping import ColumnMapping

    header = preview_table(letters).header
    remember_mapping(letters, header, ColumnMapping(source="From", target="Gone"))
    assert remembered_mapping(letters, header) is None
