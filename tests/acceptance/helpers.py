"""Finding where on a widget the user would click: links in rich text, tabs, list rows, map ties."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF
from PySide6.QtGui import QImage, QPainter, QTextDocument
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QTabWidget, QTextBrowser


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


def paste_into(edit: Any, text: str) -> None:
    """Replace a line edit's text as a user does: click into it, Ctrl+A, paste."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from tests.acceptance.conftest import click, key

    click(edit)
    key(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QApplication.clipboard().setText(text)
    key(edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def type_number(box: Any, value: int | float) -> None:
    """Type a new value into a spin box: click its text, Ctrl+A, the digits. (Not Enter: in a dialog that
    presses the default button.)"""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from tests.acceptance.conftest import click, key

    click(box.lineEdit())
    key(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(box, str(value))
    assert box.value() == value, f"typed {value}, the box shows {box.value()}"


def choose_in_combo(qtbot: Any, combo: Any, text: str) -> None:
    """Open a combo box with a click and pick the item whose text starts with ``text`` in its popup with the
    arrow keys and Enter. (A click in the popup is ignored for a double-click interval after it opens, so
    as not to take the opening click's release for a choice; a person is never that fast, a test is.)"""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from tests.acceptance.conftest import click

    index = next((i for i in range(combo.count()) if combo.itemText(i).startswith(text)), None)
    assert index is not None, f"{text!r} is not offered: {[combo.itemText(i) for i in range(combo.count())]}"
    click(combo)
    view = combo.view()
    qtbot.waitUntil(view.isVisible, timeout=5000)
    QTest.keyClick(view, Qt.Key.Key_Home)
    for _ in range(index):
        QTest.keyClick(view, Qt.Key.Key_Down)
    QTest.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not view.isVisible(), timeout=5000)
    assert combo.currentIndex() == index, f"{combo.currentText()!r} chosen instead of {text!r}"
    # The closed popup gives the activation back to its window, as a window manager does (offscreen, the
    # hidden popup stays the active window and the next shortcut would go nowhere).
    combo.window().activateWindow()
    assert QTest.qWaitForWindowActive(combo.window()), "the combo box's window never became active again"


def tick(box: Any) -> None:
    """Click a check box or radio button on its indicator (the middle of a stretched one can be empty space
    that does not take the click)."""
    from PySide6.QtWidgets import QRadioButton, QStyle, QStyleOptionButton

    from tests.acceptance.conftest import click

    option = QStyleOptionButton()
    box.initStyleOption(option)
    element = (QStyle.SubElement.SE_RadioButtonIndicator if isinstance(box, QRadioButton)
               else QStyle.SubElement.SE_CheckBoxIndicator)
    click(box, box.style().subElementRect(element, option, box).center())


def export_button(dialog: Any) -> Any:
    from PySide6.QtWidgets import QDialogButtonBox

    box = dialog.findChild(QDialogButtonBox)
    return next(b for b in box.buttons() if b.text() == "Export")


def open_export(win: Any, qtbot: Any, *, by_menu: bool = False) -> Any:
    """Ctrl+E in the window (or File → Export… with the mouse); the Export dialog once it is on screen (a new
    one each time: the window frees the last one when it closes)."""
    import shiboken6
    from PySide6.QtCore import Qt

    from tests.acceptance.conftest import click, key

    before = getattr(win, "export_dialog", None)
    if by_menu:
        menu, action = menu_action(win, "File", "Export…")
        click(menu, menu.actionGeometry(action).center())
    else:
        key(win, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)

    def shown() -> bool:
        dialog = getattr(win, "export_dialog", None)
        return dialog is not None and dialog is not before and shiboken6.isValid(dialog) and dialog.isVisible()

    qtbot.waitUntil(shown, timeout=5000)
    return win.export_dialog


def write_document(folder: Path, document: dict[str, Any], name: str) -> Path:
    """Write a native dataset document to ``folder / name`` and return the path."""
    path = folder / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def number_axis_file(folder: Path, name: str = "steps.relmap.json") -> Path:
    """The tiny dataset on a number axis (steps 10, 11, 12): a file whose time is not a calendar."""
    from tests.conftest import tiny_document

    document = tiny_document()
    document["time"] = {"kind": "number", "unit": "step"}
    for step, event in enumerate(document["events"]):
        event["date"] = 10 + step
        event.pop("date_precision", None)
    return write_document(folder, document, name)


def plain_text(rich: str) -> str:
    """What a rich-text label shows for ``rich``: markup interpreted, entities decoded."""
    document = QTextDocument()
    document.setHtml(rich)
    return document.toPlainText()


def hover_card() -> QLabel | None:
    """The tooltip card on screen, if any (Qt's own tooltip window)."""
    return next((w for w in QApplication.topLevelWidgets()
                 if w.inherits("QTipLabel") and w.isVisible() and isinstance(w, QLabel)), None)


class _RestRequests:
    """Counts the tooltip requests (``QEvent.ToolTip``) Qt sends a widget when the pointer rests on it."""

    def __init__(self, widget: Any) -> None:
        counter = self

        class Filter(QObject):
            def eventFilter(self, watched: Any, event: Any) -> bool:
                if event.type() == QEvent.Type.ToolTip:
                    counter.count += 1
                return False

        self.count = 0
        self._filter = Filter(widget)
        widget.installEventFilter(self._filter)


def rest_requests(widget: Any) -> _RestRequests:
    """Start counting Qt's "the pointer rests here" requests to ``widget`` (its window made active: Qt asks
    only the active window)."""
    from tests.acceptance.conftest import make_active

    make_active(widget)
    return _RestRequests(widget)


def card_stays(qtbot: Any, for_ms: int = 3000) -> None:
    """The hover card stays on screen for ``for_ms``, far beyond Qt's own delays (0.7 s to ask, 0.3 s to
    hide): waiting for it to go must time out."""
    card = hover_card()
    assert card is not None, "no hover card on screen"
    text = card.text()
    try:
        qtbot.waitUntil(lambda: hover_card() is None, timeout=for_ms)
    except qtbot.TimeoutError:
        current = hover_card()
        assert current is not None and current.text() == text
        return
    raise AssertionError("the hover card vanished while the pointer rested on its item")


def empty_point(view: Any) -> QPoint:
    """A point on the map's viewport with no dot, no tie and no legend under it."""
    viewport = view.viewport()
    legend = view.legend.sceneBoundingRect()
    for y in range(10, viewport.height() - 10, 15):
        for x in range(10, viewport.width() - 10, 15):
            scene = view.mapToScene(QPoint(x, y))
            if legend.contains(scene) or view.actor_at(scene) is not None:
                continue
            if view.edge_at(view.viewbox.mapSceneToView(scene)) is None:
                return QPoint(x, y)
    raise AssertionError("no empty spot on the map")


def legend_text(view: Any) -> str:
    """Every string the legend paints (read off a QPainter that records the text it is asked to draw)."""
    drawn: list[str] = []

    class Recorder(QPainter):
        def drawText(self, *args: Any) -> None:
            drawn.append(next(a for a in args if isinstance(a, str)))
            super().drawText(*args)

    image = QImage(400, 600, QImage.Format.Format_ARGB32)
    painter = Recorder(image)
    view.legend.paint(painter, None)
    painter.end()
    return "\n".join(drawn)


def open_by_menu(qtbot: Any, win: Any, path: Any) -> None:
    """File → Open… with the mouse, the path typed into the file dialog and Enter."""

    from tests.acceptance.conftest import click

    handled = when_shown(QFileDialog, type_into_file_dialog(str(path)))
    menu, action = menu_action(win, "File", "Open…")
    click(menu, menu.actionGeometry(action).center())
    qtbot.waitUntil(lambda: bool(handled), timeout=10000)


def wait_shown(qtbot: Any, kind: type, timeout: int = 10000) -> Any:
    """The visible top-level ``kind`` window, once one is on screen (a closed one may linger until freed)."""
    from PySide6.QtWidgets import QApplication

    def find() -> Any:
        return next((w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()), None)

    qtbot.waitUntil(lambda: find() is not None, timeout=timeout)
    return find()


def wheel_zoom(view: Any, notches: int) -> None:
    """Turn the mouse wheel over the middle of the map: ``notches`` clicks away from the user zoom in."""
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    centre = QPointF(view.width() / 2, view.height() / 2)
    for _ in range(abs(notches)):
        wheel = QWheelEvent(centre, view.mapToGlobal(centre), QPoint(0, 0), QPoint(0, 120 if notches > 0 else -120),
                            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
                            False)
        QApplication.sendEvent(view.viewport(), wheel)


def browser_text_contrast(browser: QTextBrowser) -> float:
    """The weakest WCAG contrast among the text colours a text browser's document uses, against its background."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QPalette

    document = browser.document()
    ground = browser.viewport().palette().color(QPalette.ColorRole.Base)
    default = browser.palette().color(QPalette.ColorRole.Text)
    worst = 21.0
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.text().strip():
                fmt = fragment.charFormat()
                coloured = fmt.foreground().style() != Qt.BrushStyle.NoBrush
                ink = fmt.foreground().color() if coloured else default
                if fmt.isAnchor() and not coloured:
                    ink = browser.palette().color(QPalette.ColorRole.Link)
                worst = min(worst, rgb_contrast(ink, ground))
            it += 1
        block = block.next()
    return worst


def rgb_contrast(a: Any, b: Any) -> float:
    from tests.gui.test_dark_mode import contrast

    return float(contrast(np.array([a.red(), a.green(), a.blue()]), np.array([b.red(), b.green(), b.blue()])))


def run_child(module: str, **env: str) -> None:
    """Run the tests of ``tests/acceptance/<module>.py`` in a child pytest process (a fault there fails the
    calling test instead of ending the run; ``env`` adds to the environment, e.g. another screen)."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           str(Path(__file__).with_name(f"{module}.py"))], cwd=root,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env},
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, f"exit {done.returncode}\n{done.stdout[-5000:]}\n{done.stderr[-3000:]}"
