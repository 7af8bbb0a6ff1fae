"""``relmap changes`` as text: the ranking of :mod:`desktop.core.changes` for a terminal."""

from __future__ import annotations

from desktop.core.changes import Changes, TieChange
from desktop.core.model import Dataset


def _value(value: float | None, fmt: str) -> str:
    return "—" if value is None else format(value, fmt)


def _tie(change: TieChange) -> str:
    return (f"{change.a_name} — {change.b_name}: tension {_value(change.tension_before, '+.2f')} → "
            f"{_value(change.tension_after, '+.2f')}, intensity {_value(change.intensity_before, '.2f')} → "
            f"{_value(change.intensity_after, '.2f')}")


def format_text(dataset: Dataset, changes: Changes) -> str:
    axis = dataset.axis
    lines = [f"{dataset.title}: {axis.format(changes.start)} → {axis.format(changes.end)}"]
    for title, items in (("Soured most", changes.soured), ("Warmed most", changes.warmed),
                         ("Appeared", changes.appeared), ("Broke", changes.broke)):
        lines.append("")
        lines.append(f"{title} ({len(items)})")
        lines.extend(f"  {k}. {_tie(c)}" for k, c in enumerate(items, 1))
        if not items:
            lines.append("  none")
    lines.append("")
    lines.append(f"Moved most in betweenness ({len(changes.actors)})")
    for k, actor in enumerate(changes.actors, 1):
        lines.append(f"  {k}. {actor.name}: {actor.centrality_before:.2f} → {actor.centrality_after:.2f} "
                     f"({actor.centrality_change:+.2f}), ties {actor.degree_before} → {actor.degree_after}")
    return "\n".join(lines)
