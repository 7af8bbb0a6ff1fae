"""The CSV column-mapping dialog, and the memory of each file's mapping.

A spreadsheet's columns can mean anything, so the guess (:func:`desktop.io.csv_mapping.guess_mapping`) is
shown before the first load with a preview of the rows, and the user confirms or corrects it. The choice
is remembered per file, keyed by the absolute path and the header row, so reopening the file (or a newer
export with the same columns) goes straight to the map; File → Re-import with mapping… asks again.
The dialog only builds a :class:`ColumnMapping`; reading stays in ``desktop.io``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import fields, replace
from pathlib import Path

from PySide6.QtCore import QPoint, QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.io.csv_mapping import ColumnMapping, guess_mapping
from desktop.io.problems import DatasetError
from desktop.io.tabular import Table, decode, read_table

PREVIEW_BYTES = 256 * 1024
PREVIEW_ROWS = 8
NONE = "—"
# (role, label) in the order a person reads a tie: who, whom, when, how much, what.
ROLES = (("source", "Source"), ("target", "Target"), ("time", "Date"), ("start", "Start"), ("end", "End"),
         ("weight", "Weight"), ("tone", "Tone"), ("label", "Label"), ("group", "Kind / group"))
# Where each role sits in the form: pairs that belong together share a row.
_CELLS = {"source": (0, 0), "target": (0, 1), "time": (1, 0), "start": (2, 0), "end": (2, 1),
          "weight": (3, 0), "tone": (3, 1), "label": (4, 0), "group": (4, 1)}
# One key per role in the header menu (Source/Start and Target/Tone share first letters).
_MNEMONIC = {"start": "St&art", "tone": "T&one", "group": "&Kind / group"}
_SAVED = tuple(f.name for f in fields(ColumnMapping) if f.name not in ("guessed", "alternatives"))


def settings_store() -> QSettings:
    """The app's one settings store, shared with the window's memory (tests point this at a temporary file)."""
    from desktop.gui.settings import open_settings

    return open_settings()


def preview_table(path: Path) -> Table:
    """The header and first rows, from the start of the file only, so a huge file previews at once."""
    try:
        with path.open("rb") as handle:
            head = handle.read(PREVIEW_BYTES)
            complete = not handle.read(1)
    except OSError as exc:
        raise DatasetError(path, f"cannot read the file ({exc.strerror or exc})") from None
    text = decode(path, head)
    if not complete and "\n" in text:
        text = text[: text.rindex("\n")]  # the last line may be cut in half
    return read_table(path, text, max_rows=200)


def _key(path: Path, header: list[str]) -> str:
    digest = hashlib.sha1("\x1f".join([str(path.resolve()), *header]).encode("utf-8")).hexdigest()
    return f"csv_mappings/{digest}"


def remembered_mapping(path: Path, header: list[str]) -> ColumnMapping | None:
    """The mapping chosen the last time this file (with these columns) was opened."""
    raw = settings_store().value(_key(path, header))
    if not raw:
        return None
    try:
        values = json.loads(str(raw))
        mapping = ColumnMapping(**{name: values.get(name) for name in _SAVED if name != "tone_scale"},
                                tone_scale=float(values.get("tone_scale") or 1.0))
    except (TypeError, ValueError):
        return None
    used = [getattr(mapping, role) for role in _SAVED if role != "tone_scale"]
    return mapping if all(name is None or name in header for name in used) else None


def remember_mapping(path: Path, header: list[str], mapping: ColumnMapping) -> None:
    settings_store().setValue(_key(path, header), json.dumps({name: getattr(mapping, name) for name in _SAVED}))


class CsvMappingDialog(QDialog):
    """Combo boxes over the columns for each role, a preview whose headers show the roles, OK / Cancel."""

    def __init__(self, path: Path, table: Table, mapping: ColumnMapping, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("csv_mapping_dialog")
        self.setWindowTitle(f"Columns of {path.name}")
        self.table = table
        self._base = mapping
        layout = QVBoxLayout(self)
        intro = QLabel("Each row is one contact between two actors. Check which column is which; "
                       "the guess is filled in. Relmap remembers the choice for this file.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        grid = QGridLayout()
        self.combos: dict[str, QComboBox] = {}
        self.scale = QDoubleSpinBox()
        self.scale.setObjectName("tone_scale")
        self.scale.setRange(0.1, 100.0)
        self.scale.setDecimals(1)
        self.scale.setPrefix("÷ ")
        self.scale.setValue(mapping.tone_scale)
        self.scale.setToolTip("Tone runs from -2 to +2: a Goldstein score (-10…+10) is divided by 5")
        for role, label in ROLES:
            combo = QComboBox()
            combo.setObjectName(f"role_{role}")
            combo.addItems([NONE, *table.header])
            current = getattr(mapping, role)
            combo.setCurrentIndex(table.header.index(current) + 1 if current in table.header else 0)
            combo.currentIndexChanged.connect(self._refresh)
            row, column = _CELLS[role]
            grid.addWidget(QLabel(label), row, column * 3)
            if role == "tone":
                cell = QHBoxLayout()
                cell.addWidget(combo, 1)
                cell.addWidget(self.scale)
                grid.addLayout(cell, row, column * 3 + 1)
            else:
                grid.addWidget(combo, row, column * 3 + 1)
            self.combos[role] = combo
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(4, 1)
        grid.setColumnMinimumWidth(2, 16)
        layout.addLayout(grid)
        self.preview = QTableWidget(min(PREVIEW_ROWS, len(table.rows)), len(table.header))
        self.preview.setObjectName("csv_preview")
        self.preview.verticalHeader().setVisible(False)
        self.preview.horizontalHeader().setStretchLastSection(True)
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, (_, row) in enumerate(table.rows[:PREVIEW_ROWS]):
            for c, value in enumerate(row[: len(table.header)]):
                self.preview.setItem(r, c, QTableWidgetItem(value))
        layout.addWidget(self.preview, 1)
        # Correcting the guess should take one click: a column's header offers every role, and the two
        # ends of a tie swap with one button.
        self.preview.horizontalHeader().sectionClicked.connect(self._offer_roles)
        hints = QHBoxLayout()
        others = "; ".join(f"{role}: {', '.join(repr(name) for name in names)}"
                           for role, names in mapping.alternatives)
        self.alternatives = QLabel(("Also possible — " + others + ". " if others else "")
                                   + "Click a column's header to choose what it is.")
        self.alternatives.setObjectName("mapping_alternatives")
        self.alternatives.setWordWrap(True)
        hints.addWidget(self.alternatives, 1)
        self.swap = QPushButton("Swap source and target")
        self.swap.setObjectName("swap_ends")
        self.swap.clicked.connect(self._swap_ends)
        hints.addWidget(self.swap)
        layout.addLayout(hints)
        self.role_menu: QMenu | None = None
        self.message = QLabel()
        self.message.setObjectName("mapping_message")
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Open")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(720, 460)
        self._refresh()

    def chosen(self, role: str) -> str | None:
        index = self.combos[role].currentIndex()
        return self.table.header[index - 1] if index > 0 else None

    def mapping(self) -> ColumnMapping:
        """The mapping as set in the dialog; roles it does not show (an edge id) keep the guess."""
        roles = {role: self.chosen(role) for role, _ in ROLES}
        if roles["start"] or roles["end"]:
            roles["time"] = None  # start/end win over a single date, as in the reader
        return replace(self._base, **roles, tone_scale=self.scale.value(), guessed=())

    def _swap_ends(self) -> None:
        source, target = self.combos["source"].currentIndex(), self.combos["target"].currentIndex()
        self.combos["source"].setCurrentIndex(target)
        self.combos["target"].setCurrentIndex(source)

    def _offer_roles(self, column: int) -> None:
        """A menu over the clicked header: use this column as source, target, date …"""
        menu = QMenu(self)
        menu.setObjectName("column_roles")
        for role, label in ROLES:
            action = menu.addAction(_MNEMONIC.get(role, f"&{label}"))
            action.setCheckable(True)
            action.setChecked(self.combos[role].currentIndex() == column + 1)
            action.triggered.connect(lambda _=False, r=role: self._assign(r, column))
        menu.addSeparator()
        menu.addAction("&Not used", lambda: self._unassign(column))
        self.role_menu = menu
        header = self.preview.horizontalHeader()
        x = header.sectionViewportPosition(column)
        menu.popup(header.mapToGlobal(QPoint(x, header.height())))

    def _assign(self, role: str, column: int) -> None:
        for other, combo in self.combos.items():  # one role per column: the old holder lets go
            if other != role and combo.currentIndex() == column + 1 and {role, other} <= {"source", "target"}:
                combo.setCurrentIndex(self.combos[role].currentIndex())
        self.combos[role].setCurrentIndex(column + 1)

    def _unassign(self, column: int) -> None:
        for combo in self.combos.values():
            if combo.currentIndex() == column + 1:
                combo.setCurrentIndex(0)

    def _refresh(self) -> None:
        names: dict[str, list[str]] = {}
        for role, label in ROLES:
            if (column := self.chosen(role)) is not None:
                names.setdefault(column, []).append(label.lower())
        self.preview.setHorizontalHeaderLabels(
            [f"{name}\n({', '.join(names[name])})" if name in names else name for name in self.table.header])
        self.scale.setEnabled(self.chosen("tone") is not None)
        problem = ""
        if not (self.chosen("source") and self.chosen("target")):
            problem = "Choose the source and target columns."
        elif self.chosen("source") == self.chosen("target"):
            problem = "Source and target must be different columns."
        elif not (self.chosen("time") or self.chosen("start") or self.chosen("end")):
            problem = "No date column: the map will be one static picture."
        self.message.setText(problem)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not problem or problem.startswith("No date"))


def needs_mapping(path: Path) -> bool:
    """True for a plain CSV/TSV table (event-data exports and other formats know their columns)."""
    from desktop.io.gephi_csv import sniff_file
    from desktop.io.registry import sniff

    try:
        return sniff(path).name == "csv" and sniff_file(path) is None  # Gephi's matrix and list have no columns
    except DatasetError:
        return False  # the load itself will say what is wrong


def ask_mapping(path: Path, parent: QWidget, on_chosen: Callable[[ColumnMapping | None], None], *,
                force: bool = False) -> CsvMappingDialog | None:
    """Call ``on_chosen`` with the mapping for ``path``: remembered, or asked for in a (non-modal) dialog.

    ``on_chosen(None)`` means "let the reader decide" (a node table whose edge table sits beside it). The
    dialog is returned when one is shown; Cancel calls nothing and the current map stays.
    """
    try:
        table = preview_table(path)
    except DatasetError:
        on_chosen(None)  # the load will report what is wrong, with the map left as it was
        return None
    if not force and (saved := remembered_mapping(path, table.header)) is not None:
        on_chosen(saved)
        return None
    guess = guess_mapping(table.header, [row for _, row in table.rows])
    if not guess.is_edges and guess.id:
        on_chosen(None)
        return None
    start = (remembered_mapping(path, table.header) if force else None) or guess
    dialog = CsvMappingDialog(path, table, start, parent)

    def accepted() -> None:
        mapping = dialog.mapping()
        remember_mapping(path, table.header, mapping)
        on_chosen(mapping)

    def rejected() -> None:
        if isinstance(parent, QMainWindow):  # say why nothing happened; the map stays as it was
            parent.statusBar().showMessage(f"Did not open {path.name}: its columns were not confirmed", 8000)

    dialog.accepted.connect(accepted)
    dialog.rejected.connect(rejected)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
