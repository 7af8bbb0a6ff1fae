"""The harness itself: a fault in a slot must reach the test, even with the app's crash handler installed."""

from __future__ import annotations

import sys
from typing import Any

import pytest
from PySide6.QtCore import QTimer

from desktop.gui.crash_handler import CrashHandler


@pytest.mark.qt_no_exception_capture
def test_the_crash_handler_passes_slot_exceptions_on_to_the_hook_it_replaced(qtbot: Any,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, exc, tb: seen.append(exc))  # a harness's capture
    shown: list[str] = []
    handler = CrashHandler(show=lambda message, details, path: shown.append(message)).install()
    try:
        def boom() -> None:
            raise RuntimeError("the slot broke")

        QTimer.singleShot(0, boom)
        qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    finally:
        handler.uninstall()
    assert str(seen[0]) == "the slot broke" and shown == ["RuntimeError: the slot broke"]
