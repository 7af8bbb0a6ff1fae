"""Relmap's force layout, Qt-free: numpy arrays in, positions out.

`force_layout` is the array API the benchmarks use; `compute_layout(LayoutRequest)` is what the app's layout
worker calls, with node ids, stability through time and a per-date cache on top.
"""

from desktop.layout.engine import ForceParams, ForceSimulation, LayoutCancelled, force_layout, warm_up
from desktop.layout.request import LayoutCache, LayoutRequest, LayoutResult, compute_layout

__all__ = [
    "ForceParams",
    "ForceSimulation",
    "LayoutCache",
    "LayoutCancelled",
    "LayoutRequest",
    "LayoutResult",
    "compute_layout",
    "force_layout",
    "warm_up",
]
