"""Pins are part of a dataset's view: saved per file, put back when the file is opened again.

A user who dragged Kerry to the middle for a slide expects him there tomorrow. Pins are stored in the
app's settings under a key derived from the file's absolute path, as JSON of plain numbers, and checked
on the way back in (unknown actors and non-finite numbers are dropped), since settings files can be
edited or stale.
"""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path

from PySide6.QtCore import QObject, QSettings

from desktop.core.model import Dataset
from desktop.viewer.state import ViewerState


def view_key(dataset: Dataset) -> str | None:
    """The settings group of a dataset's view, or None for a dataset that did not come from a file."""
    if not dataset.origin:
        return None
    path = Path(dataset.origin)
    try:
        text = str(path.resolve())
    except OSError:
        text = str(path.absolute())
    return "views/" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def parse_pins(text: object, dataset: Dataset) -> dict[str, tuple[float, float]]:
    """Pins read back from settings, keeping only known actors at finite positions."""
    try:
        raw = json.loads(str(text))
    except (TypeError, ValueError):
        return {}
    if not isinstance(raw, dict):
        return {}
    pins: dict[str, tuple[float, float]] = {}
    for actor, xy in raw.items():
        if actor not in dataset.actor_index or not isinstance(xy, list) or len(xy) != 2:
            continue
        if all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in xy):
            pins[actor] = (float(xy[0]), float(xy[1]))
    return pins


class PinMemory(QObject):
    """Saves ``state.pins`` whenever they change and restores them when their dataset is opened."""

    def __init__(self, state: ViewerState, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.settings = settings
        self._restoring = False
        state.events.dataset.connect(self._on_dataset_changed)
        state.events.pins.connect(self._on_pins_changed)

    def _on_dataset_changed(self, *_: object) -> None:
        dataset = self.state.dataset
        key = view_key(dataset) if dataset is not None else None
        if dataset is None or key is None:
            return
        pins = parse_pins(self.settings.value(f"{key}/pins", ""), dataset)
        if pins:
            self._restoring = True
            try:
                self.state.pins = pins
            finally:
                self._restoring = False

    def _on_pins_changed(self, *_: object) -> None:
        dataset = self.state.dataset
        key = view_key(dataset) if dataset is not None else None
        if self._restoring or key is None:
            return
        if self.state.pins:
            plain = {actor: [x, y] for actor, (x, y) in self.state.pins.items()}
            self.settings.setValue(f"{key}/pins", json.dumps(plain))
        else:
            self.settings.remove(f"{key}/pins")
