"""The date slider with playback controls, bound both ways to the state with the echo blocked."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QStyle,
    QToolButton,
    QWidget,
)

from desktop.state import ViewerState

SPEEDS = (1.0, 3.0, 7.0, 14.0, 30.0, 60.0, 120.0)
SLIDER_STEPS_FOR_NUMBERS = 1000


class TimelineBar(QWidget):
    """Play/pause, step to the previous/next event, the slider, the current date and the speed."""

    def __init__(self, state: ViewerState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        icons = self.style()
        self._play_icon = icons.standardIcon(QStyle.StandardPixmap.SP_MediaPlay)
        self._pause_icon = icons.standardIcon(QStyle.StandardPixmap.SP_MediaPause)
        self.play_button = QToolButton(toolTip="Play / pause (Space)", icon=self._play_icon)
        self.play_button.setCheckable(True)
        self.previous_button = QToolButton(
            toolTip="Previous event (Page Up)", icon=icons.standardIcon(QStyle.StandardPixmap.SP_MediaSkipBackward)
        )
        self.next_button = QToolButton(
            toolTip="Next event (Page Down)", icon=icons.standardIcon(QStyle.StandardPixmap.SP_MediaSkipForward)
        )
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("date_slider")
        self.date_label = QLabel()
        self.date_label.setMinimumWidth(150)
        self.date_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        font = self.date_label.font()
        font.setBold(True)
        self.date_label.setFont(font)
        self.speed = QComboBox(toolTip="Playback speed")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 6)
        for widget in (self.previous_button, self.play_button, self.next_button):
            layout.addWidget(widget)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.date_label)
        layout.addWidget(self.speed)

        self.slider.valueChanged.connect(self._on_slider_moved)
        self.play_button.toggled.connect(self._on_play_toggled)
        self.previous_button.clicked.connect(lambda: self.step_event(-1))
        self.next_button.clicked.connect(lambda: self.step_event(+1))
        self.speed.currentIndexChanged.connect(self._on_speed_chosen)
        state.events.dataset.connect(self._on_dataset_changed)
        state.events.current_time.connect(self._on_time_changed)
        state.events.playing.connect(self._on_playing_changed)
        self._on_dataset_changed()

    # -- slider ↔ instant ------------------------------------------------------------------------

    def _step(self) -> float:
        dataset = self.state.dataset
        if dataset is None or dataset.axis.is_date:
            return 1.0
        start, end = dataset.span
        return max((end - start) / SLIDER_STEPS_FOR_NUMBERS, 1e-9)

    def _to_slider(self, instant: float) -> int:
        start = self.state.dataset.span[0] if self.state.dataset else 0.0
        return round((instant - start) / self._step())

    def _from_slider(self, value: int) -> float:
        start = self.state.dataset.span[0] if self.state.dataset else 0.0
        return start + value * self._step()

    # -- handlers --------------------------------------------------------------------------------

    def _on_dataset_changed(self, *_: object) -> None:
        dataset = self.state.dataset
        unit = "days" if dataset is None or dataset.axis.is_date else dataset.axis.unit + "s"
        with QSignalBlocker(self.speed):
            self.speed.clear()
            for value in SPEEDS:
                self.speed.addItem(f"{value:g} {unit}/s", value)
            nearest = int(np.argmin([abs(v - self.state.speed) for v in SPEEDS]))
            self.speed.setCurrentIndex(nearest)
        static = dataset is None or dataset.is_static
        for widget in (self.slider, self.play_button, self.previous_button, self.next_button, self.speed):
            widget.setEnabled(not static)
        with QSignalBlocker(self.slider):
            if dataset is not None:
                self.slider.setRange(0, self._to_slider(dataset.span[1]))
                self.slider.setPageStep(max(1, self.slider.maximum() // 20))
        self._on_time_changed()

    def _on_time_changed(self, *_: object) -> None:
        dataset = self.state.dataset
        if dataset is None:
            self.date_label.setText("")
            return
        with QSignalBlocker(self.slider):
            self.slider.setValue(self._to_slider(self.state.current_time))
        self.date_label.setText(dataset.axis.format(self.state.current_time))

    def _on_slider_moved(self, value: int) -> None:
        self.state.current_time = self.state.clamp(self._from_slider(value))

    def _on_play_toggled(self, checked: bool) -> None:
        self.state.playing = checked

    def _on_playing_changed(self, *_: object) -> None:
        with QSignalBlocker(self.play_button):
            self.play_button.setChecked(self.state.playing)
        self.play_button.setIcon(self._pause_icon if self.state.playing else self._play_icon)

    def _on_speed_chosen(self, index: int) -> None:
        value = self.speed.itemData(index)
        if value is not None:
            self.state.speed = float(value)

    def step_event(self, direction: int) -> None:
        """Jump to the previous (-1) or next (+1) event's date."""
        timeline = self.state.timeline
        if timeline is None or not len(timeline.event_times):
            return
        times = np.unique(timeline.event_times)
        now = self.state.current_time
        if direction > 0:
            later = times[times > now + 1e-9]
            target = later[0] if len(later) else times[-1]
        else:
            earlier = times[times < now - 1e-9]
            target = earlier[-1] if len(earlier) else times[0]
        self.state.current_time = float(target)
