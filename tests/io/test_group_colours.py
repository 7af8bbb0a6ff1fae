"""Groups a file gives no colour get the app's one group palette, never a colour that reads as tension."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.core.palette import GROUP_PALETTE, TENSION_STOPS
from desktop.io.registry import load


def test_uncoloured_groups_take_the_core_palette(tmp_path: Path) -> None:
    nodes = [{"id": f"n{k}", "group": f"g{k}"} for k in range(len(GROUP_PALETTE) + 2)]
    links = [{"source": "n0", "target": node["id"], "date": "2020-01-01"} for node in nodes[1:]]
    path = tmp_path / "groups.json"
    path.write_text(json.dumps({"directed": False, "multigraph": False, "graph": {}, "nodes": nodes,
                                "links": links}), encoding="utf-8")
    dataset = load(path).dataset
    colours = [group.colour for group in dataset.groups]
    assert len(colours) == len(nodes)
    assert set(colours) <= set(GROUP_PALETTE)
    tension = {"#{:02X}{:02X}{:02X}".format(*rgb) for _, rgb in TENSION_STOPS}
    assert not {c.upper() for c in colours} & tension
