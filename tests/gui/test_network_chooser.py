"""File → Choose network… for a Pajek project holding several networks (issue 15), driven by keys and clicks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QInputDialog

from desktop.gui.main_window import MainWindow

PROJECT = """*Network marriage
*Vertices 3
1 "Medici"
2 "Strozzi"
3 "Albizzi"
*Edges
1 2
1 3
*Network business
*Vertices 3
1 "Medici"
2 "Strozzi"
3 "Albizzi"
*Edges
2 3
"""


def _pairs(window: MainWindow) -> list[tuple[str, ...]]:
    assert window.state.dataset is not None
    return sorted(tuple(sorted(e.participants)) for e in window.state.dataset.events)


def test_choose_network_from_the_file_menu(make_window: Callable[..., MainWindow], tmp_path: Path,
                                           qtbot) -> None:
    path = tmp_path / "families.paj"
    path.write_text(PROJECT)
    window = make_window(path)
    assert _pairs(window) == [("1", "2"), ("1", "3")]
    assert window.choose_network_action.isEnabled()
    file_menu = window.menuBar().actions()[0].menu()
    file_menu.popup(window.mapToGlobal(QPoint(10, 10)))
    qtbot.waitUntil(file_menu.isVisible)
    QTest.keyClick(file_menu, Qt.Key.Key_N)  # the mnemonic of "Choose &network…"
    qtbot.waitUntil(lambda: window.findChild(QInputDialog, "network_chooser") is not None)
    dialog = window.findChild(QInputDialog, "network_chooser")
    assert dialog is not None and "2 networks" in dialog.labelText()
    combo = dialog.findChild(QComboBox)
    assert combo is not None and combo.currentText() == "1. marriage"
    QTest.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == "2. business"
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    QTest.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _pairs(window) == [("2", "3")])
    assert window.state.dataset.extra["network"] == 2
    assert window.report_button.report is not None
    assert any("'marriage'" in line for line in window.report_button.report.skipped)


def test_the_action_is_off_for_a_single_network(make_window: Callable[..., MainWindow], tmp_path: Path) -> None:
    path = tmp_path / "one.net"
    path.write_text('*Vertices 2\n1 "a"\n2 "b"\n*Edges\n1 2\n')
    window = make_window(path)
    assert window.state.dataset is not None
    assert not window.choose_network_action.isEnabled()
