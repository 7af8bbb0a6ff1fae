"""A user's first minutes, run inside the real app under a real X server (see test_story.py).

Starts the app through :func:`desktop.gui.app.run_gui` (what ``relmap`` runs) and, from a timer in its
own event loop, does what a user does with real input events on the real widgets: waits for the map,
presses Space and lets it play a few seconds, presses Space again, opens a smaller file with Ctrl+O
(the path pasted into the dialog, Enter), clicks an event card, exports a PNG with Ctrl+E. After each
step it saves a screenshot of the X screen into the folder given as the first argument and a line in
``steps.txt``; the test looks at them.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit

OUT = Path(sys.argv[1])
SMALLER = sys.argv[2]


def shot(name: str, note: str) -> None:
    QGuiApplication.primaryScreen().grabWindow(0).save(str(OUT / f"{name}.png"))
    with (OUT / "steps.txt").open("a", encoding="utf-8") as log:
        log.write(f"{name}\t{note}\n")


def paste(edit: QLineEdit, text: str) -> None:
    QTest.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QApplication.clipboard().setText(text)
    QTest.keyClick(edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def story() -> Iterator[int]:
    """Each ``yield ms`` hands the event loop back for that long."""
    from desktop.gui.main_window import MainWindow

    win = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
    clock = QElapsedTimer()
    clock.start()
    while not (win.state.dataset is not None and win.map_view.has_frame() and not win.map_view.is_animating()):
        if clock.elapsed() > 90000:
            raise SystemExit("the map was never drawn")
        yield 100
    # No window manager runs under Xvfb: the window gets the keyboard as a user's click would give it.
    win.activateWindow()
    if not QTest.qWaitForWindowActive(win, 5000):
        raise SystemExit("the window never became active")
    yield 500
    shot("1-launched", win.timeline_bar.date_label.text())
    QTest.keyClick(win, Qt.Key.Key_Space)
    yield 3000
    QTest.keyClick(win, Qt.Key.Key_Space)
    yield 500
    shot("2-played", win.timeline_bar.date_label.text())

    def in_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(50, in_dialog)
            return
        edit = dialog.findChild(QLineEdit, "fileNameEdit")
        paste(edit, SMALLER)
        QTest.keyClick(edit, Qt.Key.Key_Return)

    QTimer.singleShot(0, in_dialog)
    QTest.keyClick(win, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)  # returns once the dialog closed
    before = win.state.dataset
    clock.restart()
    while win.state.dataset is before or not win.map_view.has_frame() or win.map_view.is_animating():
        if clock.elapsed() > 90000:
            raise SystemExit("the smaller file was never drawn")
        yield 100
    yield 500
    shot("3-opened", f"{win.windowTitle()}\t{len(win.state.dataset.actors)}")
    cards = win.side.events.cards
    if cards:
        card = cards[0]
        when = card.item.time
        QTest.mouseClick(card, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, card.rect().center())
        yield 800
        shot("4-card", f"{win.timeline_bar.date_label.text()}\t{win.state.current_time == when}")
    QTest.keyClick(win, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    yield 300
    dialog = win.export_dialog
    paste(dialog.path, str(OUT / "export.png"))
    from PySide6.QtWidgets import QDialogButtonBox

    button = next(b for b in dialog.findChild(QDialogButtonBox).buttons() if b.text() == "Export")
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    clock.restart()
    while not (OUT / "export.png").exists() and clock.elapsed() < 30000:
        yield 100
    yield 300
    win.map_view.grab().save(str(OUT / "map-widget.png"))
    shot("5-exported", win.statusBar().currentMessage())
    QApplication.quit()


def run() -> int:
    from desktop.gui import app as gui

    steps = story()

    def advance() -> None:
        try:
            QTimer.singleShot(next(steps), advance)
        except StopIteration:
            pass
        except SystemExit as stop:
            with (OUT / "steps.txt").open("a", encoding="utf-8") as log:
                log.write(f"FAILED\t{stop}\n")
            QApplication.exit(3)

    QTimer.singleShot(0, advance)
    return gui.run_gui()


if __name__ == "__main__":
    sys.exit(run())
