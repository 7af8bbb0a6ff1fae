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



def test_a_name_that_must_show_stays_against_its_own_dot_even_when_crowded() -> None:
    import numpy as np

    from desktop.canvas.labels import place_labels

    # Everything close to the dot is covered (as by the caption or other names): the name may overlap,
    # but never moves away from its dot, where it would sit beside another one.
    obstacle = (0.0, 60.0, 400.0, 140.0)
    placed = place_labels(np.array([[200.0, 150.0]]), np.array([5.0]), np.array([100.0]), 14.0, np.array([0]),
                          1, [obstacle], (400.0, 300.0))
    assert len(placed) == 1
    _, (x, y, w, h), _side = placed[0]
    nearest = np.hypot(np.clip(200.0, x, x + w) - 200.0, np.clip(150.0, y, y + h) - 150.0)
    assert nearest <= 5.0 + 3.0


def test_a_name_is_never_placed_nearer_another_dot_than_its_own() -> None:
    import numpy as np

    from desktop.canvas.labels import place_labels

    # Two dots touching side by side and a third right under the first: below, above, right and left of
    # dot 0 all lie against another dot except "above".
    xy = np.array([[100.0, 100.0], [111.0, 100.0], [100.0, 111.0], [89.0, 100.0]])
    radius = np.full(4, 5.0)
    placed = place_labels(xy, radius, np.full(4, 40.0), 12.0, np.array([0]), 1, [], (400.0, 300.0))
    (_, (_x, y, _w, h), side), = placed
    assert side == 1 and y + h <= 100.0 - 5.0
