"""Exports are rendered offscreen; one dataset is loaded once for the whole package."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session")
def kerry():
    """The built-in dataset (read once: every export test draws from it)."""
    from desktop.core.resources import builtin_dataset_path
    from desktop.io.registry import load

    return load(builtin_dataset_path()).dataset
