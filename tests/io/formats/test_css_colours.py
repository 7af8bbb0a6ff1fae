"""graphology / sigma.js files with CSS colours load with canonical colours and export (issue 15)."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.cli import main
from desktop.io.registry import load

GRAPHOLOGY = {
    "attributes": {"name": "sigma example"},
    "options": {"type": "mixed", "multi": False, "allowSelfLoops": True},
    "nodes": [
        {"key": "n1", "attributes": {"label": "Ada", "x": 0, "y": 0, "size": 5, "color": "rgb(255,0,0)"}},
        {"key": "n2", "attributes": {"label": "Bo", "x": 1, "y": 1, "size": 3, "color": "rgba(0, 0, 255, 0.5)"}},
        {"key": "n3", "attributes": {"label": "Cy", "x": 2, "y": 0, "size": 4, "color": "#0f0"}},
        {"key": "n4", "attributes": {"label": "Di", "x": 1, "y": 2, "size": 4, "color": "orange"}},
    ],
    "edges": [
        {"key": "e1", "source": "n1", "target": "n2", "attributes": {"color": "rgb(10,10,10)"}},
        {"key": "e2", "source": "n2", "target": "n3"},
        {"key": "e3", "source": "n3", "target": "n4"},
    ],
}


def test_graphology_rgb_colours_load_canonical(tmp_path: Path) -> None:
    path = tmp_path / "sigma.json"
    path.write_text(json.dumps(GRAPHOLOGY))
    dataset = load(path).dataset
    colours = {a.id: a.extra.get("colour") for a in dataset.actors}
    assert colours == {"n1": "#ff0000", "n2": "#0000ff", "n3": "#00ff00", "n4": "#ffa500"}
    assert {g.colour for g in dataset.groups} == {"#ff0000", "#0000ff", "#00ff00", "#ffa500"}


def test_graphology_rgb_colours_export(tmp_path: Path) -> None:
    """Before: ``relmap export`` exited 1 (``int('rg', 16)`` in palette.hex_to_rgb)."""
    path = tmp_path / "sigma.json"
    path.write_text(json.dumps(GRAPHOLOGY))
    out = tmp_path / "map.png"
    assert main(["export", str(path), "-o", str(out), "--size", "160x100"]) == 0
    assert out.stat().st_size > 0

