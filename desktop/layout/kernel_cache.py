"""Where a bundle keeps its compiled kernels: shipped warm from the build, then in the user's cache folder.

numba caches a compiled kernel under a folder named after the absolute path of its source file, so a
cache made on the build machine is never found where a user unpacks the bundle, and every first start
after an install compiled the kernels again (seconds; a map of more than a few hundred actors waited for
it). In a bundle (``sys.frozen``) :class:`BundleCacheLocator` keeps each module's kernels in
``<user cache>/relmap/kernels/<module>`` instead, a path that does not depend on where the bundle lives,
and fills that folder once from ``<bundle>/_internal/kernel-cache``, which the build filled by running
the bundle itself (resources/bundle/relmap.spec). numba still checks each entry: the stamp is a hash of
the bundle's executable, and the key holds the kernel's bytecode and the CPU, so a kernel from another
build or for another processor is compiled afresh, never loaded wrongly. The bundle compiles for the
generic CPU of its architecture (``NUMBA_CPU_NAME=generic``), so the shipped kernels fit every machine.

Each kernel module imports this one before its first ``@njit(cache=True)``, which puts the locator first
in numba's list when frozen (a checkout keeps numba's own, beside the sources); only kernel modules import
it, so it imports numba freely.
"""

from __future__ import annotations

import os
import shutil
import sys
import threading
from pathlib import Path
from typing import Any

from numba.core import caching
from numba.core.caching import _CacheLocator, _SourceFileBackedLocatorMixin
from numba.misc.appdirs import AppDirs

SHIPPED = "kernel-cache"  # inside the bundle's _internal folder
FOLDER_VARIABLE = "RELMAP_KERNEL_CACHE"  # overrides the folder (the build fills the shipped one with it)
_seeded = threading.Lock()
_seeded_once = False


def folder() -> Path:
    """The user's kernel folder (or the one ``RELMAP_KERNEL_CACHE`` names)."""
    chosen = os.environ.get(FOLDER_VARIABLE)
    if chosen:
        return Path(chosen)
    return Path(AppDirs(appname="relmap", appauthor=False).user_cache_dir) / "kernels"  # type: ignore[no-untyped-call]


def shipped() -> Path | None:
    """The kernels the bundle was built with, if this is a bundle that has them."""
    base = getattr(sys, "_MEIPASS", None)
    path = Path(base) / SHIPPED if base else None
    return path if path is not None and path.is_dir() else None


def seed(target: Path, source: Path | None) -> None:
    """Copy the shipped kernels into ``target`` once per process, never over files already there."""
    global _seeded_once
    with _seeded:
        if _seeded_once or source is None or source.resolve() == target.resolve():
            _seeded_once = True
            return
        _seeded_once = True
        for path in source.rglob("*"):
            if path.is_file():
                copy = target / path.relative_to(source)
                if not copy.exists():
                    try:
                        copy.parent.mkdir(parents=True, exist_ok=True)
                        shutil.copy2(path, copy)
                    except OSError:
                        return  # a folder we cannot write: numba compiles, as without shipped kernels


class BundleCacheLocator(_SourceFileBackedLocatorMixin, _CacheLocator):
    """numba's cache locator for Relmap's kernels in a bundle (see the module's docstring)."""

    def __init__(self, py_func: Any, py_file: str) -> None:
        self._py_file = py_file
        self._lineno = py_func.__code__.co_firstlineno
        self._cache_path = str(folder() / py_func.__module__)

    def get_cache_path(self) -> str:
        return self._cache_path

    @classmethod
    def from_function(cls, py_func: Any, py_file: str) -> BundleCacheLocator | None:
        if not getattr(sys, "frozen", False) or not str(py_func.__module__).startswith("desktop."):
            return None  # a checkout caches beside its sources, as numba does by itself
        seed(folder(), shipped())
        locator = cls(py_func, py_file)
        try:
            locator.ensure_cache_path()  # type: ignore[no-untyped-call]
        except OSError:
            return None
        return locator


def install() -> None:
    """Put :class:`BundleCacheLocator` first in numba's list of cache locators, in a bundle only (idempotent)."""
    impl = getattr(caching, "CacheImpl", None) or getattr(caching, "_CacheImpl")  # noqa: B009 (renamed in 0.61)
    if getattr(sys, "frozen", False) and BundleCacheLocator not in impl._locator_classes:
        impl._locator_classes.insert(0, BundleCacheLocator)


install()
