"""Every test here keeps its settings in a temporary folder, never in the user's configuration."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def settings_folder(tmp_path: Path) -> Iterator[Path]:
    from PySide6.QtCore import QSettings

    from desktop.gui.settings import use_settings_folder

    folder = tmp_path / "settings"
    folder.mkdir()
    previous = QSettings.defaultFormat()
    use_settings_folder(folder)
    yield folder
    QSettings.setDefaultFormat(previous)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder.parent / "unused"))
