"""The import report after a load: a status-bar button that opens a copyable, non-modal dialog.

Gephi shows its import report as a modal step before the graph; here the map appears at once and the
report waits one click away, so a load with warnings is never a dead end and a clean load costs nothing.
"""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.io.problems import LoadReport


def button_text(report: LoadReport) -> str:
    """``Import report (3 warnings)``: the count says whether it is worth a look."""
    count = len(report.problems) + len(report.skipped)
    if not count:
        return "Import report"
    return f"Import report ({count} warning{'s' if count != 1 else ''})"


class LoadReportDialog(QDialog):
    """The report as plain text the user can select, copy and paste into a bug report or a note."""

    def __init__(self, report: LoadReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("load_report_dialog")
        self.setWindowTitle(f"Import report — {report.path.name}")
        self.resize(640, 380)
        layout = QVBoxLayout(self)
        heading = QLabel(f"<b>{report.path.name}</b> read as {report.format_label}. "
                         "What was read, guessed and skipped:")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self.text = QPlainTextEdit(report.summary())
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = QPushButton("Copy")
        copy.setObjectName("copy_report")
        copy.clicked.connect(self.copy)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())


class LoadReportButton(QToolButton):
    """Lives in the status bar; hidden until a load has a report, replaced by the next load's."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("load_report_button")
        self.setAutoRaise(True)
        self.setToolTip("What was read, guessed and skipped when the file was opened")
        self.report: LoadReport | None = None
        self.dialog: LoadReportDialog | None = None
        self.clicked.connect(self.show_report)
        self.hide()

    def set_report(self, report: LoadReport | None) -> None:
        self.report = report
        if self.dialog is not None:
            self.dialog.close()
            self.dialog = None
        self.setVisible(report is not None)
        if report is not None:
            self.setText(button_text(report))

    def show_report(self) -> None:
        if self.report is None:
            return
        if self.dialog is None:
            self.dialog = LoadReportDialog(self.report, self.window())
        self.dialog.show()
        self.dialog.raise_()
