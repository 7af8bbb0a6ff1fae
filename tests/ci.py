"""What a test may skip on a developer's machine and must not skip in CI.

A skip that could hide a failure (a tool not installed, the shared datasets absent, running as root)
is a failure when ``RELMAP_CI`` is set, as ``.ci/run`` does: CI installs those tools, has the shared
folder beside the checkout and runs as root, so there such a skip means the test did not test.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import NoReturn

import pytest


def in_ci() -> bool:
    return os.environ.get("RELMAP_CI", "") not in ("", "0")


def skip_or_fail(reason: str) -> NoReturn:
    """Skip here, fail in CI."""
    if in_ci():
        pytest.fail(f"would skip, which CI does not allow: {reason}")
    pytest.skip(reason)


def unwritable_folder(tmp_path: Path) -> Path:
    """A folder nobody may write in: chmod 555, or for root (whom chmod does not stop) /sys."""
    if os.geteuid() != 0:
        folder = tmp_path / "locked"
        folder.mkdir()
        folder.chmod(0o555)
        return folder
    folder = Path("/sys")
    try:
        handle, name = tempfile.mkstemp(dir=folder)
    except OSError:
        return folder
    os.close(handle)
    os.unlink(name)
    skip_or_fail("running as root and /sys is writable: no folder refuses writes here")
