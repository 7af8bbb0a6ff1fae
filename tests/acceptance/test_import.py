"""Opening files the way users do, past the happy path: the import report of a file with problems, a file
that cannot be read, the progress dialog of a large file and its Cancel, the column choice remembered, and
File → Re-import with mapping…."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QProgressDialog, QPushButton

from tests.acceptance.conftest import click, settle
from tests.acceptance.helpers import choose_in_combo, menu_action, open_by_menu, wait_shown
from tests.acceptance.test_files import native_file

LETTERS = ("Sender,Recipient,Copied,Date,Letters\n"
           "Ann,Bob,Cleo,2013-07-01,2\n"
           "Bob,Cat,Dan,2013-08-01,1\n"
           "Cat,Ann,Eve,2013-08-05,3\n"
           "Ann,Cat,Fay,2013-09-01,1\n")


def confirm_columns(qtbot: Any) -> Any:
    """The column dialog of a table that was just opened: press Open on the guess. Returns the dialog."""
    from desktop.gui.dialogs.import_dialogs import CsvMappingDialog

    dialog = wait_shown(qtbot, CsvMappingDialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled() and ok.text() == "Open"
    click(ok)
    return dialog


def status_after(qtbot: Any, win: Any, start: str) -> str:
    """The status bar's message once it starts with ``start`` (read at once: a message stays 8 seconds)."""
    qtbot.waitUntil(lambda: win.statusBar().currentMessage().startswith(start), timeout=30000)
    return str(win.statusBar().currentMessage())


def visible_boxes() -> list[str]:
    return [w.text() for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def test_the_import_report_names_the_file_and_the_lines_it_skipped(open_window: Callable[..., Any], qtbot: Any,
                                                                    tmp_path: Path) -> None:
    from desktop.gui.dialogs.load_report import LoadReportDialog

    path = tmp_path / "letters.csv"
    path.write_text("Sender,Recipient,Date,Letters\n"
                    "Ann,Bob,2013-07-01,2\n"
                    "Bob,Cat,2013-08-01,1\n"
                    "Cat,Cat,2013-08-05,3\n"  # line 4: a self-loop
                    "Ann,Cat,2014-02-30,1\n"  # line 5: no such day
                    "Bob,Ann,2013-09-01,1,extra\n"  # line 6: one field too many
                    "Cat,Bob,,1\n"  # line 7: no date
                    "Ann,Bob,2013-10-01,4\n", encoding="utf-8")
    win = open_window()
    open_by_menu(qtbot, win, path)
    confirm_columns(qtbot)
    said = status_after(qtbot, win, "Opened letters.csv")
    assert said == "Opened letters.csv (5 warnings)"
    settle(qtbot, win, timeout=20000)
    button = win.report_button
    assert button.isVisible() and button.text() == "Import report (5 warnings)"
    qtbot.waitUntil(lambda: button.width() >= button.sizeHint().width(), timeout=5000)  # all of it readable
    click(button)
    dialog = wait_shown(qtbot, LoadReportDialog)
    assert dialog.windowTitle() == "Import report — letters.csv"
    text = dialog.text.toPlainText()
    assert text.splitlines()[0].startswith("letters.csv")
    lines = {n: [line for line in text.splitlines() if f"line {n}" in line] for n in (4, 5, 6, 7)}
    assert all(lines.values()), f"a skipped line is not named:\n{text}"
    assert "self-loop" in lines[4][0] and "2014-02-30" in " ".join(lines[5])
    assert "5 fields where the header has 4" in lines[6][0] and "unknown time" in lines[7][0]
    assert "read: 3 actors, 4 events" in text  # and what was kept (line 6, its extra field dropped)
    QApplication.clipboard().clear()
    click(dialog.findChild(QPushButton, "copy_report"))
    assert QApplication.clipboard().text() == text
    click(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close))
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)


GRAPHML = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="d0" for="edge" attr.name="date" attr.type="string"/>
  <graph edgedefault="undirected">
    <node id="a"/><node id="b"/><node id="c"/>
    <edge source="a" target="b"><data key="d0">2013-07-01</data></edge>
    <edge source="a" target="a"><data key="d0">2013-07-02</data></edge>
    <edge source="b" target="z"><data key="d0">2013-07-03</data></edge>
    <hyperedge><endpoint node="a"/></hyperedge>
  </graph>
</graphml>
"""


def test_the_import_report_of_an_xml_file_names_the_elements(open_window: Callable[..., Any], qtbot: Any,
                                                             tmp_path: Path) -> None:
    from desktop.gui.dialogs.load_report import LoadReportDialog

    path = tmp_path / "drawn.graphml"
    path.write_text(GRAPHML, encoding="utf-8")
    win = open_window()
    open_by_menu(qtbot, win, path)
    assert status_after(qtbot, win, "Opened drawn.graphml") == "Opened drawn.graphml (3 warnings)"
    qtbot.waitUntil(lambda: win.report_button.isVisible(), timeout=5000)
    click(win.report_button)
    text = wait_shown(qtbot, LoadReportDialog).text.toPlainText()
    assert text.startswith("drawn.graphml (GraphML")
    for element, problem in (("<edge> #2", "self-loops"), ("<edge> #3", "endpoints not declared as nodes"),
                             ("<hyperedge> #1", "fewer than two nodes")):
        assert any(element in line and problem in line for line in text.splitlines()), (element, text)


def big_table(path: Path, rows: int = 200_000) -> Path:
    """A plain table that takes seconds to read here (the CSV reader reports progress every 4,096 rows)."""
    lines = (f"n{k % 5000},n{(k * 7 + 1) % 5000},2013-{k % 12 + 1:02d}-{k % 28 + 1:02d},{k % 3 + 1}\n"
             for k in range(rows))
    path.write_text("source,target,date,weight\n" + "".join(lines), encoding="utf-8")
    return path


def test_cancel_in_the_load_progress_keeps_the_map(open_window: Callable[..., Any], qtbot: Any,
                                                    tmp_path: Path) -> None:
    win = open_window(native_file(tmp_path), synchronous=False)
    title, at, shown = win.windowTitle(), win.state.current_time, list(win.map_view.nodes.data["data"])
    dataset = win.state.dataset
    big = big_table(tmp_path / "big.csv")
    open_by_menu(qtbot, win, big)
    confirm_columns(qtbot)
    # The progress dialog appears when a load outlasts a moment; it then counts up.
    qtbot.waitUntil(lambda: (d := win.findChild(QProgressDialog, "load_progress")) is not None and d.isVisible()
                    and 0 < d.value() < d.maximum(), timeout=30000)
    progress = win.findChild(QProgressDialog, "load_progress")
    assert progress.labelText() == "Opening big.csv…"
    cancel = progress.findChild(QPushButton)
    assert cancel.text() == "Cancel"
    # Clicked in the same turn of the event loop that saw the dialog: the load's answer, had it just come,
    # waits in the queue, and the window drops an answer to a cancelled load either way.
    click(cancel)
    said = status_after(qtbot, win, "Stopped opening big.csv")
    assert said == "Stopped opening big.csv; the map you had open is unchanged"
    qtbot.waitUntil(win.loader.is_idle, timeout=30000)
    assert not shiboken6.isValid(progress) or not progress.isVisible()
    assert win.state.dataset is dataset and win.windowTitle() == title == "Tiny — Relmap"
    assert win.state.current_time == at and list(win.map_view.nodes.data["data"]) == shown
    assert not visible_boxes(), "an error dialog appeared"


def test_reimport_with_mapping_reads_the_column_chosen_by_its_header(open_window: Callable[..., Any], qtbot: Any,
                                                                      tmp_path: Path) -> None:
    from desktop.gui.dialogs.import_dialogs import CsvMappingDialog

    path = tmp_path / "letters.csv"
    path.write_text(LETTERS, encoding="utf-8")
    win = open_window()
    open_by_menu(qtbot, win, path)
    first = confirm_columns(qtbot)
    assert (first.chosen("source"), first.chosen("target")) == ("Sender", "Recipient")
    settle(qtbot, win, timeout=20000)
    before = win.state.dataset
    assert sorted(a.name for a in before.actors) == ["Ann", "Bob", "Cat"]
    assert "3 actors, 4 events" in win.details.toPlainText()

    menu, action = menu_action(win, "File", "Re-import with mapping")
    click(menu, menu.actionGeometry(action).center())
    dialog = wait_shown(qtbot, CsvMappingDialog)
    assert dialog is not first and dialog.chosen("target") == "Recipient"  # it asks again, from the last choice
    header = dialog.preview.horizontalHeader()
    column = dialog.table.header.index("Copied")
    click(header.viewport(), QPoint(header.sectionViewportPosition(column) + header.sectionSize(column) // 2,
                                    header.height() // 2))
    qtbot.waitUntil(lambda: dialog.role_menu is not None and dialog.role_menu.isVisible(), timeout=5000)
    roles = dialog.role_menu
    target = next(a for a in roles.actions() if a.text().replace("&", "") == "Target")
    click(roles, roles.actionGeometry(target).center())
    assert dialog.chosen("target") == "Copied" and dialog.chosen("source") == "Sender"
    assert dialog.preview.horizontalHeaderItem(column).text() == "Copied\n(target)"
    click(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
    assert status_after(qtbot, win, "Opened letters.csv") == "Opened letters.csv"
    assert win.state.dataset is not before
    settle(qtbot, win, timeout=20000)
    assert sorted(a.name for a in win.state.dataset.actors) == ["Ann", "Bob", "Cat", "Cleo", "Dan", "Eve", "Fay"]
    assert "7 actors, 4 events" in win.details.toPlainText()
    assert {"Cleo", "Dan", "Eve", "Fay"} <= {str(d) for d in win.map_view.nodes.data["data"]}
    assert "columns as chosen" in win.report_button.report.summary()


def test_a_file_that_cannot_be_read_says_why_and_keeps_the_map(open_window: Callable[..., Any], qtbot: Any,
                                                               tmp_path: Path) -> None:
    win = open_window(native_file(tmp_path))
    dataset, at = win.state.dataset, win.state.current_time
    bad = tmp_path / "cut.graphml"
    bad.write_text("<graphml><graph><node id='a'/><edge source='a' target=", encoding="utf-8")
    open_by_menu(qtbot, win, bad)
    box = wait_shown(qtbot, QMessageBox)
    assert box.windowTitle() == "Could not open the file"
    assert box.text().startswith("cut.graphml: line 1, column ") and "not well-formed XML" in box.text()
    assert "\n" not in box.text()  # one line: the file, the place, the problem
    assert box.informativeText() == "The map you had open is unchanged."
    assert win.statusBar().currentMessage() == "Could not open cut.graphml"
    click(box.button(QMessageBox.StandardButton.Ok))
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=5000)
    assert win.state.dataset is dataset and win.state.current_time == at and win.windowTitle() == "Tiny — Relmap"


def test_the_column_choice_is_remembered_and_the_other_candidates_are_named(open_window: Callable[..., Any],
                                                                            qtbot: Any, tmp_path: Path) -> None:
    from desktop.gui.dialogs.import_dialogs import CsvMappingDialog

    path = tmp_path / "trips.csv"
    path.write_text("Source,Target,Source City,Target City,Date\n"
                    "Ann,Bob,Rome,Oslo,2013-07-01\n"
                    "Bob,Cat,Oslo,Bonn,2013-08-01\n"
                    "Cat,Ann,Bonn,Rome,2013-08-05\n", encoding="utf-8")
    win = open_window()
    open_by_menu(qtbot, win, path)
    dialog = wait_shown(qtbot, CsvMappingDialog)
    hint = dialog.alternatives.text()  # under the form: what else could be the source and the target
    assert "source: 'Source City'" in hint and "target: 'Target City'" in hint
    choose_in_combo(qtbot, dialog.combos["source"], "Source City")  # travels between cities, not people
    choose_in_combo(qtbot, dialog.combos["target"], "Target City")
    click(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
    status_after(qtbot, win, "Opened trips.csv")
    settle(qtbot, win, timeout=20000)
    first = win.state.dataset
    assert sorted(a.name for a in first.actors) == ["Bonn", "Oslo", "Rome"]
    open_by_menu(qtbot, win, path)  # the second time: straight to the map, with the cities
    qtbot.waitUntil(lambda: win.state.dataset is not first, timeout=20000)
    assert not any(isinstance(w, CsvMappingDialog) and w.isVisible() for w in QApplication.topLevelWidgets())
    assert sorted(a.name for a in win.state.dataset.actors) == ["Bonn", "Oslo", "Rome"]
