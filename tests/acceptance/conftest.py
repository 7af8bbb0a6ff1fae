"""The acceptance harness: the real window, driven only by real input events, failing on any fault.

Every test here drives :class:`MainWindow` with ``QTest`` clicks, keys and drags on the widgets a user
touches (never by calling slots), and asserts what the user would see. Two things fail a test besides
its assertions: an exception raised inside any Qt slot or virtual method (pytest-qt's exception
capture, which the app's crash handler must not swallow), and the crash dialog appearing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import QElapsedTimer, QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "datasets"
CRASH_TITLE = "Something went wrong"


@pytest.fixture(autouse=True)
def _faults_fail_the_test(qapp: QApplication, monkeypatch: pytest.MonkeyPatch,
                          request: pytest.FixtureRequest) -> Iterator[list[str]]:
    """Install the app's crash handler as ``relmap`` does, recording instead of opening its modal box.

    pytest-qt replaces ``sys.excepthook`` for the test body, after this fixture has run, so an
    exception in a slot reaches pytest-qt and fails the test; the handler chains to whatever hook it
    found, so even a handler installed by the code under test cannot hide a fault. A crash dialog on
    screen at the end fails the test too.
    """
    from desktop.gui import crash_handler

    qapp.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)
    shown: list[str] = []
    handler = crash_handler.CrashHandler(show=lambda message, details, path: shown.append(details))
    monkeypatch.setattr(crash_handler, "_installed", handler)
    handler.install()
    try:
        yield shown
    finally:
        handler.uninstall()
    if request.node.get_closest_marker("xfail") is not None:
        return  # a known defect, marked on its test: its failure is reported there, as expected
    boxes = [w for w in qapp.topLevelWidgets()
             if isinstance(w, QMessageBox) and w.isVisible() and w.windowTitle() == CRASH_TITLE]
    assert not boxes, "the crash dialog appeared"
    assert not shown, "the crash handler caught:\n" + "\n".join(shown)


def shared(*parts: str) -> Path:
    """A file of the shared real-world corpus; a missing corpus is a failure, never a skip."""
    path = SHARED.joinpath(*parts)
    assert path.exists(), f"missing test data {path}"
    return path


def settle(qtbot: Any, win: Any, timeout: int = 10000) -> None:
    """Wait until the map has a frame and no easing is running (what the user sees has come to rest)."""
    qtbot.waitUntil(lambda: win.state.dataset is not None and win.map_view.has_frame(), timeout=timeout)
    qtbot.waitUntil(lambda: not win.map_view.is_animating(), timeout=timeout)


def actor_point(view: Any, actor_id: str) -> QPoint:
    """Where ``actor_id``'s dot is on the map widget's viewport, from the view's own mapping."""
    data = view.nodes.data
    rows = [k for k, d in enumerate(data["data"]) if str(d) == actor_id]
    assert rows, f"{actor_id} is not drawn"
    x, y = float(data["x"][rows[0]]), float(data["y"][rows[0]])
    scene = view.viewbox.mapViewToScene(QPointF(x, y))
    return view.mapFromScene(scene)


def click(widget: QWidget, pos: QPoint | None = None, button: Qt.MouseButton = Qt.MouseButton.LeftButton) -> None:
    QTest.mouseClick(widget, button, Qt.KeyboardModifier.NoModifier, pos if pos is not None else QPoint())


def key(widget: QWidget, k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key press and release on ``widget``, in its window made active first (as the user's window is:
    without a window manager only real input moves the focus, and shortcuts need an active window)."""
    make_active(widget)
    QTest.keyClick(widget, k, modifier)


def make_active(widget: QWidget) -> None:
    """Make ``widget``'s window the active one, as the user's window is (Qt sends shortcuts and tooltip
    requests to the active window only)."""
    window = widget.window()
    if QApplication.activeWindow() is window or (window.windowType() == Qt.WindowType.Popup and window.isVisible()):
        return  # a popup (a combo box's list) takes keys without becoming the active window
    # The platform activates a window some events later; ``isActiveWindow`` may say yes before Qt has
    # told the widgets (and a late WindowActivate closes any tooltip shown meanwhile): wait for Qt's word.
    window.activateWindow()
    clock = QElapsedTimer()
    clock.start()
    while QApplication.activeWindow() is not window:
        assert clock.elapsed() < 10000, "the window never became active"
        QTest.qWait(10)


def drag(widget: QWidget, start: QPoint, end: QPoint, steps: int = 8, live: bool = False) -> None:
    """Press, move in small steps, release: a real drag as the mouse makes it. ``live``: the event loop
    runs between the moves, as between a real mouse's (a window splitter applies a move only then)."""
    QTest.mousePress(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for k in range(1, steps + 1):
        f = k / steps
        point = QPoint(round(start.x() + (end.x() - start.x()) * f), round(start.y() + (end.y() - start.y()) * f))
        QTest.mouseMove(widget, point)
        if live:
            QApplication.processEvents()
    QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


def image_array(image: Any) -> np.ndarray:
    """A QImage as an (h, w, 3) uint8 array (the one helper every test uses: :mod:`tests.images`)."""
    from tests.images import image_array as as_array

    return as_array(image)


def looks_alike(a: np.ndarray, b: np.ndarray, size: tuple[int, int] = (48, 32)) -> float:
    """Mean absolute difference (0–255) of two pictures shrunk to a coarse grid: a loose comparison."""

    def shrink(img: np.ndarray) -> np.ndarray:
        h, w = img.shape[:2]
        ys = (np.arange(size[1]) * h / size[1]).astype(int)
        xs = (np.arange(size[0]) * w / size[0]).astype(int)
        cell_h, cell_w = max(h // size[1], 1), max(w // size[0], 1)
        out = np.zeros((size[1], size[0], 3))
        for r, y in enumerate(ys):
            for c, x in enumerate(xs):
                out[r, c] = img[y:y + cell_h, x:x + cell_w, :3].reshape(-1, 3).mean(axis=0)
        return out

    return float(np.abs(shrink(a) - shrink(b)).mean())


@pytest.fixture
def open_window(qtbot: Any) -> Callable[..., Any]:
    """A real main window, shown at ``size``, opened on ``path`` (synchronous loads and layouts)."""
    from desktop.gui.main_window import MainWindow
    from desktop.viewer.state import ViewerState

    def make(path: Path | None = None, at: str | None = None, size: tuple[int, int] = (1400, 900),
             synchronous: bool = True) -> Any:
        win = MainWindow(ViewerState(), synchronous=synchronous)
        qtbot.addWidget(win)
        win.resize(*size)
        win.show()
        qtbot.waitExposed(win)
        win.activateWindow()
        if path is not None:
            win.open_path(path, at=at)
            settle(qtbot, win)
        return win

    return make


@pytest.fixture
def config_folder(tmp_path: Path) -> Iterator[Path]:
    """A fresh settings folder for this test (the user's configuration, as a new one), the session's after."""
    from PySide6.QtCore import QSettings

    from desktop.gui.settings import open_settings, use_settings_folder

    session = Path(open_settings().fileName()).parent.parent  # <folder>/Relmap/Relmap.ini
    folder = tmp_path / "config"
    folder.mkdir()
    use_settings_folder(folder)
    try:
        yield folder
    finally:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(session))


@pytest.fixture
def launch(qtbot: Any) -> Callable[..., Any]:
    """The window as ``relmap [PATH]`` starts it (the steps of desktop.gui.app.run_gui): its memory of the
    last run attached and restored, shown, then opened on PATH, else the file open when it last closed,
    else the built-in dataset. Loads and layouts are synchronous; returns the window."""
    from desktop.core.resources import builtin_dataset_path
    from desktop.gui.main_window import MainWindow
    from desktop.gui.settings import WindowMemory

    def start(path: Path | None = None) -> Any:
        win = MainWindow(synchronous=True)
        qtbot.addWidget(win)
        memory = WindowMemory(win)
        memory.restore()
        win.show()
        qtbot.waitExposed(win)
        make_active(win)
        win.open_path(path or memory.last_file() or builtin_dataset_path())
        settle(qtbot, win, timeout=20000)
        return win

    return start
