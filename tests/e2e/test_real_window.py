"""Start the real ``relmap`` entry point in a real X window under Xvfb and look at the pixels."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from tests.ci import skip_or_fail

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

SIZE = (1400, 900)


def _free_display() -> int:
    for number in range(140, 240):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
            return number
    raise RuntimeError("no free X display number")


@pytest.fixture
def xvfb() -> Iterator[str]:
    if shutil.which("Xvfb") is None or shutil.which("import") is None:
        skip_or_fail("needs Xvfb and ImageMagick's import (make system-deps installs them)")
    display = f":{_free_display()}"
    server = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", f"{SIZE[0]}x{SIZE[1]}x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    socket = Path(f"/tmp/.X11-unix/X{display[1:]}")
    deadline = time.monotonic() + 30  # a busy machine may take a while to bring the server up
    while not socket.exists() and server.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    if not socket.exists():
        server.kill()
        pytest.fail(f"Xvfb did not start on {display}")
    try:
        yield display
    finally:
        server.terminate()
        server.wait(timeout=10)


def _screenshot(display: str) -> np.ndarray:
    from PIL import Image  # imageio brings Pillow

    png = subprocess.run(
        ["import", "-display", display, "-window", "root", "png:-"], capture_output=True, timeout=30, check=True
    ).stdout
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def _looks_drawn(pixels: np.ndarray) -> bool:
    flat = pixels.reshape(-1, 3).astype(int)
    saturated = (flat.max(axis=1) - flat.min(axis=1)) > 60
    return len(np.unique(flat // 16, axis=0)) > 40 and saturated.sum() > 2000


def test_the_relmap_command_opens_a_window_with_the_map(xvfb: str, tmp_path: Path) -> None:
    command = Path(sys.executable).with_name("relmap")
    assert command.exists(), "the relmap entry point is installed with the package"
    env = {**os.environ, "DISPLAY": xvfb, "QT_QPA_PLATFORM": "xcb", "HOME": str(tmp_path)}
    log = (tmp_path / "relmap.log").open("w")
    app = subprocess.Popen([str(command)], env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 90  # the first run compiles the layout kernels
        pixels = _screenshot(xvfb)
        while time.monotonic() < deadline and not _looks_drawn(pixels):
            assert app.poll() is None, (tmp_path / "relmap.log").read_text()
            time.sleep(1.0)
            pixels = _screenshot(xvfb)
        assert _looks_drawn(pixels), "the window never showed a drawn map"
        flat = pixels.reshape(-1, 3).astype(int)
        # Ties in the tension scale: reds (hostile/strained) and blues (warm) both appear.
        reds = (flat[:, 0] > flat[:, 1] + 60) & (flat[:, 0] > flat[:, 2] + 60)
        blues = (flat[:, 2] > flat[:, 0] + 60)
        assert reds.sum() > 50 and blues.sum() > 50
        assert app.poll() is None, "the app is still running"
    finally:
        app.terminate()
        try:
            app.wait(timeout=10)
        except subprocess.TimeoutExpired:
            app.kill()
        log.close()
