"""The timeline bar: the chart, the date slider with event ticks, playback and the tie rule.

Bound both ways to the state with the echo blocked: moving the slider writes ``current_time``;
a new ``current_time`` moves the slider without writing it back.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QSignalBlocker, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.timeline import AggregationRule
from desktop.gui.timeline.chart import TimelineChart
from desktop.gui.timeline.tick_slider import TickSlider
from desktop.viewer.state import ViewerState

SPEEDS = (1.0, 3.0, 7.0, 14.0, 30.0, 60.0, 120.0)
SLIDER_STEPS_FOR_NUMBERS = 1000
RULE_MODES = (("decay", "Fading"), ("window", "Window"), ("cumulative", "Cumulative"))

DRAG_FRAME_MS = 16  # a dragged slider updates the map at most this often


class TimelineBar(QWidget):
    """Chart, transport buttons, slider, date, speed, loop and the rule that turns events into ties."""

    def __init__(self, state: ViewerState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self._icons: dict[QToolButton, QStyle.StandardPixmap] = {}

        def button(tip: str, pixmap: QStyle.StandardPixmap) -> QToolButton:
            widget = QToolButton(toolTip=tip, autoRaise=True)
            self._icons[widget] = pixmap
            return widget

        self._play_icon = self._pause_icon = QIcon()
        self.start_button = button("Jump to the start (Home)", QStyle.StandardPixmap.SP_MediaSkipBackward)
        self.previous_button = button("Previous event (Page Up)", QStyle.StandardPixmap.SP_MediaSeekBackward)
        self.play_button = button("Play / pause (Space)", QStyle.StandardPixmap.SP_MediaPlay)
        self.play_button.setCheckable(True)
        self.next_button = button("Next event (Page Down)", QStyle.StandardPixmap.SP_MediaSeekForward)
        self.end_button = button("Jump to the end (End)", QStyle.StandardPixmap.SP_MediaSkipForward)
        self.loop_button = QToolButton(text="⟲", toolTip="Loop playback (L)", checkable=True, autoRaise=True)
        self.chart = TimelineChart(state)
        self.slider = TickSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("date_slider")
        self.date_label = QLabel()
        self.date_label.setMinimumWidth(140)
        self.date_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        font = self.date_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.date_label.setFont(font)
        self.speed = QComboBox(toolTip="Playback speed (] faster, [ slower)")
        self.rule_mode = QComboBox(toolTip="How past interactions add up to a tie")
        for mode, label in RULE_MODES:
            self.rule_mode.addItem(label, mode)
        self.rule_days = QSpinBox(minimum=1, maximum=3650, suffix=" d", toolTip="Half-life or window length")
        self.rule_text = QLabel(wordWrap=True)
        self.rule_text.setStyleSheet("font-size: 8pt;")  # the window's own text colour: readable light or dark

        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        controls.setSpacing(2)
        for widget in (self.start_button, self.previous_button, self.play_button, self.next_button,
                       self.end_button):
            controls.addWidget(widget)
        controls.addWidget(self.slider, 1)
        controls.addWidget(self.date_label)
        settings = QHBoxLayout()
        settings.setContentsMargins(4, 0, 0, 0)
        settings.addWidget(self.speed)
        settings.addWidget(self.loop_button)
        settings.addSpacing(12)
        settings.addWidget(QLabel("Ties:"))
        settings.addWidget(self.rule_mode)
        settings.addWidget(self.rule_days)
        settings.addWidget(self.rule_text, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 2, 8, 4)
        column.setSpacing(2)
        column.addWidget(self.chart)
        column.addLayout(controls)
        column.addLayout(settings)

        # A drag moves the slider hundreds of times a second; the map follows the latest value at most
        # once a frame. Keys, clicks and code move it one step at a time and apply at once.
        self._pending: int | None = None
        self._drag_timer = QTimer(self)
        self._drag_timer.setSingleShot(True)
        self._drag_timer.setInterval(DRAG_FRAME_MS)
        self._drag_timer.timeout.connect(self._apply_pending)
        self.slider.valueChanged.connect(self._on_slider_moved)
        self.slider.sliderReleased.connect(self._apply_pending)
        self.chart.jump_requested.connect(self.jump_to)
        self.play_button.toggled.connect(self._on_play_toggled)
        self.start_button.clicked.connect(lambda: self.jump_to_end(-1))
        self.end_button.clicked.connect(lambda: self.jump_to_end(+1))
        self.previous_button.clicked.connect(lambda: self.step_event(-1))
        self.next_button.clicked.connect(lambda: self.step_event(+1))
        self.loop_button.toggled.connect(lambda on: setattr(state, "loop", on))
        self.speed.currentIndexChanged.connect(self._on_speed_chosen)
        self.rule_mode.currentIndexChanged.connect(self._on_rule_edited)
        self.rule_days.valueChanged.connect(self._on_rule_edited)
        state.events.dataset.connect(self._on_dataset_changed)
        state.events.current_time.connect(self._on_time_changed)
        state.events.playing.connect(self._on_playing_changed)
        state.events.loop.connect(self._on_loop_changed)
        state.events.speed.connect(self._on_speed_changed)
        state.events.rule.connect(self._on_rule_changed)
        self._on_dataset_changed()
        self._on_rule_changed()
        self._tint_icons()
        self._on_loop_changed()

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

    def _tint_icons(self) -> None:
        """The transport icons in the window's text colour (the style's own glyphs are dark on dark)."""
        colour = self.palette().color(QPalette.ColorRole.ButtonText)
        for widget, kind in self._icons.items():
            widget.setIcon(tinted_icon(self.style(), kind, colour))
        self._play_icon = tinted_icon(self.style(), QStyle.StandardPixmap.SP_MediaPlay, colour)
        self._pause_icon = tinted_icon(self.style(), QStyle.StandardPixmap.SP_MediaPause, colour)
        self.play_button.setIcon(self._pause_icon if self.state.playing else self._play_icon)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._icons:
            self._tint_icons()

    # -- handlers --------------------------------------------------------------------------------

    def _on_dataset_changed(self, *_: object) -> None:
        dataset = self.state.dataset
        unit = "days" if dataset is None or dataset.axis.is_date else dataset.axis.unit + "s"
        with QSignalBlocker(self.speed):
            self.speed.clear()
            for value in SPEEDS:
                self.speed.addItem(f"{value:g} {unit}/s", value)
        self._on_speed_changed()
        static = dataset is None or dataset.is_static
        for widget in (self.slider, self.play_button, self.previous_button, self.next_button, self.speed,
                       self.start_button, self.end_button, self.loop_button, self.chart):
            widget.setEnabled(not static)
        with QSignalBlocker(self.slider):
            if dataset is not None:
                self.slider.setRange(0, self._to_slider(dataset.span[1]))
                self.slider.setPageStep(max(1, self.slider.maximum() // 20))
                timeline = self.state.timeline
                ticks = timeline.event_times if timeline is not None else np.zeros(0)
                self.slider.set_ticks((ticks - dataset.span[0]) / self._step())
        self._on_rule_changed()  # the rule's words and units in the new file's terms
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
        if self.slider.isSliderDown():
            self._pending = value
            if not self._drag_timer.isActive():
                self._drag_timer.start()
            return
        self._drag_timer.stop()
        self._pending = None
        self.state.current_time = self.state.clamp(self._from_slider(value))

    def _apply_pending(self) -> None:
        """Write the latest dragged value to the state (the drag timer's, or the release's, turn)."""
        self._drag_timer.stop()
        value, self._pending = self._pending, None
        if value is not None:
            self.state.current_time = self.state.clamp(self._from_slider(value))

    def _on_play_toggled(self, checked: bool) -> None:
        self.state.playing = checked

    def _on_playing_changed(self, *_: object) -> None:
        with QSignalBlocker(self.play_button):
            self.play_button.setChecked(self.state.playing)
        self.play_button.setIcon(self._pause_icon if self.state.playing else self._play_icon)

    def _on_loop_changed(self, *_: object) -> None:
        with QSignalBlocker(self.loop_button):
            self.loop_button.setChecked(self.state.loop)

    def _on_speed_chosen(self, index: int) -> None:
        value = self.speed.itemData(index)
        if value is not None:
            self.state.speed = float(value)

    def _on_speed_changed(self, *_: object) -> None:
        nearest = int(np.argmin([abs(v - self.state.speed) for v in SPEEDS]))
        with QSignalBlocker(self.speed):
            self.speed.setCurrentIndex(nearest)

    def change_speed(self, direction: int) -> None:
        """One notch faster (+1) or slower (-1) on the speed list."""
        index = int(np.clip(self.speed.currentIndex() + direction, 0, len(SPEEDS) - 1))
        self.state.speed = SPEEDS[index]

    # -- the rule --------------------------------------------------------------------------------

    def _on_rule_changed(self, *_: object) -> None:
        rule = self.state.rule
        dataset = self.state.dataset
        unit = dataset.axis.unit if dataset is not None else "day"
        # The box speaks the legend's unit: "30 d" on a calendar, "30 steps" on a number axis.
        self.rule_days.setSuffix(" d" if dataset is None or dataset.axis.is_date else f" {unit}s")
        with QSignalBlocker(self.rule_mode), QSignalBlocker(self.rule_days):
            self.rule_mode.setCurrentIndex([m for m, _ in RULE_MODES].index(rule.mode))
            self.rule_days.setEnabled(rule.mode != "cumulative")
            self.rule_days.setValue(round(rule.half_life if rule.mode == "decay" else rule.window))
            self.rule_days.setToolTip("Half-life: a contact counts half as much this much later"
                                      if rule.mode == "decay" else "Only contacts this recent count")
        self.rule_text.setText(rule.describe(unit))

    def _on_rule_edited(self, *_: object) -> None:
        mode = self.rule_mode.currentData()
        old = self.state.rule
        days = float(self.rule_days.value())
        if mode == "decay":
            rule = AggregationRule("decay", half_life=days if old.mode == "decay" else old.half_life,
                                   window=old.window, threshold=old.threshold)
        elif mode == "window":
            rule = AggregationRule("window", half_life=old.half_life,
                                   window=days if old.mode == "window" else old.window, threshold=old.threshold)
        else:
            rule = AggregationRule("cumulative", half_life=old.half_life, window=old.window,
                                   threshold=old.threshold)
        if rule != old:
            self.state.rule = rule

    # -- jumps -----------------------------------------------------------------------------------

    def jump_to(self, instant: float) -> None:
        self.state.current_time = self.state.clamp(float(instant))

    def jump_to_end(self, direction: int) -> None:
        """The first (-1) or last (+1) instant of the dataset."""
        if self.state.dataset is not None:
            start, end = self.state.dataset.span
            self.state.current_time = start if direction < 0 else end

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


def tinted_icon(style: QStyle, kind: QStyle.StandardPixmap, colour: QColor, size: int = 24) -> QIcon:
    """A standard glyph recoloured (its shape kept through its alpha)."""
    glyph = style.standardIcon(kind).pixmap(QSize(size, size))
    out = QPixmap(glyph.size())
    out.setDevicePixelRatio(glyph.devicePixelRatio())
    out.fill(Qt.GlobalColor.transparent)
    painter = QPainter(out)
    painter.drawPixmap(0, 0, glyph)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    painter.fillRect(out.rect(), colour)
    painter.end()
    return QIcon(out)
