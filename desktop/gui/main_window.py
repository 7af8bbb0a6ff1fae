"""The main window: lays out the map, the timeline bar and the details panel, and owns the menus.

Decisions live in the controllers (map, playback) and the state; this class only arranges views and
turns menu actions into state changes or jobs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desktop.canvas.map_view import MapView
from desktop.core.time_axis import TimeParseError
from desktop.core.timeline import Timeline
from desktop.gui.dialogs.load_report import LoadReportButton
from desktop.gui.loading import FileDrops, LoadProgress, LoadRequest, drop_note, dropped_paths
from desktop.gui.map_controller import MapController
from desktop.gui.map_first import MapFirst
from desktop.gui.metrics_service import MetricsService
from desktop.gui.panels.filter_bar import FilterBar
from desktop.gui.panels.side_panel import SidePanel
from desktop.gui.playback import Playback
from desktop.gui.settings import last_open_folder, remember_open_folder
from desktop.gui.timeline.bar import TimelineBar
from desktop.gui.workers import LatestOnlyWorker
from desktop.io.problems import DatasetError, LoadResult
from desktop.io.progress import LoadCancelled
from desktop.viewer.state import ViewerState


class MainWindow(QMainWindow):
    def __init__(self, state: ViewerState | None = None, *, synchronous: bool = False) -> None:
        super().__init__()
        self.state = state or ViewerState()
        self.setWindowTitle("Relmap")
        self.resize(1400, 900)
        self.map_view = MapView()
        self.timeline_bar = TimelineBar(self.state)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.filter_bar = FilterBar(self.state)
        self.filter_bar.fit.clicked.connect(self.fit_map)
        self.map_view.following_changed.connect(self.filter_bar.fit.setChecked)
        column.addWidget(self.filter_bar)
        column.addWidget(self.map_view, 1)
        column.addWidget(self.timeline_bar)
        self.setCentralWidget(central)
        self.metrics = MetricsService(self.state, synchronous=synchronous, parent=self)
        self.side = SidePanel(self.state, self.metrics)
        self.details = self.side.details
        dock = QDockWidget("Explore", self)
        dock.setObjectName("details_dock")
        dock.setWidget(self.side)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        self.resizeDocks([dock], [380], Qt.Orientation.Horizontal)
        self.map_controller = MapController(self.state, self.map_view, synchronous=synchronous, metrics=self.metrics)
        self.playback = Playback(self.state, self, ready=lambda: self.map_controller.is_idle())
        self.map_first = MapFirst(self.map_view.viewport(), self, enabled=not synchronous)  # panels after the map
        self.map_controller.layout_ready.connect(self.map_first.map_ready)
        self.map_controller.worker.failed.connect(self.map_first.release)
        self.side.play_span_requested.connect(self.playback.play_span)
        self.loader = LatestOnlyWorker("loader", synchronous=synchronous, parent=self)
        self.loader.finished.connect(self._on_loaded)
        self.loader.failed.connect(self._on_load_failed)
        self.state.events.dataset.connect(self._on_dataset_changed)
        self.state.events.status.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self._build_menus()
        self._pending_at: float | str | None = None
        self.setAcceptDrops(True)
        self.report_button = LoadReportButton(self)
        self.statusBar().addPermanentWidget(self.report_button)
        self._request: LoadRequest | None = None
        self._progress: LoadProgress | None = None
        self.file_drops = FileDrops(self)  # last: it watches the child widgets that accept drops

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self._action(file_menu, "&Open…", QKeySequence.StandardKey.Open, self.choose_file)
        self._action(file_menu, "Open snapshot &series…", QKeySequence(), self.choose_series)
        self._action(file_menu, "Re-import with &mapping…", QKeySequence(), self.reimport_with_mapping)
        self.choose_network_action = self._action(file_menu, "Choose &network…", QKeySequence(), self.choose_network)
        self.choose_network_action.setEnabled(False)
        self._action(file_menu, "&Aggregate event data…", QKeySequence(), self.choose_aggregate)
        self._action(file_menu, "&Export…", QKeySequence("Ctrl+E"), self.choose_export)
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", QKeySequence.StandardKey.Quit, self.close)
        edit_menu = self.menuBar().addMenu("&Edit")
        self._action(edit_menu, "&Copy map", QKeySequence.StandardKey.Copy, self.copy_view)
        view_menu = self.menuBar().addMenu("&View")
        self._action(view_menu, "Zoom to &fit", QKeySequence("Ctrl+0"), self.fit_map)
        self._action(view_menu, "&Find an actor…", QKeySequence.StandardKey.Find, self.focus_search)
        self._action(view_menu, "&Clear selection", QKeySequence(Qt.Key.Key_Escape), self.clear_selection)
        self.file_layout_action = self._action(view_menu, "Use the file's &layout and colours", QKeySequence(),
                                               self.map_controller.set_use_file_layout)
        self.file_layout_action.setObjectName("use_file_layout")
        self.file_layout_action.setCheckable(True)
        self.file_layout_action.setEnabled(False)
        play_menu = self.menuBar().addMenu("&Playback")
        self._action(play_menu, "&Play / pause", QKeySequence(Qt.Key.Key_Space), self.toggle_playing)
        self._action(play_menu, "&Next event", QKeySequence(Qt.Key.Key_PageDown),
                     lambda: self.timeline_bar.step_event(+1))
        self._action(play_menu, "P&revious event", QKeySequence(Qt.Key.Key_PageUp),
                     lambda: self.timeline_bar.step_event(-1))
        self._action(play_menu, "Jump to &start", QKeySequence(Qt.Key.Key_Home),
                     lambda: self.timeline_bar.jump_to_end(-1))
        self._action(play_menu, "Jump to &end", QKeySequence(Qt.Key.Key_End),
                     lambda: self.timeline_bar.jump_to_end(+1))
        self._action(play_menu, "&Loop", QKeySequence(Qt.Key.Key_L),
                     lambda: setattr(self.state, "loop", not self.state.loop))
        self._action(play_menu, "&Faster", QKeySequence(Qt.Key.Key_BracketRight),
                     lambda: self.timeline_bar.change_speed(+1))
        self._action(play_menu, "S&lower", QKeySequence(Qt.Key.Key_BracketLeft),
                     lambda: self.timeline_bar.change_speed(-1))
        from desktop.gui.dialogs.help_dialogs import add_help_menu

        add_help_menu(self)

    def fit_map(self) -> None:
        """Zoom to fit, and follow the actors on the map again (a pan or zoom by hand stopped that)."""
        self.map_view.zoom_to_fit()
        self.filter_bar.fit.setChecked(self.map_view.following)  # a click on the checked button unchecks it

    def _action(self, menu: object, text: str, shortcut: object, slot: object) -> QAction:
        action = QAction(text, self)
        action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)  # type: ignore[attr-defined]
        self.addAction(action)
        return action

    # -- loading ---------------------------------------------------------------------------------

    def open_path(self, path: Path | str, at: float | str | None = None, *, note: str = "",
                  **options: object) -> None:
        """Load a file in the background; on failure the current map stays and a dialog says why.

        ``options`` go to the reader (a CSV ``mapping=``); ``note`` is added to the status once loaded. A
        load still running is cancelled: the newest request wins, and a progress dialog with Cancel
        appears if the load takes a while.
        """
        from desktop.gui.dialogs.import_dialogs import ask_mapping, needs_mapping
        from desktop.io.registry import load

        path = Path(path)
        if "mapping" not in options and needs_mapping(path):  # a plain table: confirm its columns first
            ask_mapping(path, self, lambda mapping: self.open_path(path, at, note=note, **options, mapping=mapping))
            return
        self._start_load(LoadRequest(path, options=dict(options), note=note), at, lambda request: load(
            path, progress=request.ticket, **request.options))

    def open_series(self, paths: list[Path]) -> None:
        """Open several files as ordered snapshots of one network (see :mod:`desktop.io.series`)."""
        from desktop.io.series import load_series

        label = f"{Path(paths[0]).name} … {Path(paths[-1]).name} ({len(paths)} snapshots)"
        self._start_load(LoadRequest(Path(paths[0]), label=label), None,
                         lambda request: load_series(paths, progress=request.ticket))

    def _start_load(self, request: LoadRequest, at: float | str | None,
                    job: Callable[[LoadRequest], LoadResult]) -> None:
        self._pending_at = at
        self.state.status = f"Opening {request.title}…"
        if self._request is not None:
            self._request.ticket.cancel()
        if self._progress is not None:
            self._progress.finish()
        self._request = request
        self._progress = LoadProgress(request.ticket, f"Opening {request.title}…", self)
        rule = self.state.rule

        def run() -> LoadResult:
            result = job(request)
            # Building the timeline and finding the busiest moment take seconds on a large dataset: do both
            # here, off the GUI thread, and hand the timeline to the state.
            timeline = Timeline(result.dataset, rule)
            request.prepared.append(timeline)
            if at is None:
                request.opening_time.append(opening_time(timeline))
            return result

        self.loader.submit(request, run)

    def _end_request(self, tag: object) -> bool:
        """Close the progress of ``tag``'s load; False if a newer request superseded it."""
        if tag is not self._request:
            return False
        self._request = None
        if self._progress is not None:
            self._progress.finish()
            self._progress = None
        return True

    def cancel_load(self) -> None:
        if self._progress is not None:
            self._progress.cancel()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        """Open the first dropped file; several files are not guessed into a series, the status says so."""
        paths = dropped_paths(event.mimeData())
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.open_path(paths[0], note=drop_note(paths))

    def _on_loaded(self, path: object, result: object) -> None:
        assert isinstance(result, LoadResult)
        if not self._end_request(path):
            return
        if isinstance(path, LoadRequest) and path.ticket.cancelled:  # Cancel pressed as the load finished
            self.state.status = f"Stopped opening {Path(str(path)).name}; the map you had open is unchanged"
            return
        at = self._pending_at
        self._pending_at = None
        dataset = result.dataset
        prepared = path.prepared[0] if isinstance(path, LoadRequest) and path.prepared else None
        instant, refused = None, ""
        if at is not None:
            try:
                instant = dataset.axis.to_instant(at)
            except TimeParseError as exc:
                refused = f"; --at ignored: {exc}"  # e.g. a date given for a file whose time is steps
        if instant is None:
            # Open where the story begins (found on the loader thread); see opening_time.
            if isinstance(path, LoadRequest) and path.opening_time:
                instant = path.opening_time[0]
            else:
                instant = opening_time(prepared or Timeline(dataset, self.state.rule))
        self.map_first.hold()
        self.state.open_dataset(dataset, at=instant, timeline=prepared)
        warnings = len(result.report.problems) + len(result.report.skipped)
        note = f" ({warnings} warning{'s' if warnings != 1 else ''})" if warnings else ""
        name = path.title if isinstance(path, LoadRequest) else Path(str(path)).name
        extra = f"; {path.note}" if isinstance(path, LoadRequest) and path.note else ""
        self.state.status = f"Opened {name}{note}{extra}{refused}"
        self.report_button.set_report(result.report)

    def _on_load_failed(self, path: object, error: object) -> None:
        if not self._end_request(path):
            return
        if isinstance(error, LoadCancelled):
            self.state.status = f"Stopped opening {Path(str(path)).name}; the map you had open is unchanged"
            return
        self.state.status = f"Could not open {Path(str(path)).name}"
        if isinstance(error, DatasetError):
            message = error.details()
        else:
            message = f"{Path(str(path)).name}: {type(error).__name__}: {error}"
        box = QMessageBox(QMessageBox.Icon.Warning, "Could not open the file", message, parent=self)
        box.setObjectName("load_error")
        box.setInformativeText("The map you had open is unchanged.")
        box.open()

    def choose_series(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, "Open snapshot series (one file per moment, in order)", last_open_folder(),
            "Snapshot files (*.txt *.csv *.tsv *.net *.gml *.graphml *.gexf *.json);;All files (*)")
        if paths:
            from desktop.io.series import order_snapshots

            self.open_series(order_snapshots([Path(p) for p in paths]))

    def reimport_with_mapping(self) -> None:
        """Ask for the columns of the open table again (or of a table chosen now) and reload it."""
        from desktop.gui.dialogs.import_dialogs import ask_mapping, needs_mapping

        origin = Path(self.state.dataset.origin) if self.state.dataset and self.state.dataset.origin else None
        if origin is None or not origin.is_file() or not needs_mapping(origin):
            chosen, _ = QFileDialog.getOpenFileName(self, "Re-import a table", "",
                                                    "Tables (*.csv *.tsv *.tab *.txt);;All files (*)")
            if not chosen:
                return
            origin = Path(chosen)
        path = origin
        ask_mapping(path, self, lambda mapping: self.open_path(path, mapping=mapping), force=True)

    def choose_network(self) -> None:
        """File → Choose network…: another network of a file that holds several (a Pajek project)."""
        from desktop.gui.dialogs.network_chooser import choose_network

        choose_network(self)

    def choose_file(self) -> None:
        from desktop.io.registry import open_filter

        path, _ = QFileDialog.getOpenFileName(self, "Open dataset", last_open_folder(), open_filter())
        if path:
            self.open_path(path)

    def choose_aggregate(self) -> None:
        """File → Aggregate event data…: GDELT/ICEWS/ACLED files to a map (desktop/gui/dialogs/aggregate_dialog.py)."""
        from desktop.gui.dialogs.aggregate_dialog import AggregateDialog

        dialog = AggregateDialog(self)
        dialog.aggregated.connect(lambda path: self.open_path(path))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def choose_export(self) -> None:
        """File → Export…: PNG, SVG, PDF, GIF or MP4 of what the map shows (desktop/gui/dialogs/export_dialog.py)."""
        if self.state.dataset is None:
            return
        from desktop.gui.dialogs.export_dialog import ExportDialog
        from desktop.gui.settings import export_settings, remember_export

        folder = str(export_settings().get("folder") or "")
        self.export_dialog = ExportDialog(
            self.state, self.map_view, folder=folder if Path(folder).is_dir() else "", parent=self
        )
        self.export_dialog.exported.connect(lambda path: remember_export(Path(path)))  # next export starts there
        self.export_dialog.finished.connect(self.export_dialog.delete_when_done)  # one dialog per Export…, freed
        self.export_dialog.open()

    def clear_selection(self) -> None:
        """Escape: no actor, no tie singled out; the whole map lit again."""
        self.state.selected_actor = None
        self.state.selected_tie = None

    def focus_search(self) -> None:
        """View → Find (Ctrl+F): into the type-ahead search, its text selected for a new name."""
        self.filter_bar.search.setFocus()
        self.filter_bar.search.selectAll()

    def copy_view(self) -> None:
        """Edit → Copy: the map as on screen, to the clipboard."""
        from desktop.gui.dialogs.export_dialog import copy_view

        copy_view(self.state, self.map_view)

    # -- reactions -------------------------------------------------------------------------------

    def _on_dataset_changed(self, *_: object) -> None:
        dataset = self.state.dataset
        self.setWindowTitle(f"{dataset.title} — Relmap" if dataset else "Relmap")
        self.timeline_bar.setVisible(dataset is not None and not dataset.is_static)
        self.choose_network_action.setEnabled(bool(dataset and len(dataset.extra.get("networks") or ()) > 1))
        placed = bool(dataset and any("position" in a.extra for a in dataset.actors))
        self.file_layout_action.setEnabled(placed)
        self.file_layout_action.setChecked(self.map_controller.use_file_layout)
        if dataset is not None and dataset.origin:
            remember_open_folder(Path(dataset.origin))  # the next File → Open starts beside this file

    def toggle_playing(self) -> None:
        self.state.playing = not self.state.playing

    def closeEvent(self, event: object) -> None:
        self.state.playing = False
        # Every background worker of the window (layout, loading, metrics, charts) finishes its job and
        # stops here, while its QObject still exists: a job must never signal an object already deleted.
        for worker in self.findChildren(LatestOnlyWorker):
            worker.shutdown()
        super().closeEvent(event)  # type: ignore[arg-type]


def opening_time(timeline: Timeline) -> float:
    """Where a file opens: a story with chapters at its first chapter, so Play tells it in order from
    the first picture; a file without chapters at its busiest moment, so the first picture shows the
    cast at work rather than the one or two actors of its first event."""
    chapters = timeline.dataset.chapters
    if chapters:
        return float(min(c.start for c in chapters))
    return timeline.busiest_time()
