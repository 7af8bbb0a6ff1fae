"""What the map shows at one date, decided in one place for the window and for every export.

The window's :class:`~desktop.gui.map_controller.MapController` and the export stage both call
:func:`map_frame` with a :class:`FrameInputs` (what the user singled out and how dots are sized), so
a picture carries the same ties, caption, emphasis (selection, comparison, current event) and node
sizes as the screen. A frame is built once per date on the GUI thread; the layout worker only adds
positions, and the canvas draws the two together in one paint.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from weakref import WeakKeyDictionary

import numpy as np

from desktop.core.changes import Changes
from desktop.core.filters import TieFilter
from desktop.core.metrics import CentralitySeries
from desktop.core.model import Dataset
from desktop.core.timeline import AggregationRule, Snapshot, Timeline
from desktop.viewer.focus import Emphasis, emphasis_for


@dataclass(frozen=True)
class CaptionText:
    """What the caption says: the dataset, the date and the event at that date."""

    title: str = ""
    date: str = ""
    event: str = ""


@dataclass(frozen=True, eq=False)
class FrameInputs:
    """Everything besides the date that decides what the map shows, as one object.

    The window fills it from the state and its metrics; an export carries the window's (or the
    defaults, from the command line). ``changes`` is the ranking of a comparison, ``centrality`` the
    betweenness series when dots are sized by it; either is None while not computed.
    """

    tie_filter: TieFilter | None = None
    selected_actor: str | None = None
    selected_tie: tuple[str, str] | None = None
    changes: Changes | None = None
    size_by: str = "importance"
    centrality: CentralitySeries | None = None


@dataclass(frozen=True, eq=False)
class MapFrame:
    """One date as the map shows it: the ties drawn, caption, emphasis, node sizes and the ringed actor.

    ``laid_out`` is the unfiltered snapshot the positions are computed from (filters narrow what is
    drawn, never what is laid out); ``snapshot`` the filtered one the map draws. ``importance`` is
    None when dots are sized by recent contact.
    """

    time: float
    laid_out: Snapshot
    snapshot: Snapshot
    caption: CaptionText
    emphasis: Emphasis
    importance: np.ndarray | None
    selected: str | None = None


_SUMMARIES: WeakKeyDictionary[Dataset, str] = WeakKeyDictionary()


def static_summary(dataset: Dataset) -> str:
    """What a static network is, in one line: a file without time has no date to show and no "latest" event."""
    summary = _SUMMARIES.get(dataset)
    if summary is None:
        pairs = {frozenset((i.a, i.b)) for event in dataset.events for i in event.interactions}
        actors, ties = len(dataset.actors), len(pairs)
        people = f"{actors} actor{'s' * (actors != 1)}"
        summary = (f"Static network: {people}, {ties} tie{'s' * (ties != 1)}, no dates" if ties
                   else f"No ties in this file: {people}, nothing to draw between them")
        _SUMMARIES[dataset] = summary
    return summary


def rule_text(rule: AggregationRule, dataset: Dataset) -> str:
    """The legend's sentence on how ties are computed; a static file has no time for a rule to act on."""
    if dataset.is_static:
        return "No dates in this file: every tie is drawn as the file gives it, wider for more contacts."
    return rule.describe(dataset.axis.unit)


def size_text(size_by: str) -> str:
    """The legend's line on what a dot's size shows, for the window and every export alike."""
    return "Dot size: betweenness" if size_by == "centrality" \
        else "Dot size: recent contact"


def caption_for(timeline: Timeline, t: float) -> CaptionText:
    """Title, date and the latest event at ``t``: what a reader of a still needs to place it.

    A static file has neither a date nor a latest event ("step 0 / Latest: A – B" would mean nothing):
    its caption says what it is instead.
    """
    dataset = timeline.dataset
    if dataset.is_static:
        return CaptionText(dataset.title, "", static_summary(dataset))
    latest = timeline.last_event_at_or_before(t)
    event = ""
    if latest is not None:
        ev = dataset.events[latest]
        event = f"Latest: {ev.title or ev.id} ({dataset.axis.format(ev.time, ev.date_precision)})"
    return CaptionText(dataset.title, dataset.axis.format(t), event)


def filtered_snapshot(timeline: Timeline, t: float, tie_filter: TieFilter | None = None,
                      snapshot: Snapshot | None = None) -> Snapshot:
    """The ties of ``t`` the map draws: through the tie filter if there is one."""
    if snapshot is None:
        snapshot = timeline.snapshot_at(t)
    return snapshot if tie_filter is None else tie_filter.apply(snapshot, timeline.dataset)


def importance_at(t: float, size_by: str, centrality: CentralitySeries | None) -> np.ndarray | None:
    """Node sizes: centrality at ``t`` when sizing by it (and it is known), else None (recent contact)."""
    if size_by != "centrality" or centrality is None:
        return None
    return centrality.at(t)[1]


def map_frame(timeline: Timeline, t: float, inputs: FrameInputs | None = None, *,
              laid_out: Snapshot | None = None) -> MapFrame:
    """Everything the map shows at ``t``; ``laid_out``, if given, is the unfiltered snapshot of ``t``
    already made (a new selection or sizing at the same date computes no snapshot again)."""
    inputs = inputs or FrameInputs()
    if laid_out is None:
        laid_out = timeline.snapshot_at(t)
    snapshot = filtered_snapshot(timeline, t, inputs.tie_filter, laid_out)
    emphasis = emphasis_for(timeline, snapshot, selected_actor=inputs.selected_actor,
                            selected_tie=inputs.selected_tie, changes=inputs.changes)
    return MapFrame(t, laid_out, snapshot, caption_for(timeline, t), emphasis,
                    importance_at(t, inputs.size_by, inputs.centrality), inputs.selected_actor)


def restyled(frame: MapFrame, timeline: Timeline, inputs: FrameInputs) -> MapFrame:
    """``frame`` with new emphasis and sizes (a selection, a comparison, a sizing): same date, same ties."""
    emphasis = emphasis_for(timeline, frame.snapshot, selected_actor=inputs.selected_actor,
                            selected_tie=inputs.selected_tie, changes=inputs.changes)
    return replace(frame, emphasis=emphasis, importance=importance_at(frame.time, inputs.size_by, inputs.centrality),
                   selected=inputs.selected_actor)
