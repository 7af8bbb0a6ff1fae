"""File → Export…: one dialog for every format, and Edit → Copy for the map as it is.

The dialog reads the window's state and map view into a :class:`Picture` (the positions and zoom on
screen, the selection, pins, rule and tie filter) and hands it to the exporter registered for the
file's suffix, the same exporter ``relmap export`` uses. Stills are written at once (well under a
second); animations run as an :class:`AnimationProgress`, which paints frames in short slices from
a timer so the window keeps repainting and the Cancel button keeps working.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QObject, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.canvas.map_view import MapView
from desktop.core.time_axis import TimeParseError
from desktop.export.animation import AnimationJob
from desktop.export.contract import ExportError, Picture, StillOptions
from desktop.export.formats import exporter_for, formats
from desktop.export.image import render_picture
from desktop.export.motion import MovieOptions
from desktop.gui.map_controller import MapController, frame_inputs
from desktop.gui.metrics_service import MetricsService
from desktop.viewer.state import ViewerState

SIZES = ((1920, 1080), (1280, 720), (1080, 1080), (3840, 2160), (1600, 1000))


def picture_from_window(state: ViewerState, view: MapView, *, whole_map: bool = False,
                        metrics: MetricsService | None = None) -> Picture:
    """What the window shows now: its date, positions, selection, emphasis, sizing, filter and, unless
    ``whole_map``, its zoom. "Whole map" changes only the framing, never what is singled out. While the
    map follows its cast, the picture is framed on the cast in its own size, as the window frames it.

    The emphasis and sizing inputs are the map controller's own :class:`FrameInputs` (with ``metrics``,
    if given, for the comparison ranking and the centrality series); one not computed yet is left
    out, as the window leaves it out.
    """
    assert state.dataset is not None
    controller = view.findChild(MapController)
    if controller is not None and (metrics is None or metrics is controller.metrics):
        inputs = controller.frame_inputs()
    else:
        inputs = frame_inputs(state, metrics)
    (x0, x1), (y0, y1) = view.viewbox.viewRange()
    return Picture(
        dataset=state.dataset, at=state.current_time, rule=state.rule, pins=dict(state.pins),
        positions=view.displayed_positions(), view_range=None if whole_map or view.following else ((x0, x1), (y0, y1)),
        inputs=inputs, timeline=state.timeline,
    )


def copy_view(state: ViewerState, view: MapView, metrics: MetricsService | None = None) -> None:
    """Put the map, as on screen, on the clipboard at the screen's own pixel density."""
    if state.dataset is None:
        return
    options = StillOptions(size=(max(view.width(), 16), max(view.height(), 16)), scale=view.devicePixelRatioF())
    picture = picture_from_window(state, view, metrics=metrics)
    QGuiApplication.clipboard().setImage(render_picture(picture, options))
    state.status = "Copied the map to the clipboard"


class AnimationProgress(QObject):
    """Drives an :class:`AnimationJob` from a timer under a progress dialog with Cancel."""

    finished = Signal(str)
    failed = Signal(str)

    def __init__(self, job: AnimationJob, target: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.job = job
        self.target = target
        self.dialog = QProgressDialog("Preparing…", "Cancel", 0, job.total, parent)
        self.dialog.setObjectName("export_progress")
        self.dialog.setWindowTitle("Exporting animation")
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(0)
        self.dialog.canceled.connect(self.cancel)
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._on_tick)

    def start(self) -> None:
        self.dialog.show()
        self._timer.start()

    def cancel(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self.job.cancel()
            self.dialog.close()
            self.failed.emit("Export cancelled")
            self._release()

    def _on_tick(self) -> None:
        if self.dialog.wasCanceled():
            self.cancel()
            return
        try:
            done = self.job.step(budget=0.04)  # ~40 ms of painting, then back to the event loop
        except ExportError as exc:
            self._timer.stop()
            self.dialog.close()
            self.failed.emit(str(exc))
            self._release()
            return
        self.dialog.setLabelText(self.job.phase())
        self.dialog.setValue(min(self.job.done, self.job.total - 1))
        if done:
            self._timer.stop()
            self.dialog.setValue(self.job.total)
            self.dialog.close()
            self.finished.emit(self.target)
            self._release()

    def _release(self) -> None:
        """A finished, failed or cancelled run frees itself and its progress dialog."""
        self.dialog.deleteLater()
        self.deleteLater()


class ExportDialog(QDialog):
    """Choose a file, a format (by suffix), what to show and how big; then export."""

    exported = Signal(str)

    def __init__(self, state: ViewerState, view: MapView, folder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert state.dataset is not None
        self.state, self.view = state, view
        self.progress: AnimationProgress | None = None
        self.setObjectName("export_dialog")
        self.setWindowTitle("Export")
        axis = state.dataset.axis
        stem = re.sub(r"[^a-z0-9]+", "-", state.dataset.title.lower()).strip("-")[:40] or "relmap"
        self.path = QLineEdit(str(Path(folder or Path.home()) / f"{stem}.png"))
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        self.format = QComboBox()
        for fmt in formats():
            self.format.addItem(f"{fmt.label} (.{fmt.suffix})", fmt.suffix)
        self.format.currentIndexChanged.connect(self._on_format_chosen)
        self.path.textChanged.connect(self._on_path_edited)
        self.on_screen = QRadioButton("As on screen (same zoom)")
        self.whole = QRadioButton("Whole map")
        self.on_screen.setChecked(True)
        region = QButtonGroup(self)
        region.addButton(self.on_screen)
        region.addButton(self.whole)
        self.width_box, self.height_box = QSpinBox(), QSpinBox()
        for box in (self.width_box, self.height_box):
            box.setRange(16, 7680)
            box.setSuffix(" px")
        self.width_box.setValue(view.width() // 2 * 2)
        self.height_box.setValue(view.height() // 2 * 2)
        self.preset = QComboBox()
        self.preset.addItem("Window size", (view.width() // 2 * 2, view.height() // 2 * 2))
        for w, h in SIZES:
            self.preset.addItem(f"{w} × {h}", (w, h))
        self.preset.activated.connect(self._on_preset)
        self.scale = QComboBox()
        for factor in (1, 2, 3, 4):
            self.scale.addItem(f"{factor}×" + ("  (high-DPI)" if factor == 2 else ""), float(factor))
        self.transparent = QCheckBox("Transparent background")
        start, end = state.play_range or state.dataset.span
        self.start = QLineEdit(str(axis.format_iso(start)))
        self.end = QLineEdit(str(axis.format_iso(end)))
        self.fps = QSpinBox()
        self.fps.setRange(1, 60)
        self.fps.setValue(20)
        self.fps.setSuffix(" fps")
        self.by_speed = QRadioButton(f"{axis.unit.capitalize()}s per second")
        self.by_duration = QRadioButton("Duration (seconds)")
        self.by_speed.setChecked(True)
        self.speed = QDoubleSpinBox()
        self.speed.setRange(0.01, 100000)
        self.speed.setValue(state.speed)
        self.duration = QDoubleSpinBox()
        self.duration.setRange(0.5, 1200)
        self.duration.setValue(12)
        self.easing = QComboBox()
        self.easing.addItem("Smooth", "smooth")
        self.easing.addItem("Linear", "linear")
        self._build(browse)
        self._on_path_edited(self.path.text())
        for edit in (self.start, self.end):
            edit.textChanged.connect(self._sync_pace)
        self.speed.valueChanged.connect(self._sync_pace)
        self.duration.valueChanged.connect(self._sync_pace)
        self.by_speed.toggled.connect(self._sync_pace)
        self._sync_pace()

    def _span(self) -> float | None:
        """The chosen range's length in axis units, or None while From or To does not parse."""
        axis = self.state.dataset.axis  # type: ignore[union-attr]
        try:
            start, end = axis.to_instant(self.start.text().strip()), axis.to_instant(self.end.text().strip())
        except TimeParseError:
            return None
        return abs(end - start)

    def _sync_pace(self, *_: object) -> None:
        """Speed and duration are one choice: the greyed one shows what the other gives for the range."""
        by_speed = self.by_speed.isChecked()
        self.speed.setEnabled(by_speed)
        self.duration.setEnabled(not by_speed)
        span = self._span()
        if not span:
            return
        with QSignalBlocker(self.speed), QSignalBlocker(self.duration):
            if by_speed:
                self.duration.setValue(span / max(self.speed.value(), 1e-9))
            else:
                self.speed.setValue(span / max(self.duration.value(), 1e-9))

    def _build(self, browse: QPushButton) -> None:
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)
        form = QFormLayout()
        form.addRow("File", file_row)
        form.addRow("Format", self.format)
        form.addRow("Show", self._row(self.on_screen, self.whole))
        form.addRow("Size", self._row(self.width_box, self.height_box, self.preset))
        self.still_box = QGroupBox("Picture")
        still = QFormLayout(self.still_box)
        still.addRow("Scale", self.scale)
        still.addRow("", self.transparent)
        self.movie_box = QGroupBox("Animation")
        movie = QFormLayout(self.movie_box)
        movie.addRow("From", self.start)
        movie.addRow("To", self.end)
        movie.addRow("Frame rate", self.fps)
        movie.addRow(self.by_speed, self.speed)
        movie.addRow(self.by_duration, self.duration)
        movie.addRow("Movement", self.easing)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.export_now)
        buttons.rejected.connect(self.reject)
        self.setMinimumWidth(480)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.still_box)
        column.addWidget(self.movie_box)
        column.addWidget(buttons)

    @staticmethod
    def _row(*widgets: QWidget) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            layout.addWidget(widget)
        return row

    def delete_when_done(self) -> None:
        """Free the dialog once closed, or, if it started an animation, once that animation ends."""
        progress = self.progress
        if progress is not None and progress._timer.isActive():
            progress.finished.connect(self.deleteLater)
            progress.failed.connect(self.deleteLater)
        else:
            self.deleteLater()

    # -- reactions -------------------------------------------------------------------------------

    def _browse(self) -> None:
        """Choose the file in a file dialog that lists the chosen format first. A name typed without a
        suffix gets the suffix of the format chosen there (before the dialog asks whether to replace an
        existing file): a file without one cannot be exported."""
        filters = {f"{f.label} (*.{f.suffix})": f.suffix for f in formats()}
        chooser = QFileDialog(self, "Export to", self.path.text(), ";;".join(filters))
        chooser.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        chooser.selectNameFilter(next(text for text, suffix in filters.items() if suffix == self.format.currentData()))
        chooser.setDefaultSuffix(self.format.currentData())
        chooser.filterSelected.connect(lambda text: chooser.setDefaultSuffix(filters.get(text, "")))
        if chooser.exec() and chooser.selectedFiles():
            path = chooser.selectedFiles()[0]
            if Path(path).suffix.lower().lstrip(".") not in filters.values():  # a native dialog may add none
                path = f"{path}.{filters.get(chooser.selectedNameFilter(), self.format.currentData())}"
            self.path.setText(path)
        chooser.deleteLater()

    def _on_format_chosen(self) -> None:
        suffix = self.format.currentData()
        path = Path(self.path.text())
        if path.suffix.lower().lstrip(".") != suffix:
            self.path.setText(str(path.with_suffix(f".{suffix}")))

    def _on_path_edited(self, text: str) -> None:
        try:
            fmt = exporter_for(text)
        except ExportError:
            return
        index = self.format.findData(fmt.suffix)
        if index != self.format.currentIndex():
            self.format.blockSignals(True)
            self.format.setCurrentIndex(index)
            self.format.blockSignals(False)
        self.still_box.setVisible(not fmt.animated)
        self.movie_box.setVisible(fmt.animated)
        # Video players expect 30 fps; GIF delays are hundredths of a second, so 20 fps plays exactly.
        if fmt.suffix in ("mp4", "gif") and self.fps.value() in (20, 30):
            self.fps.setValue(30 if fmt.suffix == "mp4" else 20)
        self.scale.setEnabled(fmt.suffix == "png")

    def _on_preset(self, index: int) -> None:
        width, height = self.preset.itemData(index)
        self.width_box.setValue(width)
        self.height_box.setValue(height)

    # -- exporting -------------------------------------------------------------------------------

    def export_now(self) -> None:
        """Export with the dialog's choices; errors are shown and the dialog stays open to fix them."""
        typed = self.path.text().strip()
        path = str(Path(typed).expanduser()) if typed.startswith("~") else typed  # as a shell would read it
        try:
            fmt = exporter_for(path)
            picture = picture_from_window(self.state, self.view, whole_map=self.whole.isChecked())
            size = (self.width_box.value(), self.height_box.value())
            if fmt.animated:
                options = self._movie_options(size)
                job = fmt.factory(picture, options).job(path)  # type: ignore[attr-defined]
                self.progress = AnimationProgress(job, path, self.parentWidget())
                self.progress.finished.connect(self._on_done)
                self.progress.failed.connect(self._on_failed)
                self.progress.start()  # before accept(): a closing dialog waits for a running animation
                self.accept()
                return
            options = StillOptions(size, float(self.scale.currentData()), self.transparent.isChecked())
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                fmt.factory(picture, options).export(path)
            finally:
                QGuiApplication.restoreOverrideCursor()
        except ExportError as exc:
            QMessageBox.warning(self, "Cannot export", str(exc))
            return
        self.accept()
        self._on_done(path)

    def _movie_options(self, size: tuple[int, int]) -> MovieOptions:
        """The animation's options, refusing in the dialog's own words (From, To) what the exporter would
        refuse in the command line's (``--from``, ``--to``)."""
        dataset = self.state.dataset
        assert dataset is not None
        axis = dataset.axis
        if dataset.is_static:
            raise ExportError(f"{dataset.title} has no dates: an animation needs a date range. "
                              "Export a picture (.png, .svg or .pdf) instead.")
        try:
            start, end = axis.to_instant(self.start.text().strip()), axis.to_instant(self.end.text().strip())
        except TimeParseError as exc:
            raise ExportError(str(exc)) from None
        if end <= start:
            raise ExportError(f"From ({axis.format(start)}) is not before To ({axis.format(end)})")
        return MovieOptions(
            start=start, end=end, size=size, fps=float(self.fps.value()),
            days_per_second=self.speed.value() if self.by_speed.isChecked() else None,
            duration=self.duration.value() if self.by_duration.isChecked() else None,
            easing=self.easing.currentData(),
        )

    def _on_done(self, path: str) -> None:
        self.state.status = f"Saved {path}"
        self.exported.emit(path)

    def _on_failed(self, message: str) -> None:
        self.state.status = message
        if message != "Export cancelled":
            QMessageBox.warning(self.parentWidget(), "Export failed", message)
