"""Which inner loops the force engine runs: numba's compiled kernels, or numpy ones for a first picture.

Compiling the kernels takes seconds on a first start (numba caches them on disk; loading them back still
costs most of a second), and a window should not wait for that before it draws the map. So until
:func:`warm_up` has loaded them, a caller that allows it (the window sets :data:`allow_uncompiled`) gets
numpy versions for maps of up to :data:`SMALL` actors: the same model, with exact repulsion instead of
Barnes-Hut, fast enough at that size. Exports and the command line never allow it, so what they draw is
the same on every run. numba itself is imported only when the compiled kernels are first asked for.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

SMALL = 600
allow_uncompiled = False  # the window's first picture may come from the numpy kernels
_ready = threading.Event()
_lock = threading.Lock()
_compiled: Kernels | None = None


@dataclass(frozen=True)
class Kernels:
    """The engine's inner loops, with the signatures of the numba versions."""

    csr: Callable[..., Any]
    components: Callable[..., Any]
    subgraph: Callable[..., Any]
    pivot_distances: Callable[..., Any]
    place_waves: Callable[..., Any]
    add_repulsion: Callable[..., Any]
    add_edge_forces: Callable[..., Any]
    apply_displacement: Callable[..., Any]
    compiled: bool


def compiled() -> Kernels:
    """The numba kernels (importing numba on first use; each compiles, or loads from cache, on first call)."""
    global _compiled
    with _lock:
        if _compiled is None:
            from desktop.layout import _forces, _quadtree, _seeding

            _compiled = Kernels(_seeding.csr, _seeding.components, _seeding.subgraph, _seeding.pivot_distances,
                                _seeding.place_waves, _quadtree.add_repulsion, _forces.add_edge_forces,
                                _forces.apply_displacement, True)
        return _compiled


def uncompiled() -> Kernels:
    from desktop.layout import _small

    return Kernels(_small.csr, _small.components, _small.subgraph, _small.pivot_distances, _small.place_waves,
                   _small.add_repulsion, _small.add_edge_forces, _small.apply_displacement, False)


def for_nodes(n: int) -> Kernels:
    """The kernels for a layout of ``n`` nodes: compiled, unless they are not loaded yet and numpy may stand in."""
    if allow_uncompiled and not _ready.is_set() and n <= SMALL:
        return uncompiled()
    return compiled()


def mark_ready() -> None:
    """Called once every kernel has been compiled or loaded (see :func:`desktop.layout.engine.warm_up`)."""
    _ready.set()


def ready() -> bool:
    return _ready.is_set()
