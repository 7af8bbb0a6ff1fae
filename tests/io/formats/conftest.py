"""Some of these tests export in-process: the test session's QApplication must exist first, or the
exporter makes its own and installs its garbage collector on it for the rest of the session."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _qt_application(qapp):
    yield
