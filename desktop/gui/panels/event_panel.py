"""The events around the current date, as cards that scroll with the slider.

Only a window of cards around the current event is shown (a dozen widgets, built once and given other
events as the date moves), so an event feed of thousands costs what a hand-made story does.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from desktop.core.model import Dataset, Event
from desktop.gui.map_first import when_map_drawn
from desktop.viewer.frame import static_summary
from desktop.viewer.state import ViewerState

BEFORE, AFTER = 6, 6
PRECISION_NOTE = {"month": "date known to the month", "year": "date known to the year"}


def sources_html(dataset: Dataset, event: Event) -> str:
    """Each source once, as its publisher and the sections cited ("The New Republic § III, VI").

    The article's full title is in the About dialog and the data card; repeating it on every card
    would bury the summary it cites.
    """
    sections: dict[str, list[str]] = {}
    for ref in event.sources:
        sections.setdefault(ref.source, [])
        if ref.section and ref.section not in sections[ref.source]:
            sections[ref.source].append(ref.section)
    parts = []
    for source_id, cited in sections.items():
        source = dataset.source_by_id.get(source_id)
        name = html.escape(source.publisher or source.title if source else source_id)
        parts.append(f"{name} § {html.escape(', '.join(cited))}" if cited else name)
    return "; ".join(parts)


def actor_links(dataset: Dataset, actor_ids: tuple[str, ...] | list[str]) -> str:
    links = []
    for actor_id in actor_ids:
        name = dataset.actor(actor_id).name if actor_id in dataset.actor_index else actor_id
        links.append(f'<a href="actor:{html.escape(actor_id)}" style="color:#1f4e8c; text-decoration:none">'
                     f"{html.escape(name)}</a>")
    return ", ".join(links)


def event_card_html(dataset: Dataset, event: Event) -> str:
    """The text of one card; shared with the tie and actor panels' event lists."""
    date = html.escape(dataset.axis.format(event.time, event.date_precision))
    if event.end_time is not None and event.end_time != event.time:
        date += " – " + html.escape(dataset.axis.format(event.end_time, event.date_precision))
    note = PRECISION_NOTE.get(event.date_precision, "")
    kind = dataset.kind_by_id.get(event.kind)
    meta = " · ".join(html.escape(x) for x in (kind.label if kind else event.kind, event.place) if x)
    lines = [f"<b>{date}</b>" + (f' <span style="color:#666">({note})</span>' if note else "")
             + (f'<span style="color:#666"> · {meta}</span>' if meta else ""),
             f'<div style="font-size:10.5pt; font-weight:600; margin-top:2px">'
             f"{html.escape(event.title or event.id)}</div>"]
    if event.participants:
        lines.append(f'<div style="margin-top:2px">{actor_links(dataset, event.participants)}</div>')
    if event.summary:
        lines.append(f'<div style="margin-top:3px">{html.escape(event.summary)}</div>')
    if event.sources:
        lines.append(f'<div style="color:#666; font-size:8.5pt; margin-top:3px"><i>{sources_html(dataset, event)}'
                     "</i></div>")
    return "".join(lines)


CARD_STYLE = """
#event_card { background: white; border: 1px solid #d8d8dc; border-radius: 6px; }
#event_card[current="true"] { background: #fff8e6; border: 2px solid #e0a030; }
#event_card QLabel { color: #1e1e22; background: transparent; }
"""  # cards are light paper in both appearances, so their text is set dark explicitly


class EventCard(QFrame):
    """One card, reused: the panel hands it another event as the current date moves."""

    clicked = Signal(int)
    actor_clicked = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.number = -1
        self.item: Event | None = None
        self._key: tuple[object, int] | None = None
        self.setObjectName("event_card")
        self.setProperty("current", False)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.label.linkActivated.connect(self._on_link)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(9, 7, 9, 7)
        layout.addWidget(self.label)

    def show_event(self, dataset: Dataset, number: int, current: bool) -> None:
        """Show event ``number``; the text is set only when the event changes (rich text costs a parse)."""
        key = (dataset, number)
        if key != self._key:
            self._key = key
            self.number = number
            self.item = dataset.events[number]
            self.label.setText(event_card_html(dataset, self.item))
            self.setToolTip(html.escape(self.item.date_note) if self.item.date_note else "")
        if bool(self.property("current")) != current:
            self.setProperty("current", current)
            self.style().unpolish(self)
            self.style().polish(self)

    def _on_link(self, href: str) -> None:
        if href.startswith("actor:"):
            self.actor_clicked.emit(href.removeprefix("actor:"))

    def mouseReleaseEvent(self, ev: QMouseEvent) -> None:
        super().mouseReleaseEvent(ev)
        if ev.button() == Qt.MouseButton.LeftButton and self.rect().contains(ev.position().toPoint()):
            self.clicked.emit(self.number)


class EventPanel(QScrollArea):
    """Cards for the events around ``state.current_time``; the current one highlighted.

    The cards are built once and updated in place as the date moves (a card keeps its event while that
    event stays in view), so a click on a card never meets a widget deleted under it, and playback pays
    for a card's text only when a new event scrolls in.
    """

    def __init__(self, state: ViewerState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._shown: tuple[object, int | None] | None = None
        body = QWidget()
        body.setObjectName("event_cards")
        body.setStyleSheet(CARD_STYLE)
        self._column = QVBoxLayout(body)
        self._column.setContentsMargins(6, 6, 6, 6)
        self._column.setSpacing(6)
        self.note = QLabel(wordWrap=True)
        self._column.addWidget(self.note)
        self._pool: list[EventCard] = []
        self._column.addStretch(1)
        self.setWidget(body)
        self.cards: list[EventCard] = []
        state.events.dataset.connect(self._on_dataset_changed)
        state.events.current_time.connect(self._refresh)
        self._refresh()

    def _on_dataset_changed(self, *_: object) -> None:
        # The cards of a new dataset are made after its first map is painted; the old ones go at once.
        for card in self.cards:
            card.setVisible(False)
        self.cards = []
        self._shown = None
        when_map_drawn(self, self._refresh)

    def current_event(self) -> int | None:
        timeline = self.state.timeline
        return timeline.last_event_at_or_before(self.state.current_time) if timeline else None

    def _refresh(self, *_: object) -> None:
        dataset = self.state.dataset
        current = self.current_event()
        key = (dataset, current)
        if key == self._shown:
            return
        self._shown = key
        numbers: list[int] = []
        static = False
        if dataset is None:
            self.note.setText("No events.")
        elif not dataset.events:
            self.note.setText(static_summary(dataset) + ".")
            static = True
        elif dataset.is_static:
            # One card per edge, all "step 0", would be noise: a static network has no dated events.
            self.note.setText(f"{static_summary(dataset)}.\n\nClick an actor or a tie on the map to see its ties "
                              "and the file's attributes.")
            static = True
        else:
            middle = current if current is not None else -1
            numbers = list(range(max(middle - BEFORE, 0), min(middle + AFTER, len(dataset.events) - 1) + 1))
            self.note.setText("<i>Before the first event.</i>" if current is None else "")
        self.note.setObjectName("static_note" if static else "event_note")
        self.note.setVisible(bool(self.note.text()))
        while len(self._pool) < len(numbers):  # cards are made the first time this many are shown, then reused
            card = EventCard()
            card.clicked.connect(self._on_card_clicked)
            card.actor_clicked.connect(self._on_actor_clicked)
            self._column.insertWidget(self._column.count() - 1, card)  # before the stretch
            self._pool.append(card)
        # Cards whose event is still in view keep it; the others take the events that came into view.
        wanted = set(numbers)
        keep = {card.number: card for card in self.cards
                if card._key is not None and card._key[0] is dataset and card.number in wanted}
        kept = set(keep.values())
        free = [card for card in self._pool if card not in kept]
        ordered = [keep[number] if number in keep else free.pop() for number in numbers]
        for number, card in zip(numbers, ordered, strict=True):
            assert dataset is not None
            card.show_event(dataset, number, number == current)
        for index, card in enumerate(ordered, start=1):  # after the note
            if self._column.indexOf(card) != index:
                self._column.removeWidget(card)
                self._column.insertWidget(index, card)
        for card in self._pool:
            card.setVisible(card in ordered)
        self.cards = ordered
        QTimer.singleShot(0, self._scroll_to_current)

    def current_card(self) -> EventCard | None:
        current = self.current_event()
        return next((card for card in self.cards if card.number == current), None)

    def _scroll_to_current(self) -> None:
        card = self.current_card()
        if card is not None:
            self.ensureWidgetVisible(card, 0, 60)

    def _on_card_clicked(self, number: int) -> None:
        dataset = self.state.dataset
        if dataset is not None and 0 <= number < len(dataset.events):
            self.state.current_time = dataset.events[number].time

    def _on_actor_clicked(self, actor_id: str) -> None:
        self.state.selected_actor = actor_id
