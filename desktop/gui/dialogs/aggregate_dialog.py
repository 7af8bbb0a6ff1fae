"""File → Aggregate event data…: the ``relmap aggregate`` options in a dialog, run off the GUI thread.

The job (:class:`desktop.events.AggregateJob`) runs on a worker thread; a timer reads its progress
from the engine, and Stop interrupts the engine's query. The dataset is written atomically where the
user said, then opened through the window's ordinary load, so the map, the report button and the
recent files behave as for any file. Errors stay inside the dialog, one line, and the map is kept.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.workers import LatestOnlyWorker

FORMATS = (("Recognise from the files", "auto"), ("GDELT 1.0 (57/58 columns)", "gdelt1"),
           ("GDELT 2.0 (61 columns)", "gdelt2"), ("ICEWS", "icews"), ("ACLED", "acled"))
BUCKETS = (("Week", "week"), ("Day", "day"), ("Month", "month"))


class AggregateDialog(QDialog):
    """Sources, format, selection and output; Aggregate runs, Stop cancels, the result is opened."""

    aggregated = Signal(object)  # the written dataset's Path

    def __init__(self, parent: QWidget | None = None, *, folder: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("aggregate_dialog")
        self.setWindowTitle("Aggregate event data")
        self._folder = folder
        self._job_running: object | None = None
        self.sources = QPlainTextEdit()
        self.sources.setObjectName("sources")
        self.sources.setPlaceholderText("One file, folder or pattern per line (GDELT .CSV/.zip/.gz, ICEWS .tab, "
                                        "ACLED .csv, Parquet)")
        self.sources.setTabChangesFocus(True)
        add_files, add_folder = QPushButton("Add files…"), QPushButton("Add folder…")
        add_files.clicked.connect(self._add_files)
        add_folder.clicked.connect(self._add_folder)
        self.format = self._combo("format", FORMATS)
        self.actors = self._line("actors", "ISR, PSE, USA — CAMEO actor or country codes, or names (empty: all)")
        self.start = self._line("from", "YYYY-MM-DD (empty: from the first event)")
        self.end = self._line("to", "YYYY-MM-DD (empty: to the last event)")
        self.bucket = self._combo("bucket", BUCKETS)
        self.event_codes = self._line("event_codes", "CAMEO roots such as 03, 04, 14 (empty: all)")
        self.top = self._spin("top", 0, 100000, 0, "all actors")
        self.min_events = self._spin("min_events", 1, 1_000_000, 1, "")
        self.engine = QComboBox()
        self.engine.setObjectName("engine")
        self.engine.setEditable(True)  # a connection URL may be typed
        self.engine.addItems(["duckdb", "pyspark"])
        self.output = self._line("output", "where to save the dataset (.relmap.json)")
        choose = QPushButton("Choose…")
        choose.clicked.connect(self._choose_output)

        form = QFormLayout()
        files = QVBoxLayout()
        files.addWidget(self.sources)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(add_files)
        buttons_row.addWidget(add_folder)
        buttons_row.addStretch(1)
        files.addLayout(buttons_row)
        form.addRow("Event files:", files)
        form.addRow("Format:", self.format)
        form.addRow("Actors:", self.actors)
        form.addRow("From:", self.start)
        form.addRow("To:", self.end)
        form.addRow("One event per pair and:", self.bucket)
        form.addRow("Event codes:", self.event_codes)
        form.addRow("Top actors:", self.top)
        form.addRow("Minimum events:", self.min_events)
        form.addRow("Engine:", self.engine)
        out_row = QHBoxLayout()
        out_row.addWidget(self.output, 1)
        out_row.addWidget(choose)
        form.addRow("Save as:", out_row)

        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.progress.setVisible(False)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.run_button = self.buttons.addButton("Aggregate", QDialogButtonBox.ButtonRole.AcceptRole)
        self.run_button.setObjectName("run")
        self.stop_button = self.buttons.addButton("Stop", QDialogButtonBox.ButtonRole.ActionRole)
        self.stop_button.setObjectName("stop")
        self.stop_button.setEnabled(False)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.run_button.clicked.connect(self.start_run)
        self.stop_button.clicked.connect(self.stop_run)
        self.close_button.clicked.connect(self.reject)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.progress)
        column.addWidget(self.message)
        column.addWidget(self.buttons)

        self.worker = LatestOnlyWorker("aggregate", parent=self)
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)
        self._timer = QTimer(self)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self._show_progress)
        self.resize(640, 560)

    def _line(self, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        return edit

    def _combo(self, name: str, items: tuple[tuple[str, str], ...]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        for label, value in items:
            combo.addItem(label, value)
        return combo

    def _spin(self, name: str, low: int, high: int, value: int, special: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setObjectName(name)
        spin.setRange(low, high)
        spin.setValue(value)
        if special:
            spin.setSpecialValueText(special)
        return spin

    # -- choosing files ------------------------------------------------------------------------

    def _append(self, paths: list[str]) -> None:
        text = self.sources.toPlainText().rstrip("\n")
        self.sources.setPlainText("\n".join([text, *paths]) if text else "\n".join(paths))

    def _add_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Event files", self._folder,
                                                "Event data (*.csv *.CSV *.tsv *.tab *.txt *.zip *.gz *.parquet);;"
                                                "All files (*)")
        self._append(paths)

    def _add_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "A folder of event files", self._folder)
        if folder:
            self._append([folder])

    def _choose_output(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save the aggregated dataset", self._folder,
                                              "Relmap dataset (*.relmap.json)")
        if path:
            self.output.setText(path if path.endswith(".json") else path + ".relmap.json")

    # -- running -------------------------------------------------------------------------------

    def _make_job(self) -> object:
        """The job the fields describe; raises ValueError with a one-line message for a bad field."""
        from desktop.events import AggregateJob, Selection

        sources = [line.strip() for line in self.sources.toPlainText().splitlines() if line.strip()]
        if not sources:
            raise ValueError("Add at least one event file or folder.")
        if not self.output.text().strip():
            raise ValueError("Say where to save the dataset.")
        dates = []
        for edit, label in ((self.start, "From"), (self.end, "To")):
            text = edit.text().strip()
            try:
                dates.append(dt.date.fromisoformat(text) if text else None)
            except ValueError:
                raise ValueError(f"{label}: {text!r} is not a date (YYYY-MM-DD).") from None
        codes = tuple(c.strip() for c in self.event_codes.text().split(",") if c.strip())
        bad = [c for c in codes if not (c.isdigit() and len(c) == 2 and 1 <= int(c) <= 20)]
        if bad:
            raise ValueError(f"Event codes: {bad[0]!r} is not a CAMEO root code (01 to 20).")
        actors = tuple(a.strip() for a in self.actors.text().split(",") if a.strip())
        selection = Selection(actors=actors, start=dates[0], end=dates[1], bucket=self.bucket.currentData(),
                              event_codes=codes, top=self.top.value() or None, min_events=self.min_events.value())
        return AggregateJob(sources, selection, fmt=self.format.currentData(),
                            engine=self.engine.currentText().strip() or "duckdb")

    def start_run(self) -> None:
        from desktop.events import write_document

        try:
            job = self._make_job()
        except ValueError as exc:
            self._say(str(exc), error=True)
            return
        output = Path(self.output.text().strip()).expanduser()
        self._set_running(True)
        self._say("Reading the event files…")
        self._job_running = job

        def run() -> Path:
            from desktop.events import AggregateCancelled

            result = job.run()  # type: ignore[attr-defined]
            if job.cancelled:  # type: ignore[attr-defined]  # Stop pressed as the last query ended
                raise AggregateCancelled("aggregation cancelled")
            write_document(result.document, output)
            return output

        self.worker.submit(job, run)

    def stop_run(self) -> None:
        job = getattr(self, "_job_running", None)
        if job is not None:
            job.cancel()
            self._say("Stopping…")

    def _set_running(self, running: bool) -> None:
        self.run_button.setEnabled(not running)
        self.stop_button.setEnabled(running)
        self.close_button.setEnabled(not running)
        self.progress.setVisible(running)
        self.progress.setRange(0, 0)
        if running:
            self._timer.start()
        else:
            self._timer.stop()

    def _show_progress(self) -> None:
        job = getattr(self, "_job_running", None)
        if job is None:
            return
        done = job.progress()
        if done is None:
            self.progress.setRange(0, 0)
        else:
            self.progress.setRange(0, 100)
            self.progress.setValue(int(done * 100))
        self._say(f"{job.stage.capitalize()}…")

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #B00020;" if error else "")

    def _on_finished(self, job: object, path: object) -> None:
        self._job_running = None
        self._set_running(False)
        self._say(f"Saved {path}; opening it.")
        self.aggregated.emit(path)
        self.accept()

    def _on_failed(self, job: object, error: object) -> None:
        from desktop.events import AggregateCancelled, AggregateError

        self._job_running = None
        self._set_running(False)
        if isinstance(error, AggregateCancelled):
            self._say("Stopped; nothing was saved.")
        elif isinstance(error, AggregateError | OSError):
            self._say(str(error), error=True)
        else:
            self._say(f"{type(error).__name__}: {error}", error=True)

    def reject(self) -> None:
        """Close, unless a run is going on (Stop it first: a half-finished run saves nothing)."""
        if getattr(self, "_job_running", None) is not None:
            return
        super().reject()
