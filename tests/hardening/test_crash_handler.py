"""The global handler: an exception in a slot or a thread is logged and shown, and the app lives on."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

from desktop.gui import crash_handler
from desktop.gui.crash_handler import CrashHandler, build_dialog


@pytest.fixture
def handler(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(crash_handler.LOG_ENV, str(tmp_path / "logs"))
    shown: list[tuple[str, str, Path | None]] = []
    installed = CrashHandler(show=lambda *args: shown.append(args)).install()
    installed.shown = shown
    yield installed
    installed.uninstall()


@pytest.mark.qt_no_exception_capture
def test_exception_in_a_slot_is_logged_and_shown(handler: CrashHandler, qtbot, tmp_path: Path) -> None:
    def boom() -> None:
        raise RuntimeError("the slot broke")

    QTimer.singleShot(0, boom)
    qtbot.waitUntil(lambda: bool(handler.handled), timeout=5000)
    message, _details, log = handler.shown[0]
    assert message == "RuntimeError: the slot broke"
    assert log == tmp_path / "logs" / "crash.log"
    text = log.read_text()
    assert "Traceback" in text and "the slot broke" in text and "in boom" in text
    assert QApplication.instance() is not None  # still running


def test_exception_in_a_thread_is_logged_with_the_thread_name(handler: CrashHandler, tmp_path: Path) -> None:
    def work() -> None:
        raise ValueError("worker broke")

    thread = threading.Thread(target=work, name="export-worker")
    thread.start()
    thread.join()
    assert "thread export-worker" in handler.handled[0]
    assert "worker broke" in (tmp_path / "logs" / "crash.log").read_text()


def test_log_is_appended_and_capped(tmp_path: Path) -> None:
    for n in range(3):
        crash_handler.write_log(f"crash {n}\n" + "x" * 300_000, tmp_path)
    text = (tmp_path / "crash.log").read_text()
    assert "crash 2" in text and len(text) <= crash_handler.MAX_LOG_BYTES
    assert [p.name for p in tmp_path.iterdir()] == ["crash.log"]


def test_log_write_failure_leaves_the_old_log_and_no_temp_file(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    crash_handler.write_log("first crash", tmp_path)

    def full_disk(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    assert crash_handler.write_log("second crash", tmp_path) is None
    assert (tmp_path / "crash.log").read_text() == "first crash\n"
    assert [p.name for p in tmp_path.iterdir()] == ["crash.log"]


def test_dialog_has_a_short_message_and_copies_the_details(qtbot) -> None:
    box = build_dialog("RuntimeError: boom", "Traceback (most recent call last):\n  ...", Path("/x/crash.log"))
    qtbot.addWidget(box)
    assert "RuntimeError: boom" in box.text() and "/x/crash.log" in box.text()
    assert "Traceback" not in box.text()
    copy = next(b for b in box.buttons() if b.text() == "Copy details")
    copy.click()
    assert QApplication.clipboard().text().startswith("Traceback")
    assert isinstance(box, QMessageBox)


def test_the_app_installs_the_handler_at_start_up(monkeypatch: pytest.MonkeyPatch, qtbot) -> None:
    import desktop.gui.app as app_module
    import desktop.gui.main_window as main_window
    import desktop.gui.settings as settings

    class Window(QMainWindow):
        def open_path(self, *_: object, **__: object) -> None: ...

    class Memory:  # keeps the test away from the user's real settings
        def __init__(self, window: object) -> None: ...
        def restore(self) -> None: ...
        def last_file(self) -> None: ...

    before = crash_handler._installed
    monkeypatch.setattr(crash_handler, "_installed", None)
    monkeypatch.setattr(app_module, "_warm_up_layout", lambda: None)
    monkeypatch.setattr(main_window, "MainWindow", Window)
    monkeypatch.setattr(settings, "WindowMemory", Memory)
    monkeypatch.setattr(QApplication, "exec", lambda self: 0)
    try:
        assert app_module.run_gui() == 0
        installed = crash_handler._installed
        assert installed is not None and installed is not before
        import sys

        assert sys.excepthook == installed.handle
    finally:
        if crash_handler._installed is not None:
            crash_handler._installed.uninstall()
