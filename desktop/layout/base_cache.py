"""Whole-span layouts kept on disk between runs, so reopening a file shows its map without laying it out again.

The whole-span layout (:meth:`desktop.layout.timeline_layout.MapLayout.base_positions`) is most of a map's
first layout: a tenth of a second for the built-in dataset, seconds for thousands of actors, and the app
reopens the last file at every start. It depends only on the ties, their weights, the seed, the starting
positions a file gives, which kernels ran and the layout code itself, so a file keyed by a hash of exactly
those is the same answer the engine would give again. The window sets :data:`folder`; exports and the
command line leave it unset and always compute.

Files are plain ``.npy`` arrays (read with ``allow_pickle=False``), written to a temporary name and renamed,
so a crash never leaves half a file under a real key; one that cannot be read is computed again.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import numpy as np

folder: Path | None = None  # where layouts are kept; None: never read or written
MAX_FILES = 64  # the most recently used are kept

_CODE = ("engine", "placement", "kernels", "_small", "_forces", "_quadtree", "_seeding", "timeline_layout")
_code_hash: bytes | None = None


def _code() -> bytes:
    """A digest of the layout code, so a new version of the engine never reuses an old answer."""
    global _code_hash
    if _code_hash is None:
        from desktop import __version__

        digest = hashlib.blake2b(__version__.encode(), digest_size=16)
        here = Path(__file__).parent
        for name in _CODE:
            source = here / f"{name}.py"
            digest.update(source.read_bytes() if source.is_file() else name.encode())  # a bundle has no sources
        _code_hash = digest.digest()
    return _code_hash


def key(n: int, edges: np.ndarray, weights: np.ndarray, *, seed: int, start: np.ndarray | None,
        compiled: bool) -> str:
    """The name of the layout of this graph: every input of the whole-span layout, hashed."""
    digest = hashlib.blake2b(_code(), digest_size=20)
    digest.update(f"{n}|{seed}|{compiled}|{edges.shape}|{weights.shape}".encode())
    digest.update(np.ascontiguousarray(edges, dtype=np.int64).tobytes())
    digest.update(np.ascontiguousarray(weights, dtype=np.float64).tobytes())
    if start is not None:
        digest.update(np.ascontiguousarray(start, dtype=np.float64).tobytes())
    return digest.hexdigest()


def load(name: str, n: int) -> np.ndarray | None:
    """The kept layout of ``n`` actors, or None (not kept, unreadable, or of another shape)."""
    if folder is None:
        return None
    path = folder / f"{name}.npy"
    try:
        positions: np.ndarray = np.load(path, allow_pickle=False)
        os.utime(path)  # recently used: kept when the folder is pruned
    except (OSError, ValueError, EOFError):
        return None
    if positions.shape != (n, 2) or positions.dtype != np.float64 or not np.isfinite(positions).all():
        return None
    return positions


def store(name: str, positions: np.ndarray) -> None:
    """Keep ``positions`` under ``name`` (atomically); failures are ignored, the layout is only not kept."""
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".layout-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                np.save(out, np.ascontiguousarray(positions, dtype=np.float64), allow_pickle=False)
            os.replace(temporary, folder / f"{name}.npy")
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        _prune(folder)
    except OSError:
        pass


def _prune(where: Path) -> None:
    files = sorted(where.glob("*.npy"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[MAX_FILES:]:
        old.unlink(missing_ok=True)
