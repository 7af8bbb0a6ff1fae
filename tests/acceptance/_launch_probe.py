"""``python -m desktop ARGS…`` exactly as a user runs it, with a look at the window it opens.

Run by test_launch.py as ``python _launch_probe.py OUT.json ARGS…``: once the window shows a drawn
map, what it shows (title, date, file) is written to OUT.json and the app quits as the user would. With
PROBE_FILE_OPEN_EVENT=PATH, the app is then handed PATH in a file-open event, as macOS hands over a file
double-clicked in the Finder, and what the window shows next is written too."""

from __future__ import annotations

import json
import os
import runpy
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication


def main() -> None:
    out, args = Path(sys.argv[1]), sys.argv[2:]
    app = QApplication([sys.argv[0]])

    seen: list[dict[str, object]] = []
    handed = os.environ.get("PROBE_FILE_OPEN_EVENT", "")  # a file the system hands over afterwards (macOS)

    def look() -> None:
        windows = [w for w in app.topLevelWidgets() if type(w).__name__ == "MainWindow" and w.isVisible()]
        win = windows[0] if windows else None
        wanted = handed if handed and seen else None
        if (win is None or win.state.dataset is None or not win.map_view.has_frame()
                or (wanted is not None and win.state.dataset.origin != wanted)):
            QTimer.singleShot(50, look)
            return
        seen.append({"title": win.windowTitle(), "date": win.timeline_bar.date_label.text(),
                     "file": win.state.dataset.origin, "actors": len(win.map_view.nodes.data)})
        if handed and len(seen) == 1:
            QApplication.sendEvent(app, QFileOpenEvent(handed))  # as Finder's double-click arrives
            QTimer.singleShot(50, look)
            return
        out.write_text(json.dumps(seen))
        win.close()
        app.quit()

    QTimer.singleShot(0, look)
    sys.argv = ["python -m desktop", *args]
    try:
        runpy.run_module("desktop", run_name="__main__", alter_sys=True)
    except SystemExit as done:
        sys.exit(done.code)


if __name__ == "__main__":
    main()
