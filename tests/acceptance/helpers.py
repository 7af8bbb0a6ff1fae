"""Finding where on a widget the user would click: links in rich text, tabs, list rows, map ties."""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QPoint, QPointF
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QTabWidget, QTextBrowser


def label_links(label: QLabel) -> dict[str, QPoint]:
    """Every link drawn in a rich-text label and a point inside it (label coordinates).

    The label lays its text out as a text document of its contents' width; the same layout, asked
    where each anchor is, gives a point the mouse can click.
    """
    document = QTextDocument()
    document.setDefaultFont(label.font())
    document.setDocumentMargin(0)
    document.setHtml(label.text())
    rect = label.contentsRect()
    document.setTextWidth(rect.width())
    layout = document.documentLayout()
    found: dict[str, QPoint] = {}
    height = int(document.size().height())
    for y in range(1, height, 3):
        for x in range(1, rect.width(), 3):
            href = layout.anchorAt(QPointF(x, y))
            if href and href not in found:
                found[href] = QPoint(rect.left() + x + 2, rect.top() + y)
    return found


def browser_links(browser: QTextBrowser) -> dict[str, QPoint]:
    """Every link visible in a text browser and a point inside it (viewport coordinates)."""
    viewport = browser.viewport()
    found: dict[str, QPoint] = {}
    for y in range(1, viewport.height(), 3):
        for x in range(1, viewport.width(), 3):
            href = browser.anchorAt(QPoint(x, y))
            if href and href not in found:
                found[href] = QPoint(x + 2, y)
    return found


def tab_point(tabs: QTabWidget, title: str) -> QPoint:
    bar = tabs.tabBar()
    index = next(i for i in range(tabs.count()) if tabs.tabText(i) == title)
    return bar.tabRect(index).center()


def tie_point(view: Any, pair: int) -> QPoint | None:
    """A point on the drawn tie ``pair`` that no other tie or dot crowds, in viewport coordinates."""
    start, end, pairs = view.drawn_ties()
    hits = np.flatnonzero(pairs == pair)
    if not len(hits):
        return None
    a, b = start[hits[0]], end[hits[0]]
    for f in np.linspace(0.25, 0.75, 21):
        point = QPointF(*(a + f * (b - a)))
        scene = view.viewbox.mapViewToScene(point)
        if view.edge_at(point) == pair and view.actor_at(scene) is None:
            return view.mapFromScene(scene)
    return None


def pair_of(timeline: Any, a: str, b: str) -> int:
    i, j = timeline.dataset.actor_index[a], timeline.dataset.actor_index[b]
    return next(k for k, p in enumerate(timeline.pairs) if set(p.tolist()) == {i, j})
