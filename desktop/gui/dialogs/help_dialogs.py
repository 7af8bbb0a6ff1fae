"""Help → Keyboard shortcuts and Help → About.

The shortcut list is read from the window's menus at the moment it is shown, never typed out, so an
action added by any part of the app (with its shortcut) is listed without anyone updating a table.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import __version__
from desktop.gui.links import is_safe_link, open_external

LICENCE = ("Relmap is free software under the MIT licence. The built-in dataset is published under "
           "CC BY 4.0; the articles it cites remain their publishers'.")


def _label(action: QAction) -> str:
    return action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(".…")


def _keys(action: QAction) -> str:
    return ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts() if not k.isEmpty())


def shortcut_table(window: QMainWindow) -> list[tuple[str, list[tuple[str, str]]]]:
    """(menu title, [(action, keys)]) for every action that has a shortcut, in menu order.

    Actions added to the window without a menu (keys that only make sense on the map, for instance)
    are listed under "Other".
    """
    table: list[tuple[str, list[tuple[str, str]]]] = []
    seen: set[int] = set()

    def walk(menu: QMenu, title: str) -> list[tuple[str, str]]:
        rows: list[tuple[str, str]] = []
        for action in menu.actions():
            sub = action.menu()
            if isinstance(sub, QMenu):
                rows += walk(sub, title)
                continue
            seen.add(id(action))
            if _keys(action):
                rows.append((_label(action), _keys(action)))
        return rows

    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            rows = walk(menu, top.text())
            if rows:
                table.append((_label(top), rows))
    others = [(_label(a), _keys(a)) for a in window.findChildren(QAction)
              if id(a) not in seen and _keys(a) and a.text()]
    if others:
        table.append(("Other", sorted(set(others))))
    return table


class ShortcutsDialog(QDialog):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("shortcuts_dialog")
        self.setWindowTitle("Keyboard shortcuts — Relmap")
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Action", "Keys"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QTreeWidget.SelectionMode.NoSelection)
        self.tree.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for title, rows in shortcut_table(window):
            group = QTreeWidgetItem([title])
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(group)
            for text, keys in rows:
                self.tree.addTopLevelItem(QTreeWidgetItem([f"    {text}", keys]))
        self.tree.resizeColumnToContents(0)
        self.tree.setColumnWidth(0, self.tree.columnWidth(0) + 24)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.resize(460, 520)


def _sources_html(window: QWidget) -> str:
    state = getattr(window, "state", None)
    dataset = getattr(state, "dataset", None)
    if dataset is None:
        return "<p>No dataset is open.</p>"
    items = []
    for source in dataset.sources:
        who = ", ".join(source.authors) if source.authors else source.publisher
        parts = [escape(p) for p in (who, source.publisher if source.authors else "", source.date) if p]
        title = escape(source.title)
        if source.url and is_safe_link(source.url):
            title = f'<a href="{escape(source.url, quote=True)}">{title}</a>'
        items.append(f"<li>{title}{' — ' + ', '.join(parts) if parts else ''}</li>")
    listing = f"<ul>{''.join(items)}</ul>" if items else "<p>The dataset names no sources.</p>"
    return f"<p><b>{escape(dataset.title)}</b> draws on:</p>{listing}"


class AboutDialog(QDialog):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("about_dialog")
        self.setWindowTitle("About Relmap")
        icon = QLabel()
        size = QSize(96, 96)
        # Ask for device pixels so the logo is sharp on high-DPI screens rather than upscaled.
        icon.setPixmap(window.windowIcon().pixmap(size, self.devicePixelRatioF()))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        text = QLabel(
            f"<h2>Relmap {escape(__version__)}</h2>"
            "<p>Relationship maps that change over time: actors, dated cited interactions, signed tension.</p>"
            f"<p>{escape(LICENCE)}</p>{_sources_html(window)}"
        )
        text.setObjectName("about_text")
        text.setWordWrap(True)
        text.setOpenExternalLinks(False)
        text.linkActivated.connect(open_external)  # web links only, and only on a click
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        row = QHBoxLayout()
        row.addWidget(icon)
        row.addWidget(text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(560, 420)


def add_help_menu(window: QMainWindow) -> QMenu:
    """Append Help (shortcuts on F1, About) to the window's menu bar."""
    menu = window.menuBar().addMenu("&Help")
    shortcuts = QAction("&Keyboard shortcuts", window)
    shortcuts.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
    shortcuts.triggered.connect(lambda: ShortcutsDialog(window).open())
    about = QAction("&About Relmap", window)
    about.setMenuRole(QAction.MenuRole.AboutRole)
    about.triggered.connect(lambda: AboutDialog(window).open())
    for action in (shortcuts, about):
        menu.addAction(action)
        window.addAction(action)
    return menu
