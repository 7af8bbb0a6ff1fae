"""The side panel that answers "why?": the selected actor or tie and the cited events behind it."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QTextBrowser, QWidget

from desktop.core.model import Dataset, Event
from desktop.core.palette import tension_label
from desktop.state import ViewerState


def _sources(dataset: Dataset, event: Event) -> str:
    parts = []
    for ref in event.sources:
        source = dataset.source_by_id.get(ref.source)
        name = source.publisher or source.title if source else ref.source
        parts.append(f"{name} §{ref.section}" if ref.section else name)
    return "; ".join(parts)


class DetailsPanel(QTextBrowser):
    """Reads the state's selection and shows its history, each line dated and cited."""

    def __init__(self, state: ViewerState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setOpenExternalLinks(False)
        self.setOpenLinks(False)
        self.setMinimumWidth(280)
        for signal in (state.events.selected_actor, state.events.dataset, state.events.current_time):
            signal.connect(self._refresh)
        self._shown_key: tuple[object, ...] | None = None
        self._refresh()

    def _refresh(self, *_: object) -> None:
        dataset, actor_id = self.state.dataset, self.state.selected_actor
        timeline = self.state.timeline
        # Redraw only when what the panel says would change (not on every playback frame).
        latest = timeline.last_event_at_or_before(self.state.current_time) if timeline else None
        key = (id(dataset), actor_id, latest)
        if key == self._shown_key:
            return
        self._shown_key = key
        if dataset is None or timeline is None:
            self.setHtml("")
            return
        if actor_id is None or actor_id not in dataset.actor_index:
            self.setHtml(self._dataset_html(dataset))
            return
        self.setHtml(self._actor_html(dataset, actor_id))

    def _dataset_html(self, dataset: Dataset) -> str:
        start, end = dataset.span
        text = [f"<h3>{html.escape(dataset.title)}</h3>"]
        if dataset.description:
            text.append(f"<p>{html.escape(dataset.description)}</p>")
        text.append(
            f"<p>{len(dataset.actors)} actors, {len(dataset.events)} events, "
            f"{dataset.interaction_count} interactions, {html.escape(dataset.axis.format(start))} – "
            f"{html.escape(dataset.axis.format(end))}.</p><p><i>Click an actor to see the events behind "
            "their ties.</i></p>"
        )
        return "".join(text)

    def _actor_html(self, dataset: Dataset, actor_id: str) -> str:
        actor = dataset.actor(actor_id)
        group = dataset.group_by_id.get(actor.group)
        now = self.state.current_time
        snapshot = self.state.snapshot()
        lines = [f"<h3>{html.escape(actor.name)}</h3>"]
        facts = [x for x in (actor.role, group.label if group else actor.group) if x]
        if facts:
            lines.append(f"<p>{html.escape(' · '.join(facts))}</p>")
        if snapshot is not None:
            ties = sorted(
                (t for t in snapshot.ties() if actor_id in (t.a, t.b)), key=lambda t: -t.intensity
            )
            if ties:
                lines.append(f"<p><b>Ties on {html.escape(dataset.axis.format(now))}</b></p><ul>")
                for tie in ties:
                    other = dataset.actor(tie.b if tie.a == actor_id else tie.a).name
                    lines.append(
                        f"<li>{html.escape(other)}: {tension_label(tie.tension)} "
                        f"({tie.tension:+.1f}), intensity {tie.intensity:.2f}</li>"
                    )
                lines.append("</ul>")
        history = [
            event for event in dataset.events
            if event.time <= now and (actor_id in event.participants
                                      or any(actor_id in (i.a, i.b) for i in event.interactions))
        ]
        lines.append(f"<p><b>History to date</b> ({len(history)} events)</p>")
        for event in reversed(history[-40:]):
            date = dataset.axis.format(event.time, event.date_precision)
            lines.append(
                f"<p><b>{html.escape(date)}</b> — {html.escape(event.title or event.id)}<br>"
                f"{html.escape(event.summary)}<br><small><i>{html.escape(_sources(dataset, event))}</i>"
                "</small></p>"
            )
        return "".join(lines)
