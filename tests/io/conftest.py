"""Shared fixtures for the reader tests: where the real-world datasets live and a tmp writer."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.ci import skip_or_fail

DATA = Path(__file__).resolve().parents[1] / "data"


def shared_datasets() -> Path | None:
    """``/work/shared/datasets`` beside the repository, or ``$RELMAP_SHARED`` (its parent or itself)."""
    override = os.environ.get("RELMAP_SHARED")
    candidates = [Path(override), Path(override) / "datasets"] if override else []
    candidates.append(Path(__file__).resolve().parents[3] / "shared" / "datasets")
    for candidate in candidates:
        if (candidate / "README.md").is_file() or (candidate / "lesmiserables").is_dir():
            return candidate
    return None


@pytest.fixture(scope="session")
def shared() -> Path:
    found = shared_datasets()
    if found is None:
        skip_or_fail("the shared datasets folder is not present beside the repository")
    return found


@pytest.fixture
def write(tmp_path: Path):
    """Write a small file (text or bytes) and return its path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
        return path

    return _write
