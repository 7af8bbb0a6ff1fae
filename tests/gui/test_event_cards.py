from __future__ import annotations

from desktop.core.model import Event, SourceRef
from desktop.gui.panels.event_panel import sources_html
from desktop.io.native import load_dataset
from tests.conftest import BUILTIN


def test_a_card_cites_each_source_once_with_its_sections() -> None:
    dataset = load_dataset(BUILTIN)
    event = Event(id="x", time=0.0, sources=(SourceRef("tnr", "III"), SourceRef("nbc"), SourceRef("tnr", "VI"),
                                             SourceRef("tnr", "III")))
    assert sources_html(dataset, event) == "The New Republic § III, VI; NBC News"



def test_a_name_that_must_show_moves_out_of_the_way_rather_than_cover_another() -> None:
    import numpy as np

    from desktop.canvas.labels import place_labels

    # Everything close to the dot is covered (as by the caption or other names) except a band further below.
    obstacle = (0.0, 60.0, 400.0, 140.0)
    placed = dict(place_labels(np.array([[200.0, 150.0]]), np.array([5.0]), np.array([100.0]), 14.0, np.array([0]),
                               1, [obstacle], (400.0, 300.0)))
    top = placed[0][1]
    assert top >= obstacle[1] + obstacle[3]  # below the covered band, not on top of it
