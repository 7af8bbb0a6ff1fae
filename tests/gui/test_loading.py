"""Opening files from the window: drag and drop, the import report, progress and cancel."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication

from desktop.gui.dialogs.load_report import LoadReportButton, LoadReportDialog, button_text
from desktop.gui.loading import dropped_paths
from desktop.gui.main_window import MainWindow

EDGES = "source,target,date,weight\nann,bob,2013-07-01,1\nbob,cat,2013-08-01,2\nann,ann,2013-08-02,1\n"


@pytest.fixture
def window(make_window: Callable[..., MainWindow]) -> MainWindow:
    return make_window(size=(900, 600))


_KEEP: list[QMimeData] = []  # an event does not own its mime data: keep it alive while the event is used


def drop(window: MainWindow, *paths: Path) -> QDropEvent:
    """Drag in and drop, as the platform would after the pointer crosses the window.

    ``QApplication.sendEvent`` routes drops through the drag manager, which has no drag in a test, so the
    events go to ``event()``, the same dispatch a real drop ends in.
    """
    mime = QMimeData()
    _KEEP.append(mime)
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(QPoint(50, 50), *args)
    enter.setAccepted(False)
    window.event(enter)
    event = QDropEvent(QPointF(50, 50), *args)
    event.setAccepted(False)
    if enter.isAccepted():
        window.event(event)
    return event


def test_dropping_a_file_opens_it(window: MainWindow, write_dataset: Callable[..., Path]) -> None:
    event = drop(window, write_dataset())
    assert event.isAccepted()
    assert window.state.dataset is not None and window.state.dataset.title == "Tiny"


def test_dropping_several_files_opens_the_first_and_says_so(window: MainWindow, tmp_path: Path,
                                                            write_dataset: Callable[..., Path]) -> None:
    first = write_dataset()
    second = tmp_path / "other.gexf"
    second.write_text("<gexf/>")
    drop(window, first, second)
    assert window.state.dataset is not None and window.state.dataset.title == "Tiny"
    assert window.state.status == ("Opened tiny.relmap.json; the first of 2 dropped files; File → Open snapshot "
                                   "series… opens several files as snapshots")


def test_dropping_something_that_is_not_a_file_is_ignored(window: MainWindow, tmp_path: Path) -> None:
    mime = QMimeData()
    mime.setText("just text")
    assert dropped_paths(mime) == []
    mime.setUrls([QUrl("https://example.org/data.csv"), QUrl.fromLocalFile(str(tmp_path))])
    assert dropped_paths(mime) == []
    event = drop(window, tmp_path)
    assert not event.isAccepted()
    assert window.state.dataset is None


def test_the_report_button_appears_after_a_load_and_opens_a_copyable_report(
        window: MainWindow, tmp_path: Path, qtbot) -> None:
    path = tmp_path / "letters.csv"
    path.write_text(EDGES, encoding="utf-8")
    window.open_path(path, mapping=None)
    button = window.findChild(LoadReportButton, "load_report_button")
    assert button is not None and button.isVisible()
    assert button.text().startswith("Import report (")  # the self-loop was skipped
    button.click()
    dialog = window.findChild(LoadReportDialog, "load_report_dialog")
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    text = dialog.text.toPlainText()
    assert "letters.csv" in text and "skipped: 1 self-loops" in text and "guessed: columns:" in text
    dialog.findChild(object, "copy_report").click()
    assert QGuiApplication.clipboard().text() == text
    dialog.close()
    window.open_path(path)  # a new load replaces the report
    assert window.report_button.report is not None


def test_button_text_counts_warnings_and_skips(tmp_path: Path) -> None:
    from desktop.io.problems import LoadReport

    report = LoadReport(tmp_path / "x.csv", "CSV")
    assert button_text(report) == "Import report"
    report.warn("line 3", "odd")
    assert button_text(report) == "Import report (1 warning)"
    report.skipped.append("2 self-loops")
    assert button_text(report) == "Import report (2 warnings)"


@pytest.fixture
def live_window(qtbot, make_window, write_dataset: Callable[..., Path]) -> MainWindow:
    """A window with a real loader thread, already showing the tiny dataset."""
    win = make_window(write_dataset(), synchronous=False)
    qtbot.waitUntil(lambda: win.state.dataset is not None, timeout=10_000)
    return win


@pytest.fixture
def big_csv(tmp_path: Path) -> Path:
    path = tmp_path / "big.csv"
    rows = (f"n{k % 5000},n{(k * 7 + 1) % 5000},2013-{k % 12 + 1:02d}-{k % 28 + 1:02d},{k % 3 + 1}\n"
            for k in range(80_000))
    path.write_text("source,target,date,weight\n" + "".join(rows), encoding="utf-8")
    return path


def test_cancel_in_the_progress_dialog_keeps_the_current_map(live_window: MainWindow, big_csv: Path,
                                                            qtbot) -> None:
    from PySide6.QtWidgets import QProgressDialog, QPushButton

    before = live_window.state.dataset
    live_window.open_path(big_csv, mapping=None)
    qtbot.waitUntil(lambda: (d := live_window.findChild(QProgressDialog, "load_progress")) is not None
                    and d.isVisible(), timeout=5000)
    dialog = live_window.findChild(QProgressDialog, "load_progress")
    assert dialog is not None
    button = dialog.findChild(QPushButton)
    assert button is not None and button.text() == "Cancel"
    button.click()  # what a user does; QProgressDialog.cancel() would not emit canceled
    qtbot.waitUntil(lambda: live_window.loader.is_idle() and live_window._request is None, timeout=10_000)
    assert live_window.state.dataset is before
    assert "Stopped opening big.csv" in live_window.state.status
    assert live_window.findChild(QProgressDialog, "load_progress") is None or not dialog.isVisible()


def test_a_new_open_supersedes_a_running_one(live_window: MainWindow, big_csv: Path, tmp_path: Path,
                                             qtbot) -> None:
    small = tmp_path / "small.csv"
    small.write_text(EDGES, encoding="utf-8")
    live_window.open_path(big_csv, mapping=None)
    live_window.open_path(small, mapping=None)
    qtbot.waitUntil(lambda: live_window.loader.is_idle() and live_window._request is None, timeout=10_000)
    assert live_window.state.dataset is not None and live_window.state.dataset.title == "small"


def test_a_file_dropped_on_the_map_opens_too(window: MainWindow, write_dataset: Callable[..., Path]) -> None:
    """The map is a graphics view that takes drags for its scene: files must still reach the window."""
    target = window.map_view.viewport()
    mime = QMimeData()
    _KEEP.append(mime)
    mime.setUrls([QUrl.fromLocalFile(str(write_dataset()))])
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(QPoint(40, 40), *args)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(target, QDropEvent(QPointF(40, 40), *args))
    assert window.state.dataset is not None and window.state.dataset.title == "Tiny"
    text = QMimeData()  # a drag that is not a file is left to the widget under the pointer
    _KEEP.append(text)
    text.setText("hello")
    other = QDragEnterEvent(QPoint(40, 40), Qt.DropAction.CopyAction, text, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, other)
    assert window.state.dataset.title == "Tiny"
