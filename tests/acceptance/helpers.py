"""Finding where on a widget the user would click: links in rich text, tabs, list rows, map ties."""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QPoint, QPointF
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QTabWidget, QTextBrowser


def label_links(label: QLabel) -> dict[str, QPoint]:
    """Every link drawn in a rich-text label and a point inside it (label coordinates).

    The label lays its text out as a text document of its contents' width; the same layout, asked
    where each anchor is, gives a point the mouse can click.
    """
    document = QTextDocument()
    document.setDefaultFont(label.font())
    document.setDocumentMargin(0)
    document.setHtml(label.text())
    rect = label.contentsRect()
    document.setTextWidth(rect.width())
    layout = document.documentLayout()
    found: dict[str, QPoint] = {}
    height = int(document.size().height())
    for y in range(1, height, 3):
        for x in range(1, rect.width(), 3):
            href = layout.anchorAt(QPointF(x, y))
            if href and href not in found:
                found[href] = QPoint(rect.left() + x + 2, rect.top() + y)
    return found


def browser_links(browser: QTextBrowser) -> dict[str, QPoint]:
    """Every link visible in a text browser and a point inside it (viewport coordinates)."""
    viewport = browser.viewport()
    found: dict[str, QPoint] = {}
    for y in range(1, viewport.height(), 3):
        for x in range(1, viewport.width(), 3):
            href = browser.anchorAt(QPoint(x, y))
            if href and href not in found:
                found[href] = QPoint(x + 2, y)
    return found


def tab_point(tabs: QTabWidget, title: str) -> QPoint:
    bar = tabs.tabBar()
    index = next(i for i in range(tabs.count()) if tabs.tabText(i) == title)
    return bar.tabRect(index).center()


def tie_point(view: Any, pair: int) -> QPoint | None:
    """A point on the drawn tie ``pair`` that no other tie or dot crowds, in viewport coordinates."""
    start, end, pairs = view.drawn_ties()
    hits = np.flatnonzero(pairs == pair)
    if not len(hits):
        return None
    a, b = start[hits[0]], end[hits[0]]
    for f in np.linspace(0.25, 0.75, 21):
        point = QPointF(*(a + f * (b - a)))
        scene = view.viewbox.mapViewToScene(point)
        if view.edge_at(point) == pair and view.actor_at(scene) is None:
            return view.mapFromScene(scene)
    return None


def pair_of(timeline: Any, a: str, b: str) -> int:
    i, j = timeline.dataset.actor_index[a], timeline.dataset.actor_index[b]
    return next(k for k, p in enumerate(timeline.pairs) if set(p.tolist()) == {i, j})


def when_shown(kind: type, act: Any, timeout_ms: int = 10000) -> list[Any]:
    """Call ``act(widget)`` once a visible ``kind`` window appears (a modal dialog runs its own event loop,
    so the test arranges what to do in it before the click that opens it). Returns the widgets handled."""
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    handled: list[Any] = []
    clock = QElapsedTimer()
    clock.start()

    def poll() -> None:
        found = QApplication.activeModalWidget()
        if not isinstance(found, kind):
            found = next((w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()), None)
        if found is not None and found.isVisible():
            handled.append(found)
            act(found)
            # A dialog the test failed to close would block the test forever: close it, the test fails.
            QTimer.singleShot(5000, found, lambda: found.reject() if found.isVisible() else None)
        elif clock.elapsed() < timeout_ms:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    return handled


def menu_action(window: Any, menu_title: str, action_text: str) -> tuple[Any, Any]:
    """Open ``menu_title`` in the menu bar with a click and return (menu, action) for ``action_text``."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    bar = window.menuBar()
    top = next(a for a in bar.actions() if a.text().replace("&", "") == menu_title)
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, bar.actionGeometry(top).center())
    menu = top.menu()
    assert menu.isVisible(), f"{menu_title} menu did not open"
    action = next(a for a in menu.actions() if a.text().replace("&", "").startswith(action_text))
    return menu, action


def type_into_file_dialog(*names: str) -> Any:
    """What a user does in Qt's own file dialog: paste into the file name box (Ctrl+V) and press Enter, per
    entry. (Typed key by key, the box's completion navigates on every slash while the folder listing
    loads in the background; a pasted path arrives whole, as a user's does.)"""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QLineEdit

    def act(dialog: Any) -> None:
        edit = dialog.findChild(QLineEdit, "fileNameEdit")
        for name in names:
            QTest.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            QApplication.clipboard().setText(name)
            QTest.keyClick(edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
            QTest.keyClick(edit, Qt.Key.Key_Return)

    return act
