"""Everything that draws: the only package that imports PySide6 or pyqtgraph.

PySide6 is imported first so that pyqtgraph binds to it rather than to another Qt binding that
happens to be installed.
"""

from PySide6 import QtCore as _QtCore  # noqa: F401
