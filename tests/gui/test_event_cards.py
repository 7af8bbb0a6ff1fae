from __future__ import annotations

from desktop.core.model import Event, SourceRef
from desktop.gui.event_panel import sources_html
from desktop.io.native import load_dataset
from tests.conftest import BUILTIN


def test_a_card_cites_each_source_once_with_its_sections() -> None:
    dataset = load_dataset(BUILTIN)
    event = Event(id="x", time=0.0, sources=(SourceRef("tnr", "III"), SourceRef("nbc"), SourceRef("tnr", "VI"),
                                             SourceRef("tnr", "III")))
    assert sources_html(dataset, event) == "The New Republic § III, VI; NBC News"


def test_forced_names_overlap_each_other_as_little_as_they_can() -> None:
    import numpy as np

    from desktop.gui.labels import place_labels

    # Two important actors side by side with long names: both must show, neither may hide the other.
    xy = np.array([[100.0, 100.0], [112.0, 100.0]])
    placed = dict(place_labels(xy, np.array([6.0, 6.0]), np.array([160.0, 160.0]), 14.0, np.array([0, 1]), 2, [],
                               (400.0, 300.0)))
    (x0, y0, w0, h0), (x1, y1, w1, h1) = placed[0], placed[1]
    assert not (x0 < x1 + w1 and x1 < x0 + w0 and y0 < y1 + h1 and y1 < y0 + h0)
