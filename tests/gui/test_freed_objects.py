"""Menus and dialogs made per use are freed once done with, not kept until the window closes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QPoint
from PySide6.QtWidgets import QMenu

from desktop.core.resources import builtin_dataset_path
from desktop.gui.dialogs.export_dialog import ExportDialog
from desktop.gui.main_window import MainWindow


def flush_deletes() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_node_menus_and_export_dialogs_are_freed(qtbot, make_window: Callable[..., MainWindow]) -> None:
    window = make_window(builtin_dataset_path(), at="2013-11-20", size=(900, 600))
    for _ in range(3):
        window.map_controller.show_actor_menu("kerry", QPoint(10, 10)).close()
        flush_deletes()
    assert window.map_view.findChildren(QMenu) == []
    for _ in range(3):
        window.choose_export()
        assert isinstance(window.export_dialog, ExportDialog)
        window.export_dialog.reject()
        flush_deletes()
    assert window.findChildren(ExportDialog) == []
