"""What the window remembers between runs: where it was, how its docks were laid out, what was open.

Kept out of ``MainWindow`` and attached by the app (``run_gui``) rather than by the window itself, so
windows made by tests and by headless exports never read or write the user's configuration.
All values live in one ``QSettings`` store (organisation and application "Relmap"), in the platform's
default format; tests point that format at a temporary folder with :func:`use_settings_folder`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from desktop.core.resources import builtin_dataset_path

ORGANISATION = APPLICATION = "Relmap"
MAX_RECENT = 10


def open_settings() -> QSettings:
    """The app's store; the format comes from ``QSettings.defaultFormat()`` so tests can redirect it."""
    return QSettings(QSettings.defaultFormat(), QSettings.Scope.UserScope, ORGANISATION, APPLICATION)


def use_settings_folder(folder: Path) -> None:
    """Send every later :func:`open_settings` to INI files under ``folder`` (tests, portable setups)."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))


def export_settings(settings: QSettings | None = None) -> dict[str, Any]:
    """What the last export used: its folder, and whatever options the exporter passed to :func:`remember_export`."""
    settings = settings or open_settings()
    settings.beginGroup("export")
    try:
        return {key: settings.value(key) for key in settings.childKeys()}
    finally:
        settings.endGroup()


def remember_export(path: Path, settings: QSettings | None = None, **options: object) -> None:
    """Record an export's folder and options (format, size, scale …) for the next export dialog."""
    settings = settings or open_settings()
    settings.setValue("export/folder", str(Path(path).absolute().parent))
    for key, value in options.items():
        settings.setValue(f"export/{key}", value)


def export_suggestion(name: str, settings: QSettings | None = None) -> str:
    """Where a save dialog should start: ``name`` in the folder of the last export, if it still exists."""
    folder = export_settings(settings).get("folder")
    return str(Path(str(folder)) / name) if folder and Path(str(folder)).is_dir() else name


def remember_open_folder(path: Path, settings: QSettings | None = None) -> None:
    """Record the folder of a dataset file just opened (not the built-in one): File → Open starts there next."""
    if not path.is_file() or _is_builtin(path):
        return
    settings = settings or open_settings()
    settings.setValue("files/open_folder", str(path.absolute().parent))


def last_open_folder(settings: QSettings | None = None) -> str:
    """The folder File → Open starts in: the last one a dataset was opened from, if it still exists."""
    folder = str((settings or open_settings()).value("files/open_folder", "") or "")
    return folder if folder and Path(folder).is_dir() else ""


def _is_builtin(path: Path) -> bool:
    try:
        return path.resolve() == builtin_dataset_path().resolve()
    except OSError:
        return False


class RecentFiles:
    """The most recently opened dataset files, newest first, without duplicates or the built-in dataset."""

    KEY = "files/recent"

    def __init__(self, settings: QSettings) -> None:
        self._settings = settings

    def paths(self) -> list[Path]:
        value = self._settings.value(self.KEY, [])
        items = [value] if isinstance(value, str) else list(value or [])
        return [Path(item) for item in items if item]

    def add(self, path: Path) -> None:
        path = path.absolute()
        if _is_builtin(path):
            return
        kept = [p for p in self.paths() if p != path]
        self._settings.setValue(self.KEY, [str(p) for p in [path, *kept][:MAX_RECENT]])

    def prune(self) -> list[Path]:
        """Forget files that no longer exist, and return the rest."""
        existing = [p for p in self.paths() if p.is_file()]
        self._settings.setValue(self.KEY, [str(p) for p in existing])
        return existing

    def clear(self) -> None:
        self._settings.setValue(self.KEY, [])


class WindowMemory(QObject):
    """Restores a window's geometry and dock layout, records what it opens, saves when it closes.

    Also fills File → Open Recent, placed right after File → Open.
    """

    def __init__(self, window: QMainWindow, settings: QSettings | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings or open_settings()
        self.recent = RecentFiles(self.settings)
        self.recent_menu = self._insert_recent_menu()
        window.installEventFilter(self)
        state = getattr(window, "state", None)
        if state is not None:
            from desktop.gui.pin_memory import PinMemory

            state.events.dataset.connect(self._on_dataset_changed)
            self.pins = PinMemory(state, self.settings, parent=self)

    # -- window layout ------------------------------------------------------------------------------

    def restore(self) -> bool:
        """Put the window back where it was; False on a first run (then the window keeps its defaults)."""
        geometry = self.settings.value("window/geometry")
        if not isinstance(geometry, QByteArray | bytes) or not geometry:
            return False
        self.window.restoreGeometry(QByteArray(geometry))
        layout = self.settings.value("window/state")
        if isinstance(layout, QByteArray | bytes) and layout:
            self.window.restoreState(QByteArray(layout))
        return True

    def save(self) -> None:
        self.settings.setValue("window/geometry", self.window.saveGeometry())
        self.settings.setValue("window/state", self.window.saveState())
        self.settings.sync()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.save()
        return False

    # -- files --------------------------------------------------------------------------------------

    def last_file(self) -> Path | None:
        """The file open when the app last closed, if it still exists (else the caller shows the built-in one)."""
        value = self.settings.value("files/last", "")
        path = Path(str(value)) if value else None
        return path if path is not None and path.is_file() else None

    def _on_dataset_changed(self, *_: object) -> None:
        dataset = getattr(self.window, "state").dataset  # noqa: B009
        origin = Path(dataset.origin) if dataset is not None and dataset.origin else None
        if origin is None or not origin.is_file():
            return
        self.settings.setValue("files/last", str(origin.absolute()))
        self.recent.add(origin)

    # -- export settings ----------------------------------------------------------------------------

    def export_settings(self) -> dict[str, Any]:
        return export_settings(self.settings)

    def remember_export(self, path: Path, **options: object) -> None:
        remember_export(path, self.settings, **options)

    def export_suggestion(self, name: str) -> str:
        return export_suggestion(name, self.settings)

    # -- File → Open Recent -------------------------------------------------------------------------

    def _insert_recent_menu(self) -> QMenu:
        menu = QMenu("Open &Recent", self.window)
        menu.setObjectName("recent_menu")
        menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu = self._file_menu()
        if file_menu is not None:
            actions = file_menu.actions()
            opens = [i for i, a in enumerate(actions) if a.shortcut() == QKeySequence(QKeySequence.StandardKey.Open)]
            after = opens[0] + 1 if opens else len(actions)
            if after < len(actions):
                file_menu.insertMenu(actions[after], menu)
            else:
                file_menu.addMenu(menu)
        self._fill_recent_menu()
        return menu

    def _file_menu(self) -> QMenu | None:
        for action in self.window.menuBar().actions():
            if action.menu() is not None and action.text().replace("&", "") == "File":
                return action.menu()  # type: ignore[return-value]
        return None

    def _fill_recent_menu(self) -> None:
        menu = self.recent_menu if hasattr(self, "recent_menu") else self.window.findChild(QMenu, "recent_menu")
        menu.clear()
        paths = self.recent.prune()
        for number, path in enumerate(paths, start=1):
            label = f"&{number} {path.name}" if number < 10 else path.name
            action = QAction(label, menu)
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _=False, p=path: self.window.open_path(p))  # type: ignore[attr-defined]
            menu.addAction(action)
        if paths:
            menu.addSeparator()
            menu.addAction("Clear menu", self.recent.clear)
        else:
            menu.addAction("No recent files").setEnabled(False)
