"""Animation timing without Qt: frame instants, key dates and eased positions."""

from __future__ import annotations

import numpy as np
import pytest

from desktop.export.contract import ExportError
from desktop.export.motion import MovieOptions, between_keys, ease


def test_frames_run_from_the_first_date_to_the_last() -> None:
    options = MovieOptions(start=100.0, end=160.0, fps=10, duration=3)
    times = options.frame_times()
    assert options.frame_count == len(times) == 30
    assert times[0] == 100.0 and times[-1] == 160.0


def test_days_per_second_sets_the_length() -> None:
    options = MovieOptions(start=0.0, end=280.0, fps=30, days_per_second=14)
    assert options.seconds == 20 and options.frame_count == 600
    assert len(options.key_times()) == 21  # one layout per second of video


def test_positions_ease_between_key_layouts() -> None:
    keys = np.array([0.0, 10.0])
    layouts = [np.zeros((2, 2)), np.ones((2, 2)) * 4]
    assert np.allclose(between_keys(0.0, keys, layouts, "smooth"), 0)
    assert np.allclose(between_keys(10.0, keys, layouts, "smooth"), 4)
    assert np.allclose(between_keys(5.0, keys, layouts, "smooth"), 2)
    assert between_keys(2.0, keys, layouts, "smooth")[0, 0] < between_keys(2.0, keys, layouts, "linear")[0, 0]
    assert float(ease(0.25, "linear")) == 0.25


@pytest.mark.parametrize(("options", "message"), [
    (MovieOptions(start=10.0, end=5.0), "is not before"),
    (MovieOptions(start=0.0, end=5.0, fps=500), "frames per second"),
    (MovieOptions(start=0.0, end=5.0, duration=3600, fps=60), "too many"),
    (MovieOptions(start=0.0, end=5.0, size=(10_000, 600)), "size"),
])
def test_impossible_animations_are_refused(options: MovieOptions, message: str) -> None:
    with pytest.raises(ExportError, match=message):
        options.check()
