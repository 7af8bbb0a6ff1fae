"""What the map singles out, decided from the state: one rule, in order of what the user asked last.

1. a chosen tie: its two actors bright, the tie glowing, the rest dimmed;
2. a chosen actor: their ego network (the actor, their current ties and partners) bright;
3. a comparison: the actors and ties named in "what changed" bright and glowing;
4. otherwise nothing is dimmed, and the current event's participants and ties are ringed and glow.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from desktop.core.changes import Changes
from desktop.core.metrics import pair_index
from desktop.core.timeline import Snapshot, Timeline

EVENT_GLOW_DAYS = 21.0  # an event lights the map for three weeks after it


@dataclass(eq=False)
class Emphasis:
    """What the map singles out.

    ``focus``: a mask of actors to keep bright (None: nobody is dimmed); ``focus_pairs``: pair ids of
    the ties kept bright while focusing. ``lit`` / ``lit_pairs``: actors and ties to ring and glow
    (the current event's participants, the chosen tie, the ties that changed most).
    """

    focus: np.ndarray | None = None
    focus_pairs: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    lit: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    lit_pairs: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))


def emphasis_for(
    timeline: Timeline, snapshot: Snapshot, *, selected_actor: str | None, selected_tie: tuple[str, str] | None,
    changes: Changes | None,
) -> Emphasis:
    index = timeline.dataset.actor_index
    n = len(timeline.actor_ids)
    if selected_tie is not None:
        k = pair_index(timeline, *selected_tie)
        focus = np.zeros(n, dtype=bool)
        for actor in selected_tie:
            if actor in index:
                focus[index[actor]] = True
        pairs = np.array([k] if k is not None else [], dtype=np.int64)
        return Emphasis(focus=focus, focus_pairs=pairs, lit_pairs=pairs)
    if selected_actor is not None and selected_actor in index:
        i = index[selected_actor]
        touching = (snapshot.source == i) | (snapshot.target == i)
        focus = np.zeros(n, dtype=bool)
        focus[i] = True
        focus[snapshot.source[touching]] = True
        focus[snapshot.target[touching]] = True
        return Emphasis(focus=focus, focus_pairs=snapshot.pair[touching])
    if changes is not None:
        focus = np.zeros(n, dtype=bool)
        changed: list[int] = []
        for a, b in changes.pairs():
            k = pair_index(timeline, a, b)
            if k is not None:
                changed.append(k)
                focus[index[a]] = focus[index[b]] = True
        for moved in changes.actors[:5]:
            focus[index[moved.id]] = True
        array = np.array(changed, dtype=np.int64)
        return Emphasis(focus=focus, focus_pairs=array, lit_pairs=array)
    if timeline.dataset.is_static:  # every edge is "the latest event" of a static file: none is singled out
        return Emphasis()
    latest = timeline.last_event_at_or_before(snapshot.time)
    if latest is None:
        return Emphasis()
    event = timeline.dataset.events[latest]
    if snapshot.time - event.time > EVENT_GLOW_DAYS:
        return Emphasis()
    lit = np.array(sorted({index[a] for a in event.participants if a in index}), dtype=np.int64)
    lit_pairs = [pair_index(timeline, i.a, i.b) for i in event.interactions]
    return Emphasis(lit=lit, lit_pairs=np.array([k for k in lit_pairs if k is not None], dtype=np.int64))
