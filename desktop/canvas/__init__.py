"""The map as Qt draws it, shared by the window and the exporters: view, edges, nodes, labels, overlays.

PySide6 is imported first so that pyqtgraph binds to it rather than to another Qt binding that
happens to be installed.
"""

from PySide6 import QtCore as _QtCore  # noqa: F401
