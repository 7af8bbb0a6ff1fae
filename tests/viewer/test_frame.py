"""The frame of one date, without Qt: what the window and every export draw from."""

from __future__ import annotations

import numpy as np

from desktop.core.filters import TieFilter
from desktop.core.timeline import Timeline
from desktop.io.native import dataset_from_document
from desktop.viewer.frame import FrameInputs, map_frame, restyled
from tests.conftest import tiny_document


def timeline() -> Timeline:
    return Timeline(dataset_from_document(tiny_document()))


def test_a_frame_carries_both_snapshots_the_caption_and_the_ringed_actor() -> None:
    line = timeline()
    t = line.dataset.axis.to_instant("2013-08-20")
    frame = map_frame(line, t, FrameInputs(tie_filter=TieFilter(sign="warm"), selected_actor="ann"))
    assert frame.time == t and frame.selected == "ann"
    assert len(frame.laid_out.pair) == 2 and len(frame.snapshot.pair) == 0  # filters narrow what is drawn only
    assert frame.caption.date == "20 August 2013"
    assert frame.emphasis.focus is not None and frame.emphasis.focus[line.dataset.actor_index["ann"]]


def test_restyling_keeps_the_ties_and_changes_what_is_singled_out() -> None:
    line = timeline()
    frame = map_frame(line, line.dataset.axis.to_instant("2013-08-20"))
    assert frame.emphasis.focus is None
    chosen = restyled(frame, line, FrameInputs(selected_tie=("bob", "cat")))
    assert chosen.snapshot is frame.snapshot and chosen.laid_out is frame.laid_out
    assert chosen.emphasis.focus is not None
    assert np.flatnonzero(chosen.emphasis.focus).tolist() == sorted(
        line.dataset.actor_index[a] for a in ("bob", "cat"))
