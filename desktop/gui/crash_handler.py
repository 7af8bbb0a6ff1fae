"""The last line of defence: an unexpected exception is shown and logged, never a silent exit.

PySide6 calls ``sys.excepthook`` for exceptions escaping a slot; Python calls ``threading.excepthook``
for ones escaping a thread. Both end here: the traceback is appended to ``crash.log`` in the user's
data folder (``QStandardPaths.AppDataLocation``, or ``$RELMAP_LOG_DIR`` so tests and packagers can
move it), and the user sees a short sentence with a "Copy details" button, so a bug report carries
the traceback without the user hunting for a file. A bad *file* never gets here: readers raise
``DatasetError`` (``expected = True``), which the window reports as a problem with the file.

Writing the log is atomic (whole new file, then rename) and capped in size, so a crash loop cannot
fill the disk or leave a half-written log.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

LOG_NAME = "crash.log"
LOG_ENV = "RELMAP_LOG_DIR"
MAX_LOG_BYTES = 512 * 1024

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def log_dir() -> Path:
    """Where crash logs go: ``$RELMAP_LOG_DIR``, else Qt's per-user application data folder."""
    override = os.environ.get(LOG_ENV)
    if override:
        return Path(override)
    from PySide6.QtCore import QStandardPaths

    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(location) if location else Path.home() / ".local" / "share" / "Relmap"


def format_details(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None,
                   where: str = "") -> str:
    """The text a bug report needs: when, where, versions and the traceback."""
    from desktop import __version__

    stamp = dt.datetime.now().isoformat(timespec="seconds")
    head = f"Relmap {__version__}, Python {sys.version.split()[0]}, {sys.platform}, {stamp}"
    if where:
        head += f", in {where}"
    return head + "\n" + "".join(traceback.format_exception(exc_type, exc, tb))


def write_log(details: str, folder: Path | None = None) -> Path | None:
    """Append ``details`` to the crash log atomically; the log's path, or None if it cannot be written.

    Never raises: failing to log must not turn one crash into two.
    """
    try:
        folder = folder or log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / LOG_NAME
        old = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
        text = (old + details + "\n")[-MAX_LOG_BYTES:]
        handle, temp = tempfile.mkstemp(prefix=f".{LOG_NAME}.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        return path
    except Exception:
        return None


def short_message(exc: BaseException) -> str:
    """One sentence for the dialog: the kind of error and its first line, never the traceback."""
    first = (str(exc).strip().splitlines() or [""])[0][:200]
    kind = type(exc).__name__
    return f"{kind}: {first}" if first else kind


class CrashHandler:
    """Installed once at start-up; turns uncaught exceptions into a log entry and a dialog.

    ``show`` is replaceable so tests can record instead of opening a modal box; by default it opens a
    dialog on the GUI thread (exceptions from other threads are posted there).
    """

    def __init__(self, folder: Path | None = None, show: Callable[[str, str, Path | None], None] | None = None) -> None:
        self.folder = folder
        self.show = show or show_dialog
        self.handled: list[str] = []
        self._previous: tuple[Any, Any] | None = None
        self._busy = threading.local()

    def install(self) -> CrashHandler:
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread
        return self

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous
            self._previous = None

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        where = f"thread {args.thread.name}" if args.thread is not None else "a thread"
        self.handle(args.exc_type, args.exc_value, args.exc_traceback, where=where)

    def handle(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None,
               where: str = "") -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        if getattr(self._busy, "active", False):  # the handler itself failed: fall back to stderr
            sys.__excepthook__(exc_type, exc, tb)
            return
        self._busy.active = True
        try:
            details = format_details(exc_type, exc, tb, where)
            path = write_log(details, self.folder)
            self.handled.append(details)
            print(details, file=sys.stderr)
            try:
                self.show(short_message(exc), details, path)
            except Exception:
                traceback.print_exc()
        finally:
            self._busy.active = False
        if not where:
            self._chain(exc_type, exc, tb)

    def _chain(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        """Pass an exception from a slot on to the hook that was there before (a test harness's exception
        capture, a debugger), so installing the handler never hides a fault from them; Python's own
        default hook is left out, the details are already on stderr."""
        before = self._previous[0] if self._previous is not None else None
        if before is not None and before is not sys.__excepthook__ and before is not self.handle:
            before(exc_type, exc, tb)


def show_dialog(message: str, details: str, log_path: Path | None) -> None:
    """A warning box with the short message, where the log is, and a "Copy details" button."""
    from PySide6.QtCore import QThread, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return
    if QThread.currentThread() is not app.thread():
        QTimer.singleShot(0, app, lambda: show_dialog(message, details, log_path))
        return
    build_dialog(message, details, log_path).exec()


def build_dialog(message: str, details: str, log_path: Path | None) -> Any:
    """The dialog itself, separate from ``exec`` so tests can look at it without blocking."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    where = f"\n\nThe details were saved to {log_path}." if log_path else ""
    box = QMessageBox(QMessageBox.Icon.Critical, "Something went wrong",
                      f"Relmap hit an unexpected error and kept running; the map you had is unchanged."
                      f"\n\n{message}{where}")
    box.setDetailedText(details)
    copy = box.addButton("Copy details", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    copy.clicked.connect(lambda: QApplication.clipboard().setText(details))
    return box


_installed: CrashHandler | None = None


def install(folder: Path | None = None) -> CrashHandler:
    """Install the app's handler (idempotent); the app calls this before opening its window."""
    global _installed
    if _installed is None:
        _installed = CrashHandler(folder).install()
    return _installed
