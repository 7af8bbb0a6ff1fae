"""Loading files from the window: dropped files, progress after a short delay, cancel.

The reader runs on the loader's thread and only calls a :class:`LoadTicket` (store a number, read a
flag); a timer on the GUI thread polls the ticket and drives the progress dialog, so no Qt object is
ever touched from the reader's thread and fast loads never flash a dialog.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QMimeData, QObject, Qt, QTimer
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMainWindow, QProgressDialog, QWidget

SHOW_AFTER_MS = 300
POLL_MS = 50


def dropped_paths(mime: QMimeData | None) -> list[Path]:
    """The local files in a drag, in the order given; folders and remote URLs are left out."""
    if mime is None or not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [path for path in paths if path.is_file()]


def drop_note(paths: Sequence[Path]) -> str:
    """What the status bar says when several files were dropped and only the first is opened."""
    if len(paths) < 2:
        return ""
    return (f"the first of {len(paths)} dropped files; File → Open snapshot series… opens several files "
            "as snapshots")


class FileDrops(QObject):
    """Routes a file dragged over any part of the window to the window's own drop handler.

    The map is a QGraphicsView, which accepts every drag for its scene and would swallow a dropped file;
    text fields would paste its path. Watching the widgets that accept drops sends files to the window
    and leaves every other drag (text, internal moves) to the widget.
    """

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        for widget in window.findChildren(QWidget):
            if widget.acceptDrops():
                widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            return False
        assert isinstance(event, QDropEvent)  # DragEnter and DragMove derive from it
        if not dropped_paths(event.mimeData()):
            return False
        if kind == QEvent.Type.Drop:
            self.window.dropEvent(event)
        else:
            event.acceptProposedAction()
        return True


class LoadTicket:
    """The ``progress`` callback handed to :func:`desktop.io.registry.load`, cancellable from the GUI."""

    def __init__(self) -> None:
        self.fraction = 0.0
        self._cancelled = threading.Event()

    def __call__(self, fraction: float) -> bool:
        self.fraction = fraction
        return not self._cancelled.is_set()

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()


@dataclass(frozen=True, eq=False)
class LoadRequest:
    """One open: the loader's tag, so a late answer to a superseded request can be recognised.

    ``str()`` gives the path, so code that only wants the file name can treat the tag as a path.
    """

    path: Path
    ticket: LoadTicket = field(default_factory=LoadTicket)
    options: dict[str, Any] = field(default_factory=dict)
    opening_time: list[float] = field(default_factory=list)  # filled by the worker: where to open the map
    prepared: list[Any] = field(default_factory=list)  # filled by the worker: the Timeline it built, to reuse
    label: str = ""  # what the status bar calls it, when not the file name (a series of files)
    note: str = ""  # said in the status bar once loaded (files of a drop that were left out)

    @property
    def title(self) -> str:
        return self.label or self.path.name

    def __str__(self) -> str:
        return str(self.path)

    def __fspath__(self) -> str:
        return str(self.path)


class LoadProgress(QObject):
    """A progress dialog for one load, shown only if the load is still running after ``show_after_ms``."""

    def __init__(self, ticket: LoadTicket, label: str, parent: QWidget, *,
                 show_after_ms: int = SHOW_AFTER_MS) -> None:
        super().__init__(parent)
        self.ticket = ticket
        self._label = label
        self._parent = parent
        self._remaining_ms = show_after_ms
        self.dialog: QProgressDialog | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)
        self._timer.start()

    def _poll(self) -> None:
        if self.dialog is None:
            self._remaining_ms -= POLL_MS
            if self._remaining_ms > 0:
                return
            self.dialog = self._make_dialog()
        self.dialog.setValue(int(self.ticket.fraction * 1000))

    def _make_dialog(self) -> QProgressDialog:
        dialog = QProgressDialog(self._label, "Cancel", 0, 1000, self._parent)
        dialog.setObjectName("load_progress")
        dialog.setWindowTitle("Opening")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self.cancel)
        dialog.show()
        return dialog

    def cancel(self) -> None:
        self.ticket.cancel()
        if self.dialog is not None:
            self.dialog.setLabelText("Cancelling…")

    def finish(self) -> None:
        """The load ended (loaded, failed or cancelled): stop polling and close the dialog."""
        self._timer.stop()
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self.cancel)
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
        self.deleteLater()
