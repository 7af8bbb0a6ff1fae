"""Help → Keyboard shortcuts is read from the real actions; About names version, licence and sources; dark chrome."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from desktop import __version__
from desktop.gui import appearance
from desktop.gui.app import app_icon
from desktop.gui.dialogs.help_dialogs import AboutDialog, ShortcutsDialog, add_help_menu, shortcut_table
from desktop.viewer.state import ViewerState


def _native(key: QKeySequence.StandardKey | str) -> str:
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)


def test_the_shortcut_list_covers_the_frequent_actions(make_window) -> None:
    window = make_window(show=False)
    keys = {keys for _menu, entries in shortcut_table(window) for _text, keys in entries}
    # looked up by key rather than by label, so renaming a menu item does not break this
    frequent = [QKeySequence.StandardKey.Open, "Ctrl+E", "Space", "PgDown", "PgUp", "Ctrl+0",
                QKeySequence.StandardKey.HelpContents]
    assert {_native(key) for key in frequent} <= keys
    assert window.menuBar().actions()[-1].text() == "&Help"


def test_a_new_action_appears_without_editing_the_dialog(qtbot, make_window) -> None:
    window = make_window(show=False)
    search = QAction("&Search actors…", window)
    search.setShortcut(QKeySequence("Ctrl+F"))
    window.menuBar().actions()[1].menu().addAction(search)
    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    cells = [(dialog.tree.topLevelItem(i).text(0).strip(), dialog.tree.topLevelItem(i).text(1))
             for i in range(dialog.tree.topLevelItemCount())]
    assert ("Search actors", _native("Ctrl+F")) in cells
    assert ("View", "") in cells


def test_about_names_version_licence_and_sources(qtbot, builtin_path: Path) -> None:
    from desktop.io.registry import load

    window = QMainWindow()
    qtbot.addWidget(window)
    window.state = ViewerState()
    window.state.open_dataset(load(builtin_path).dataset)
    window.setWindowIcon(app_icon())
    add_help_menu(window)
    dialog = AboutDialog(window)
    qtbot.addWidget(dialog)
    text = dialog.findChild(QLabel, "about_text").text()
    assert __version__ in text and "MIT" in text and "CC BY 4.0" in text
    sources = window.state.dataset.sources
    assert sources and all(escape(source.title) in text for source in sources)


def test_the_icon_has_every_size() -> None:
    sizes = {(s.width(), s.height()) for s in app_icon().availableSizes()}
    assert {(16, 16), (32, 32), (256, 256), (512, 512)} <= sizes


def test_dark_scheme_gives_dark_chrome_and_back(qapp: QApplication) -> None:
    before = QApplication.palette()
    try:
        appearance.apply_color_scheme(qapp, Qt.ColorScheme.Dark)
        assert appearance.is_dark(QApplication.palette())
        appearance.apply_color_scheme(qapp, Qt.ColorScheme.Light)
        assert not appearance.is_dark(QApplication.palette())
    finally:
        QApplication.setPalette(before)


def test_the_environment_can_override_the_scheme(monkeypatch) -> None:
    monkeypatch.setenv("RELMAP_COLOR_SCHEME", "dark")
    assert appearance.system_scheme() == Qt.ColorScheme.Dark
