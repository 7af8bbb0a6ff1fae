"""Run by test_switching.py in a child process (a segmentation fault must fail a test, not end the run):
open datasets one after another in one real window, by the user's ways in, and check after each that
nothing of the previous one is left in a control.

``python -m tests.acceptance.switching KEY KEY … [--playing] [--unsettled] [--selected]`` prints one
line per step and exits 0, or 1 with the stale controls it found; a crash shows as its signal.
"""

from __future__ import annotations

import faulthandler
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
faulthandler.enable()

from PySide6.QtCore import QElapsedTimer, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog  # noqa: E402

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "datasets"
ROOT = Path(__file__).resolve().parents[2]

DATASETS: dict[str, tuple[str, ...]] = {
    "builtin": (str(ROOT / "resources" / "datasets" / "kerry-2013-2014.json"),),
    "gexf393": (str(SHARED / "photoviz-dynamic" / "photoviz-dynamic.gexf"),),
    "graphml77": (str(SHARED / "lesmiserables" / "miserables.graphml"),),
    "csv41": (str(SHARED / "ph-neumann-help" / "network-example1-en.csv"),),
    "number2": (str(SHARED / "gexf-spec-dynamics" / "dynamics_openintervals.gexf"),),
    "series18": tuple(str(SHARED / "networkx-sampson" / f"samplike{k}.txt") for k in (1, 2, 3)),
}


def wait_until(condition: Any, timeout_ms: int = 60000) -> bool:
    clock = QElapsedTimer()
    clock.start()
    while not condition():
        if clock.elapsed() > timeout_ms:
            return False
        QTest.qWait(10)
    return True


def open_dataset(win: Any, key: str) -> None:
    """Files arrive as a user brings them: a single file dropped on the map, a series through its dialog."""
    from tests.acceptance.helpers import menu_action, type_into_file_dialog, when_shown
    from tests.acceptance.test_files import drop_on

    paths = DATASETS[key]
    if len(paths) > 1:
        handled = when_shown(QFileDialog, type_into_file_dialog(" ".join(f'"{p}"' for p in paths)))
        menu, action = menu_action(win, "File", "Open snapshot series")
        QTest.mouseClick(menu, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         menu.actionGeometry(action).center())
        wait_until(lambda: bool(handled), 10000)
        return
    drop_on(win.map_view.viewport(), [Path(paths[0])])
    from desktop.gui.dialogs.import_dialogs import CsvMappingDialog

    dialog = None

    def mapping_shown() -> bool:
        nonlocal dialog
        dialog = next((w for w in QApplication.topLevelWidgets() if isinstance(w, CsvMappingDialog)
                       and w.isVisible()), None)
        return dialog is not None

    if paths[0].endswith(".csv") and wait_until(mapping_shown, 3000):
        QTest.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def stale_controls(win: Any) -> list[str]:
    """What a control shows that does not belong to the open dataset."""
    state, dataset = win.state, win.state.dataset
    found = []
    if win.filter_bar.search.text():
        found.append(f"search box keeps {win.filter_bar.search.text()!r}")
    groups = {win.filter_bar.group.itemData(i) for i in range(1, win.filter_bar.group.count())}
    if not groups <= {a.group for a in dataset.actors}:
        found.append(f"group filter offers {sorted(groups - {a.group for a in dataset.actors})}")
    if state.selected_actor is not None and state.selected_actor not in dataset.actor_index:
        found.append(f"selection {state.selected_actor!r} of another dataset")
    if not set(state.pins) <= set(dataset.actor_index):
        found.append(f"pins {sorted(set(state.pins) - set(dataset.actor_index))} of another dataset")
    if win.side.chapters.list.count() != len(dataset.chapters):
        found.append("chapters of another dataset listed")
    events = set(dataset.events)
    if any(card.item not in events for card in win.side.events.cards):
        found.append("event cards of another dataset")
    unit = dataset.axis.unit
    rule = win.timeline_bar.rule_text.text()
    if unit != "day" and "days" in rule:
        found.append(f"rule says days for a {unit} axis: {rule!r}")
    if not dataset.is_static and win.timeline_bar.date_label.text() != dataset.axis.format(state.current_time):
        found.append(f"date label {win.timeline_bar.date_label.text()!r} is not this dataset's time")
    nodes = win.map_view.nodes.data
    if len(nodes) and not {str(d) for d in nodes["data"]} <= set(dataset.actor_index):
        found.append("dots of another dataset on the map")
    changes = win.side.changes
    if dataset.axis.is_date and changes.start.isEnabled():
        low = dataset.axis.to_instant(changes.start.date().toString("yyyy-MM-dd"))
        if not dataset.span[0] - 1 <= low <= dataset.span[1] + 1:
            found.append("What changed offers dates of another dataset")
    return found


def main(argv: list[str]) -> int:
    keys = [a for a in argv if not a.startswith("--")]
    playing, unsettled, selected = "--playing" in argv, "--unsettled" in argv, "--selected" in argv
    from desktop.gui.settings import use_settings_folder

    use_settings_folder(Path(tempfile.mkdtemp(prefix="relmap-settings-")))
    os.environ.setdefault("RELMAP_LOG_DIR", tempfile.mkdtemp(prefix="relmap-logs-"))
    app = QApplication.instance() or QApplication([])
    app.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)
    from desktop.gui import crash_handler
    from desktop.gui.main_window import MainWindow
    from desktop.viewer.state import ViewerState
    from tests.acceptance.conftest import actor_point, drag

    caught: list[str] = []
    crash_handler.CrashHandler(show=lambda message, details, path: caught.append(details)).install()
    win = MainWindow(ViewerState(), synchronous=False)
    win.resize(1200, 800)
    win.show()
    win.activateWindow()
    problems: list[str] = []
    for step, key in enumerate(keys):
        before = win.state.dataset
        open_dataset(win, key)
        if unsettled and step < len(keys) - 1:  # the next file arrives while this one is still laid out
            wait_until(lambda before=before: win.state.dataset is not before, 60000)
            print(f"{step} {key}: opened, not waiting for its layout", flush=True)
            continue
        settled = wait_until(lambda before=before: win.state.dataset is not before and win.map_view.has_frame()
                             and not win.map_view.is_animating(), 90000)
        if not settled:
            problems.append(f"{key}: never drawn")
            break
        stale = stale_controls(win)
        problems += [f"after {keys[step - 1] if step else 'start'} → {key}: {s}" for s in stale]
        print(f"{step} {key}: {len(win.state.dataset.actors)} actors, {stale or 'ok'}", flush=True)
        if selected and len(win.map_view.nodes.data):
            first = str(win.map_view.nodes.data["data"][0])
            point = actor_point(win.map_view, first)
            QTest.mouseClick(win.map_view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                             point)
            drag(win.map_view.viewport(), point, point + type(point)(25, 15))
            wait_until(lambda: bool(win.state.pins), 5000)
        if playing and win.timeline_bar.play_button.isEnabled() and not win.state.dataset.is_static:
            before = win.state.current_time
            QTest.mouseClick(win.timeline_bar.play_button, Qt.MouseButton.LeftButton)
            wait_until(lambda before=before: win.state.current_time != before, 5000)  # playing when the next opens
    win.close()
    problems += [f"exception: {c.splitlines()[-1]}" for c in caught]
    for problem in problems:
        print("PROBLEM", problem, flush=True)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
