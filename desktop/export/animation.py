"""GIF and MP4 of a date range: frames painted on the GUI thread, layouts and encoding off it.

Which thread does what, and why:

* Key layouts (force layouts of the key dates) run on a worker thread: numpy and numba, no Qt.
* Frames are painted on the GUI thread, because the stage is a QGraphicsView and a scene is not
  thread-safe (a QPainter on a QImage would be, but the items it paints are widgets' children).
* Encoding runs on a second worker, fed through a short queue.

:class:`AnimationJob` does the painting in small time-boxed :meth:`~AnimationJob.step` calls, so the
window can drive it from a timer and stay responsive, and the command line can simply loop.
"""

from __future__ import annotations

import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import numpy as np

from desktop.export.contract import Cancelled, ExportError, OutputFile, Picture
from desktop.export.encode import ENCODERS, EncoderThread
from desktop.export.motion import MovieOptions, between_keys
from desktop.export.stage import Stage
from desktop.io.atomic import describe_os_error
from desktop.layout.timeline_layout import MapLayout

__all__ = ["AnimationJob", "GifExporter", "MovieOptions", "Mp4Exporter"]


class AnimationJob:
    """One animation being made: layout keys, paint frames, encode, deliver the file.

    ``picture`` gives the dataset, rule, pins, selection and, for "as on screen", the view range;
    its instant and positions are ignored (every frame has its own).
    """

    def __init__(self, picture: Picture, options: MovieOptions, suffix: str,
                 path: Path | str | None = None, to_bytes: bool = False) -> None:
        options.check(picture.dataset.axis.format)
        width, height = options.size
        if suffix == "mp4" and (width % 2 or height % 2):
            raise ExportError(f"MP4 needs an even width and height (not {width}×{height})")
        self.picture = picture
        self.options = options
        self.times = options.frame_times()
        self.keys = options.key_times()
        self.output = OutputFile(path, to_bytes, suffix)
        self._suffix = suffix
        self.stage = Stage(picture.dataset, picture.rule, options.size, picture.timeline)
        layout = MapLayout(self.stage.timeline)
        pins = dict(picture.pins)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="export-layout")
        self._key_jobs: list[Future[np.ndarray]] = [
            self._pool.submit(layout.positions_at, float(t), pins) for t in self.keys
        ]
        self._key_positions: list[np.ndarray] | None = None
        self._encoder: EncoderThread | None = None
        self.frame = 0
        self.result: bytes | None = None
        self.finished = False

    # -- progress --------------------------------------------------------------------------------

    @property
    def total(self) -> int:
        """Units of work: one per key layout, one per frame."""
        return len(self.keys) + len(self.times)

    @property
    def done(self) -> int:
        keys = sum(job.done() for job in self._key_jobs)
        return keys + self.frame

    def phase(self) -> str:
        if self._key_positions is None:
            return "Laying out the key dates…"
        if self.frame < len(self.times):
            return f"Painting frame {self.frame + 1} of {len(self.times)}…"
        return "Encoding…"

    # -- work ------------------------------------------------------------------------------------

    def step(self, budget: float = 0.04) -> bool:
        """Do up to ``budget`` seconds of GUI-thread work; True once the file is delivered."""
        if self.finished:
            return True
        self._raise_failures()
        if self._key_positions is None:
            if not all(job.done() for job in self._key_jobs):
                return False
            self._start_painting()
        encoder = self._encoder
        assert encoder is not None
        deadline = time.perf_counter() + budget
        while self.frame < len(self.times) and time.perf_counter() < deadline and encoder.has_room():
            self._paint(self.frame)
            self.frame += 1
            if self.frame == len(self.times):
                encoder.finish()
        if self.frame == len(self.times) and encoder.done():
            self._raise_failures()
            self._close()
            self.result = self.output.commit()
            self.finished = True
        return self.finished

    def wait_for_layouts(self) -> None:
        """Block until every key layout is computed (headless runs; the window polls instead)."""
        for job in self._key_jobs:
            job.result()

    def run(self) -> bytes | None:
        """Run to the end on this thread (the command line and the exporters' ``export``)."""
        try:
            self.wait_for_layouts()
            while not self.step(budget=1.0):
                if self._encoder is not None and not self._encoder.has_room():
                    self._encoder.join(timeout=0.01)
        except BaseException:
            self.cancel()
            raise
        return self.result

    def cancel(self) -> None:
        """Stop and leave nothing behind."""
        if self.finished:
            return
        self.finished = True
        self._pool.shutdown(wait=False, cancel_futures=True)
        if self._encoder is not None:
            self._encoder.cancel()
        self._close()
        self.output.discard()

    def _start_painting(self) -> None:
        self._key_positions = [job.result() for job in self._key_jobs]
        self._pool.shutdown(wait=False)
        if self.picture.view_range is not None:
            self.stage.frame(self.picture.view_range)
        else:
            self.stage.draw(float(self.times[0]), self._key_positions[0])
            self.stage.frame(points=self._whole_map())
        encode = ENCODERS[self._suffix]
        self._encoder = EncoderThread(encode, self.output.temp, self.options.size, self.options.fps)

    def _whole_map(self) -> np.ndarray:
        """Every place an actor shown at some point of the range occupies: one camera for the film."""
        timeline = self.stage.timeline
        seen = np.zeros(len(timeline.actor_ids), dtype=bool)
        for t in np.union1d(self.keys, self.times[::5]):
            seen |= timeline.snapshot_at(float(t)).actor_visible
        if not seen.any():
            seen[:] = True
        assert self._key_positions is not None
        return np.concatenate([positions[seen] for positions in self._key_positions])

    def _paint(self, k: int) -> None:
        assert self._key_positions is not None and self._encoder is not None
        t = float(self.times[k])
        positions = between_keys(t, self.keys, self._key_positions, self.options.easing)
        self.stage.draw_picture(self.picture, t, positions)
        self._encoder.put(self.stage.rgb())

    def _raise_failures(self) -> None:
        for job in self._key_jobs:
            if job.done() and not job.cancelled() and job.exception() is not None:
                self.cancel()
                raise ExportError(f"the layout failed: {job.exception()}")
        error = self._encoder.error if self._encoder is not None else None
        if error is not None and not isinstance(error, Cancelled):
            self.cancel()
            target = self.output.target or "export"
            if isinstance(error, OSError):
                raise ExportError(describe_os_error(error, target))
            raise ExportError(f"{target}: encoding failed ({error})")

    def _close(self) -> None:
        self.stage.close()


class _MovieExporter:
    suffix = ""

    def __init__(self, picture: Picture, options: MovieOptions) -> None:
        self.picture = picture
        self.options = options

    def job(self, path: Path | str | None = None, to_bytes: bool = False) -> AnimationJob:
        """The export as a job a caller can step, show progress for and cancel."""
        return AnimationJob(self.picture, self.options, self.suffix, path, to_bytes)

    def export(self, path: Path | str | None = None, to_bytes: bool = False) -> bytes | None:
        return self.job(path, to_bytes).run()


class GifExporter(_MovieExporter):
    """A looping GIF for a post or a slide; keep it short and small (every frame is stored)."""

    suffix = "gif"


class Mp4Exporter(_MovieExporter):
    """An H.264 MP4 that plays everywhere, for long ranges and large sizes."""

    suffix = "mp4"

