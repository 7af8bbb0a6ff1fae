"""Fixtures shared by every test package."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
BUILTIN = ROOT / "resources" / "datasets" / "kerry-2013-2014.json"


@pytest.fixture
def builtin_path() -> Path:
    return BUILTIN


def tiny_document() -> dict[str, Any]:
    """A small valid native dataset: three actors, a warm tie that later sours, a hostile one."""
    return {
        "relmap": 1,
        "title": "Tiny",
        "sources": [{"id": "src", "title": "A source", "publisher": "Press"}],
        "groups": [{"id": "g1", "label": "One", "colour": "#E69F00"}, {"id": "g2", "label": "Two"}],
        "actors": [
            {"id": "ann", "name": "Ann", "group": "g1"},
            {"id": "bob", "name": "Bob", "group": "g2"},
            {"id": "cat", "name": "Cat", "group": "g2"},
        ],
        "events": [
            {"id": "e1", "date": "2013-07-01", "title": "First meeting", "participants": ["ann", "bob"],
             "sources": [{"source": "src"}], "interactions": [{"a": "ann", "b": "bob", "tone": 2}]},
            {"id": "e2", "date": "2013-08-01", "title": "Quarrel", "participants": ["ann", "bob"],
             "sources": [{"source": "src"}], "interactions": [{"a": "ann", "b": "bob", "tone": -2}]},
            {"id": "e3", "date": "2013-08", "date_precision": "month", "title": "Threat",
             "sources": [{"source": "src"}], "interactions": [{"a": "bob", "b": "cat", "tone": -1}]},
        ],
    }


@pytest.fixture
def write_dataset(tmp_path: Path) -> Callable[..., Path]:
    """Write a native document (default: :func:`tiny_document`) and return its path."""

    def write(document: dict[str, Any] | None = None, name: str = "tiny.relmap.json") -> Path:
        path = tmp_path / name
        path.write_text(json.dumps(document if document is not None else tiny_document()), encoding="utf-8")
        return path

    return write


@pytest.fixture(autouse=True, scope="session")
def _private_settings(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep every test's QSettings (recent files, mappings, export folder) and caches out of the user's real ones."""
    folder = tmp_path_factory.mktemp("settings")
    os.environ.setdefault("RELMAP_LOG_DIR", str(tmp_path_factory.mktemp("logs")))
    # The app keeps layouts in the platform's cache folder (XDG_CACHE_HOME on Linux): a private one here.
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    try:
        from desktop.gui.settings import use_settings_folder
    except ImportError:  # a core-only environment without Qt
        return
    use_settings_folder(folder)


@pytest.fixture
def make_window(qtbot) -> Callable[..., Any]:
    """The one way tests make a real main window: shown offscreen at ``size`` (unless ``show`` is False),
    optionally opened on ``path`` at ``at``, closed after the test.

    Loads and layouts run synchronously, so a test sees their result as soon as the call returns;
    ``synchronous=False`` gives the real background workers.
    """
    from desktop.gui.main_window import MainWindow
    from desktop.viewer.state import ViewerState

    def make(path: Path | None = None, at: str | None = None, size: tuple[int, int] = (1200, 800), *,
             synchronous: bool = True, show: bool = True) -> MainWindow:
        win = MainWindow(ViewerState(), synchronous=synchronous)
        qtbot.addWidget(win)
        win.resize(*size)
        if show:
            win.show()
        if path is not None:
            win.open_path(path, at=at)
        return win

    return make


QT_PACKAGES = {"gui", "settings", "canvas", "export", "freedesktop", "e2e", "hardening", "formats", "acceptance"}


@pytest.fixture(autouse=True)
def _collect_garbage_on_the_gui_thread(request: pytest.FixtureRequest) -> Any:
    """Python's cycle collector may run in whichever thread allocates; if a worker thread (a layout, a
    numba compile, an encoder) collects a Qt wrapper, Qt deletes the object off the GUI thread and the
    event loop later crashes. Qt tests therefore collect only here, on the main thread, after each test,
    as the app does with a timer (desktop/gui/app.py)."""
    import gc

    if Path(str(request.node.fspath)).parent.name not in QT_PACKAGES:
        yield
        return
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.collect()
        if was_enabled:
            gc.enable()
