"""Shape checks before a compiled kernel runs.

numba does not check bounds: an index array of one dataset reaching a kernel with the arrays of a
smaller one reads and writes past their ends, which ends the process with a segmentation fault and no
message. Each Python function that calls a kernel states the shapes it passes here first, so a
mismatch is a ``ValueError`` naming the arrays instead.
"""

from __future__ import annotations

import numpy as np


def rows(what: str, array: np.ndarray, count: int, columns: int | None = None) -> None:
    """``array`` has ``count`` rows (and ``columns`` columns when given)."""
    shape = np.shape(array)
    wanted = (count,) if columns is None else (count, columns)
    if tuple(shape) != wanted:
        raise ValueError(f"{what}: shape {tuple(shape)}, expected {wanted}")


def same_length(**arrays: np.ndarray) -> int:
    """All ``arrays`` have the same length; returns it."""
    lengths = {name: len(a) for name, a in arrays.items()}
    if len(set(lengths.values())) > 1:
        raise ValueError("arrays of different lengths: " + ", ".join(f"{k}={v}" for k, v in lengths.items()))
    return next(iter(lengths.values()), 0)


def indices_within(what: str, index: np.ndarray, count: int) -> None:
    """Every entry of ``index`` lies in ``0 .. count - 1``."""
    if len(index) and (int(np.min(index)) < 0 or int(np.max(index)) >= count):
        raise ValueError(f"{what}: indices {int(np.min(index))}..{int(np.max(index))} outside 0..{count - 1}")
