"""Find and filter: search actors by name or alias (type-ahead), filter ties, choose node size.

Every control writes the state (``selected_actor``, ``tie_filter``, ``size_by``) and re-reads it
when it changes, echo blocked, so the bar and the map can never disagree.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, QStringListModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)

from desktop.core.filters import TieFilter
from desktop.core.model import Dataset
from desktop.viewer.state import ViewerState

SIGNS = (("all", "All ties"), ("hostile", "Only hostile"), ("warm", "Only warm"))
SIZES = (("importance", "Size: recent contact"), ("centrality", "Size: betweenness"))


def search_names(dataset: Dataset) -> dict[str, str]:
    """Every name and alias (as shown in the completer) → actor id."""
    names: dict[str, str] = {}
    for actor in dataset.actors:
        names.setdefault(actor.name, actor.id)
        for alias in actor.aliases:
            if alias and alias != actor.name:
                names.setdefault(f"{alias} ({actor.name})", actor.id)
    return names


class FilterBar(QWidget):
    def __init__(self, state: ViewerState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.search = QLineEdit(placeholderText="Find an actor (name or alias)…", clearButtonEnabled=True)
        self.search.setMinimumWidth(230)
        self.search.setMaximumWidth(300)
        self._names: dict[str, str] = {}
        self._model = QStringListModel(self)
        self.completer = QCompleter(self._model, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.search.setCompleter(self.completer)
        self.completer.activated.connect(self.find)
        self.search.returnPressed.connect(lambda: self.find(self.search.text()))
        self.group = QComboBox(toolTip="Show only ties that touch this group")
        self.group.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.sign = QComboBox(toolTip="Show only hostile or only warm ties")
        for value, label in SIGNS:
            self.sign.addItem(label, value)
        self.min_intensity = QDoubleSpinBox(minimum=0.0, maximum=50.0, singleStep=0.1, decimals=1,
                                            prefix="intensity ≥ ", toolTip="Hide ties with less recent contact")
        self.size_by = QComboBox(toolTip="What the size of an actor's dot shows")
        for value, label in SIZES:
            self.size_by.addItem(label, value)
        self.fit = QToolButton(text="Fit", autoRaise=True, checkable=True, checked=True, toolTip=(
            "Zoom to fit (Ctrl+0). While pressed, the map follows the actors on it as the story plays; "
            "panning or zooming by hand releases it"))
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.search)
        row.addSpacing(10)
        row.addWidget(QLabel("Show:"))
        for widget in (self.group, self.sign, self.min_intensity):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.size_by)
        row.addWidget(self.fit)
        self.group.currentIndexChanged.connect(self._on_edited)
        self.sign.currentIndexChanged.connect(self._on_edited)
        self.min_intensity.valueChanged.connect(self._on_edited)
        self.size_by.currentIndexChanged.connect(
            lambda _: setattr(state, "size_by", self.size_by.currentData()))
        state.events.dataset.connect(self._on_dataset_changed)
        state.events.tie_filter.connect(self._on_filter_changed)
        state.events.size_by.connect(self._on_size_changed)
        self._on_dataset_changed()

    def find(self, text: str) -> bool:
        """Select the actor named ``text`` (a completer entry, a name, an alias or an id)."""
        dataset = self.state.dataset
        if dataset is None:
            return False
        wanted = text.strip().casefold()
        actor_id = self._names.get(text)
        if actor_id is None:
            for name, candidate in self._names.items():
                if name.casefold() == wanted or name.casefold().startswith(wanted + " ("):
                    actor_id = candidate
                    break
        if actor_id is None and text in dataset.actor_index:
            actor_id = text
        if actor_id is None:
            self.state.status = f"No actor called {text!r}"
            return False
        self.state.selected_tie = None
        self.state.selected_actor = actor_id
        return True

    def _on_dataset_changed(self, *_: object) -> None:
        dataset = self.state.dataset
        self.search.clear()  # a name typed for the old file means nothing in the new one
        self._names = search_names(dataset) if dataset is not None else {}
        self._model.setStringList(sorted(self._names, key=str.casefold))
        with QSignalBlocker(self.group):
            self.group.clear()
            self.group.addItem("All groups", "")
            if dataset is not None:
                used = {a.group for a in dataset.actors if a.group}
                for group in dataset.groups:
                    if group.id in used:
                        self.group.addItem(group.label, group.id)
                for extra in sorted(used - {g.id for g in dataset.groups}):
                    self.group.addItem(extra, extra)
        # As wide as its longest group name ("United States", not "United Sta…") where the bar has room: the
        # box's size hint follows its contents, and the bar is laid out again (Qt does not, signals blocked).
        self.group.updateGeometry()
        self.layout().invalidate()
        self.layout().activate()
        self._on_filter_changed()
        self._on_size_changed()

    def _on_edited(self, *_: object) -> None:
        group = self.group.currentData()
        self.state.tie_filter = TieFilter(
            groups=frozenset([group]) if group else frozenset(),
            sign=self.sign.currentData(),
            min_intensity=float(self.min_intensity.value()),
        )

    def _on_filter_changed(self, *_: object) -> None:
        rule = self.state.tie_filter
        with QSignalBlocker(self.group), QSignalBlocker(self.sign), QSignalBlocker(self.min_intensity):
            group = next(iter(rule.groups)) if len(rule.groups) == 1 else ""
            self.group.setCurrentIndex(max(self.group.findData(group), 0))
            self.sign.setCurrentIndex(max(self.sign.findData(rule.sign), 0))
            self.min_intensity.setValue(rule.min_intensity)

    def _on_size_changed(self, *_: object) -> None:
        with QSignalBlocker(self.size_by):
            self.size_by.setCurrentIndex(max(self.size_by.findData(self.state.size_by), 0))
