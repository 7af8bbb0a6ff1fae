"""``python -m desktop ARGS…`` exactly as a user runs it, with a look at the window it opens.

Run by test_launch.py as ``python _launch_probe.py OUT.json ARGS…``: once the window shows a drawn
map, what it shows (title, date, file) is written to OUT.json and the app quits as the user would."""

from __future__ import annotations

import json
import runpy
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication


def main() -> None:
    out, args = Path(sys.argv[1]), sys.argv[2:]
    app = QApplication([sys.argv[0]])

    def look() -> None:
        windows = [w for w in app.topLevelWidgets() if type(w).__name__ == "MainWindow" and w.isVisible()]
        win = windows[0] if windows else None
        if win is None or win.state.dataset is None or not win.map_view.has_frame():
            QTimer.singleShot(50, look)
            return
        out.write_text(json.dumps({"title": win.windowTitle(), "date": win.timeline_bar.date_label.text(),
                                   "file": win.state.dataset.origin, "actors": len(win.map_view.nodes.data)}))
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
