"""What a user's hands do to the window, as real input events: clicks on actors where they are drawn,
keys, drops, and answers typed into the file dialogs. Tests use these instead of calling slots."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QWidget,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "switching"
PHOTOVIZ = DATA / "photoviz-dynamic.gexf"  # 393 actors, integer steps
MISERABLES = DATA / "miserables.graphml"  # 77 actors, static
NEUMANN = DATA / "network-example1-en.csv"  # 41 actors, a table that asks for its columns
SAMPSON = [DATA / f"samplike{k}.txt" for k in (1, 2, 3)]  # 18 actors, a snapshot series

_KEEP: list[QMimeData] = []  # an event does not own its mime data: keep it alive while the event is used


def drop_files(window: QWidget, *paths: Path) -> bool:
    """Drag files in and drop them, as the platform does after the pointer crosses the window."""
    mime = QMimeData()
    _KEEP.append(mime)
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(QPoint(50, 50), *args)
    enter.setAccepted(False)
    window.event(enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(QPointF(50, 50), *args)
    drop.setAccepted(False)
    window.event(drop)
    return drop.isAccepted()


def answer_next_dialog(answer: Callable[[QDialog], None], kind: type = QDialog) -> None:
    """Act on the next dialog of ``kind`` once it is shown (a static dialog blocks the test)."""

    def poll() -> None:
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
        if shown:
            answer(shown[-1])
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(20, poll)


def type_into_file_dialog(paths: list[Path]) -> Callable[[QDialog], None]:
    """Type ``paths`` into a file dialog's name box and press Enter, as a user would."""

    def answer(dialog: QDialog) -> None:
        box = dialog.findChild(QLineEdit, "fileNameEdit")
        assert box is not None, "the file dialog has no file name box"
        box.setFocus()
        if len(paths) == 1:
            text = str(paths[0])
        else:  # several files: their quoted names, in their folder
            dialog.setDirectory(str(paths[0].parent))
            text = " ".join(f'"{p.name}"' for p in paths)
        QTest.keyClicks(box, text)
        if box.text() != text:  # the dialog's completer may eat a quote typed while it lists the folder
            box.setText(text)
        for view in dialog.findChildren(QAbstractItemView):
            view.clearSelection()  # the folder listing's own pick would be opened as a folder instead
        QTest.keyClick(box, Qt.Key.Key_Return)
        QTimer.singleShot(3000, lambda: _give_up(dialog))

    return answer


def _give_up(dialog: QDialog) -> None:
    """A dialog still open long after its answer was typed is closed, so the test fails instead of hanging."""
    import shiboken6

    if shiboken6.isValid(dialog) and dialog.isVisible():
        dialog.reject()


def open_by_keyboard(window: QWidget, path: Path) -> None:
    """Ctrl+O, type the path, Enter."""
    answer_next_dialog(type_into_file_dialog([path]), QFileDialog)
    press(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)


def accept_next_dialog() -> None:
    """Press OK in the next modal dialog (the CSV mapping dialog's guess, for example)."""

    def answer(dialog: QDialog) -> None:
        buttons = dialog.findChild(QDialogButtonBox)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok) if buttons is not None else None
        if ok is not None:
            QTest.mouseClick(ok, Qt.MouseButton.LeftButton)
        else:
            dialog.accept()

    answer_next_dialog(answer)


def press(widget: QWidget, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key press on the widget's window, after making it the active window (as a click would)."""
    window = widget.window()
    if not window.isActiveWindow():
        window.activateWindow()
        QTest.qWaitForWindowActive(window, 2000)
    QTest.keyClick(widget, key, modifiers)


def choose_menu(window: QWidget, menu: str, entry: str) -> None:
    """Click ``menu`` in the menu bar, then the entry whose text starts with ``entry`` (ampersands ignored)."""
    bar = window.menuBar()
    top = next(a for a in bar.actions() if a.text().replace("&", "") == menu)
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     bar.actionGeometry(top).center())
    popup = top.menu()
    item = next(a for a in popup.actions() if a.text().replace("&", "").startswith(entry))
    QTest.mouseClick(popup, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     popup.actionGeometry(item).center())


def actor_point(view: object, actor_id: str) -> QPoint:
    """Where ``actor_id``'s dot is drawn, in the map's viewport pixels."""
    dataset = view._dataset
    index = dataset.actor_index[actor_id]
    painter = view.painter
    rows = list(painter._node_index)
    x, y = painter._node_xy[rows.index(index)]
    scene = view.viewbox.mapViewToScene(QPointF(float(x), float(y)))
    point = view.mapFromScene(scene)
    return QPoint(point.x(), point.y())


def click_actor(view: object, actor_id: str, button: Qt.MouseButton = Qt.MouseButton.LeftButton) -> None:
    QTest.mouseClick(view.viewport(), button, Qt.KeyboardModifier.NoModifier,
                     actor_point(view, actor_id))
