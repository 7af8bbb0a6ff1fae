"""File → Choose network…: pick which network of a file holding several (a Pajek project) the map shows.

The reader reads the first network and lists all of them in ``Dataset.extra["networks"]``; choosing
another reopens the same file with ``network=N``, through the ordinary (cancellable) load.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog

if TYPE_CHECKING:
    from desktop.gui.main_window import MainWindow


def network_names(window: MainWindow) -> list[str]:
    """The networks of the open file, when it has more than one."""
    dataset = window.state.dataset
    names = dataset.extra.get("networks") if dataset is not None else None
    return [str(name) for name in names] if isinstance(names, list) and len(names) > 1 else []


def choose_network(window: MainWindow) -> QInputDialog | None:
    """Open the chooser (non-modal to the event loop: a test or a user answers it like any dialog)."""
    names = network_names(window)
    dataset = window.state.dataset
    if not names or dataset is None or not dataset.origin:
        return None
    items = [f"{k}. {name}" for k, name in enumerate(names, start=1)]
    current = int(dataset.extra.get("network", 1))
    dialog = QInputDialog(window)
    dialog.setObjectName("network_chooser")
    dialog.setWindowTitle("Choose network")
    dialog.setLabelText(f"{Path(dataset.origin).name} holds {len(names)} networks. Show:")
    dialog.setComboBoxItems(items)
    dialog.setComboBoxEditable(False)
    dialog.setTextValue(items[min(max(current, 1), len(items)) - 1])
    origin = Path(dataset.origin)
    dialog.textValueSelected.connect(lambda text: window.open_path(origin, network=items.index(text) + 1))
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
