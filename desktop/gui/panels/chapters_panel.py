"""The story's chapters: a list to jump by, the chosen chapter's text, and "play chapter".

"What changed in this chapter" hands the chapter's span to the comparison panel, so a chapter can
be read as prose and as a ranked list of what it did to the relationships.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from desktop.viewer.state import ViewerState


class ChaptersPanel(QWidget):
    play_span_requested = Signal(float, float)
    compare_requested = Signal(float, float)

    def __init__(self, state: ViewerState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.text = QLabel(wordWrap=True)
        self.text.setMinimumHeight(60)
        self.play_button = QPushButton("▶ Play chapter")
        self.compare_button = QPushButton("What changed in it")
        buttons = QHBoxLayout()
        buttons.addWidget(self.play_button)
        buttons.addWidget(self.compare_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(6, 6, 6, 6)
        column.addWidget(self.list, 1)
        column.addWidget(self.text)
        column.addLayout(buttons)
        self.list.currentRowChanged.connect(self._on_row_changed)
        self.list.itemClicked.connect(lambda item: self.choose(self.list.row(item)))
        self.play_button.clicked.connect(self._on_play)
        self.compare_button.clicked.connect(self._on_compare)
        state.events.dataset.connect(self._on_dataset_changed)
        state.events.current_time.connect(self._on_time_changed)
        self._on_dataset_changed()

    def _on_dataset_changed(self, *_: object) -> None:
        dataset = self.state.dataset
        self.list.clear()
        chapters = dataset.chapters if dataset is not None else ()
        for chapter in chapters:
            assert dataset is not None
            span = f"{dataset.axis.format(chapter.start)} – {dataset.axis.format(chapter.end)}"
            self.list.addItem(QListWidgetItem(f"{chapter.title}\n{span}"))
        has = bool(chapters)
        self.play_button.setEnabled(has)
        self.compare_button.setEnabled(has)
        self.text.setText("" if has else "<i>This dataset has no chapters.</i>")
        self._on_time_changed()

    def chapter_at_time(self) -> int | None:
        dataset = self.state.dataset
        if dataset is None:
            return None
        t = self.state.current_time
        for k, chapter in enumerate(dataset.chapters):
            if chapter.start <= t < chapter.end + 1:
                return k
        return None

    def _on_time_changed(self, *_: object) -> None:
        k = self.chapter_at_time()
        if k is not None and k != self.list.currentRow():
            self.list.blockSignals(True)
            self.list.setCurrentRow(k)
            self.list.blockSignals(False)
            self._show_text(k)

    def _on_row_changed(self, row: int) -> None:
        self._show_text(row)

    def _show_text(self, row: int) -> None:
        dataset = self.state.dataset
        if dataset is None or not 0 <= row < len(dataset.chapters):
            return
        chapter = dataset.chapters[row]
        self.text.setText(f"<b>{html.escape(chapter.title)}</b><br>{html.escape(chapter.summary)}")

    def choose(self, row: int) -> None:
        """Jump to a chapter's start and show its text."""
        dataset = self.state.dataset
        if dataset is None or not 0 <= row < len(dataset.chapters):
            return
        self.state.current_time = dataset.chapters[row].start
        self.list.setCurrentRow(row)
        self._show_text(row)

    def _span(self) -> tuple[float, float] | None:
        dataset = self.state.dataset
        row = self.list.currentRow()
        if dataset is None or not 0 <= row < len(dataset.chapters):
            return None
        chapter = dataset.chapters[row]
        # A chapter's end is its last day: playing or comparing past it would land in the next chapter.
        return chapter.start, min(chapter.end, dataset.span[1])

    def _on_play(self) -> None:
        span = self._span()
        if span is not None:
            self.play_span_requested.emit(*span)

    def _on_compare(self) -> None:
        span = self._span()
        if span is not None:
            self.compare_requested.emit(*span)
