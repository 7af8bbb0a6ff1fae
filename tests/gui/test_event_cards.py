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
