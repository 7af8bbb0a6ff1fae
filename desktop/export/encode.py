"""Encoding video frames on a worker thread, streamed: frames are handed over as they are painted.

MP4 goes through the ffmpeg binary imageio-ffmpeg ships ( H.264, yuv420p, bit-exact flags so the
same frames give the same file). GIF goes through Pillow (imageio's own GIF backend) directly, with
one palette for the whole animation: per-frame palettes make flat map colours flicker from frame to
frame, and imageio's GIF writer holds every frame as full RGB until the end.

Frames cross threads as numpy arrays only; nothing here touches Qt.
"""

from __future__ import annotations

import contextlib
import errno
import queue
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterator
from fractions import Fraction
from pathlib import Path

import numpy as np

from desktop.export.contract import Cancelled

_END = object()
_CANCEL = object()

Encode = Callable[[Path, Iterator[np.ndarray], tuple[int, int], float], None]


_MP4_OUTPUT = ["-crf", "20", "-preset", "fast", "-movflags", "+faststart",
               "-fflags", "+bitexact", "-flags:v", "+bitexact", "-map_metadata", "-1"]


def encode_mp4(path: Path, frames: Iterator[np.ndarray], size: tuple[int, int], fps: float) -> None:
    """H.264 through the ffmpeg binary imageio-ffmpeg ships, driven here so that its exit status is checked.

    ffmpeg's messages go to a temporary file, not the terminal: a failure becomes one line (a full disk
    an ``OSError(ENOSPC)``, anything else an :class:`EncoderError` with ffmpeg's last line).
    """
    import imageio_ffmpeg

    width, height = size
    rate = str(Fraction(fps).limit_denominator())
    command = [imageio_ffmpeg.get_ffmpeg_exe(), "-y", "-f", "rawvideo", "-vcodec", "rawvideo",
               "-s", f"{width}x{height}", "-pix_fmt", "rgb24", "-r", rate, "-i", "-", "-an",
               "-vcodec", "libx264", "-pix_fmt", "yuv420p", "-v", "error", *_MP4_OUTPUT, str(path)]
    with tempfile.TemporaryFile() as log, subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=log) as process:
        assert process.stdin is not None
        try:
            for frame in frames:
                process.stdin.write(np.ascontiguousarray(frame).data)
            process.stdin.close()
        except BrokenPipeError:
            pass  # ffmpeg stopped early: its exit status and messages say why
        except BaseException:
            process.kill()  # cancelled or failed here: no half-encoded file is wanted
            raise
        if process.wait() != 0:
            log.seek(0)
            raise _ffmpeg_failure(log.read().decode("utf-8", "replace"), process.returncode)


class EncoderError(Exception):
    """The video encoder failed for a reason other than the disk; the message is one line."""


def _ffmpeg_failure(messages: str, code: int) -> Exception:
    if "No space left on device" in messages or "Disk quota exceeded" in messages:
        return OSError(errno.ENOSPC, "No space left on device")
    lines = [line.strip() for line in messages.splitlines() if line.strip()]
    last = lines[-1] if lines else "no message"
    return EncoderError(f"ffmpeg stopped with exit status {code}: {last[:200]}")


def encode_gif(path: Path, frames: Iterator[np.ndarray], size: tuple[int, int], fps: float) -> None:
    from PIL import Image

    first = next(frames, None)
    if first is None:
        return
    # One palette from the first frame: the map's colours are few and flat, and the legend already
    # shows every tie and group colour, so they are all in it from the start.
    palette = Image.fromarray(first).quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)

    def indexed(frame: np.ndarray) -> Image.Image:
        return Image.fromarray(frame).quantize(palette=palette, dither=Image.Dither.NONE)

    rest = (indexed(frame) for frame in frames)
    # GIF delays are in hundredths of a second: 10, 20, 25 or 50 fps play exactly.
    indexed(first).save(str(path), format="GIF", save_all=True, append_images=rest, loop=0,
                        duration=round(1000 / fps), optimize=False, disposal=1)


ENCODERS: dict[str, Encode] = {"mp4": encode_mp4, "gif": encode_gif}


class EncoderThread:
    """Feeds frames to an encoder on its own thread through a short queue.

    The queue is short so memory stays flat however long the animation; the painter asks
    :meth:`has_room` before each frame instead of blocking the GUI thread on a full queue.
    """

    def __init__(self, encode: Encode, path: Path, size: tuple[int, int], fps: float, depth: int = 12) -> None:
        self._queue: queue.Queue[object] = queue.Queue(maxsize=depth)
        self.error: BaseException | None = None
        self._thread = threading.Thread(
            target=self._run, args=(encode, path, size, fps), name="export-encoder", daemon=True
        )
        self._thread.start()

    def _frames(self) -> Iterator[np.ndarray]:
        while True:
            item = self._queue.get()
            if item is _END:
                return
            if item is _CANCEL:
                raise Cancelled("cancelled")
            yield item  # type: ignore[misc]

    def _run(self, encode: Encode, path: Path, size: tuple[int, int], fps: float) -> None:
        try:
            encode(path, self._frames(), size, fps)
        except BaseException as exc:
            self.error = exc
            while True:  # unblock a painter waiting on a full queue
                try:
                    self._queue.get_nowait()
                except queue.Empty:
                    break

    def has_room(self) -> bool:
        return not self._queue.full() and self._thread.is_alive()

    def put(self, frame: np.ndarray) -> None:
        self._queue.put(frame)

    def finish(self) -> None:
        """No more frames; the encoder writes out what it has (see :meth:`done`)."""
        self._queue.put(_END)

    def cancel(self) -> None:
        if self._thread.is_alive():
            with contextlib.suppress(queue.Full):
                self._queue.put(_CANCEL, timeout=5)
            self._thread.join(timeout=30)

    def done(self) -> bool:
        return not self._thread.is_alive()

    def join(self, timeout: float | None = None) -> None:
        self._thread.join(timeout)
