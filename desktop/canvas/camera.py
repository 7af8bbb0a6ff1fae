"""The map's camera: it follows the actors on the map until the user moves it by hand.

While following, each new date aims the camera at the cast (:class:`desktop.viewer.camera.Follow`,
which holds still unless an actor would be cut off or covered, or the map would be mostly empty),
and the map widget's easing timer moves it there with the same curve and the same clock as the dots
(:meth:`MapCamera.step`), so one date change is still one frame and a dot inside the view at both
ends of an easing stays inside it in between. A drag or a wheel on the map stops following; Zoom to
fit (Ctrl+0, the Fit button) fits again and follows again.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, Signal

from desktop.viewer.camera import Aim, Follow, Range, Viewport, between, clamp_into, fit_range
from desktop.viewer.easing import Keyframe


class MapCamera(QObject):
    """Where the view box looks, and whether it follows the cast."""

    following_changed = Signal(bool)

    def __init__(self, viewbox: pg.ViewBox, viewport: Callable[[], Viewport]) -> None:
        super().__init__()
        self.viewbox = viewbox
        self.viewport = viewport
        self.follow = Follow()
        self._following = True
        self._from: Range | None = None
        self._to: Range | None = None
        self.steering = False  # True while the camera itself moves the view box (not the user)
        viewbox.sigRangeChangedManually.connect(self._on_moved_by_hand)

    @property
    def following(self) -> bool:
        return self._following

    def set_following(self, on: bool) -> None:
        self.follow.reset()
        if not on:
            self._from = self._to = None
        if on != self._following:
            self._following = on
            self.following_changed.emit(on)

    def moving(self) -> bool:
        """Whether an easing of the camera is under way."""
        return self._to is not None

    def current(self) -> Range:
        (x0, x1), (y0, y1) = self.viewbox.viewRange()
        return (float(x0), float(x1), float(y0), float(y1))

    def aim(self, before: Keyframe, after: Keyframe) -> None:
        """Prepare an easing from ``before`` to ``after`` (both aligned by :func:`union`).

        Actors leaving the map fade out where they stand; actors joining it appear where they belong,
        or, while the camera is still on its way there, at the nearest point of the view, so every dot
        drawn during the easing stays in the free part of the view.
        """
        leaving = before.visible & ~after.visible
        entering = after.visible & ~before.visible
        after.positions[leaving] = before.positions[leaving]
        before.positions[entering] = after.positions[entering]
        self._from = self._to = None
        if not self._following:
            return
        drawn = before.visible | after.visible
        if not drawn.any():
            return
        view = self.viewport()
        aim = self.follow.update(after.positions[drawn], view, after.positions)
        if aim is None:
            return
        now = self.current()
        if entering.any():
            before.positions[entering] = clamp_into(Aim(now, aim.box), view, after.positions[entering])
        if not np.allclose(now, aim.range, rtol=0, atol=1e-9 * max(abs(now[1] - now[0]), 1e-12)):
            self._from, self._to = now, aim.range

    def step(self, x: float) -> None:
        """Move the camera a share ``x`` (the easing's) of the way; at 1 it has arrived."""
        if self._from is None or self._to is None:
            return
        self.set_range(between(self._from, self._to, x))
        if x >= 1.0:
            self._from = self._to = None

    def snap(self, frames: list[Keyframe], *, refit: bool = False) -> None:
        """While following, look at the actors of ``frames`` at once (a first picture, a resize, Ctrl+0).

        ``refit`` fits afresh instead of keeping an aim the actors still fit in.
        """
        if not self._following:
            return
        if refit:
            self.follow.reset()
        self._from = self._to = None
        points = [f.positions[f.visible] for f in frames]
        if not sum(len(p) for p in points):
            points = [f.positions for f in frames]
        if not sum(len(p) for p in points):
            return
        aim = self.follow.update(np.concatenate(points), self.viewport(), frames[-1].positions)
        if aim is not None:
            self.set_range(aim.range)

    def fit(self, points: np.ndarray) -> None:
        """Frame ``points`` once (an animation export's whole film), following or not."""
        if len(points):
            self.set_range(fit_range(points, self.viewport()).range)

    def set_range(self, r: Range) -> None:
        self.steering = True
        try:
            self.viewbox.setRange(xRange=(r[0], r[1]), yRange=(r[2], r[3]), padding=0)
        finally:
            self.steering = False

    def _on_moved_by_hand(self, *_: object) -> None:
        """A drag or a wheel on the map: the user's view is theirs until they ask for a fit."""
        self.set_following(False)
