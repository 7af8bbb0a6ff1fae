"""Relmap's force layout, Qt-free: numpy arrays in, positions out.

`force_layout` is the array API the benchmarks use; `compute_layout(LayoutRequest)` is what the app's layout
worker calls, with node ids, stability through time and a per-date cache on top.
"""

from desktop.layout.engine import ForceParams, ForceSimulation, force_layout, warm_up

__all__ = ["ForceParams", "ForceSimulation", "force_layout", "warm_up"]
