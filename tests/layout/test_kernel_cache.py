"""A bundle's compiled kernels: a folder that does not depend on where the bundle lives, filled once from
the kernels the build shipped. (tests/test_bundle.py checks the real bundle's first start loads them.)"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from desktop.layout import _forces, kernel_cache


@pytest.fixture
def frozen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A pretend bundle in ``tmp_path/bundle`` whose build shipped one kernel file."""
    shipped = tmp_path / "bundle" / kernel_cache.SHIPPED / "desktop.layout._forces"
    shipped.mkdir(parents=True)
    (shipped / "_forces.add_edge_forces-60.py311.nbi").write_bytes(b"index")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "bundle"), raising=False)
    monkeypatch.setenv(kernel_cache.FOLDER_VARIABLE, str(tmp_path / "user"))
    monkeypatch.setattr(kernel_cache, "_seeded_once", False)
    return tmp_path


def test_a_bundle_keeps_kernels_by_module_and_starts_from_the_shipped_ones(frozen: Path) -> None:
    function = _forces.add_edge_forces.py_func
    locator = kernel_cache.BundleCacheLocator.from_function(function, "/wherever/it/was/unpacked/_forces.py")
    assert locator is not None
    assert Path(locator.get_cache_path()) == frozen / "user" / "desktop.layout._forces"
    copied = frozen / "user" / "desktop.layout._forces" / "_forces.add_edge_forces-60.py311.nbi"
    assert copied.read_bytes() == b"index"


def test_kernels_already_in_the_user_folder_are_not_overwritten(frozen: Path) -> None:
    mine = frozen / "user" / "desktop.layout._forces" / "_forces.add_edge_forces-60.py311.nbi"
    mine.parent.mkdir(parents=True)
    mine.write_bytes(b"compiled here")
    kernel_cache.BundleCacheLocator.from_function(_forces.add_edge_forces.py_func, "_forces.py")
    assert mine.read_bytes() == b"compiled here"


def test_a_checkout_keeps_numbas_own_locations(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert kernel_cache.BundleCacheLocator.from_function(_forces.add_edge_forces.py_func, _forces.__file__) is None


def test_the_locator_comes_first_only_in_a_bundle(frozen: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from numba.core import caching

    impl = getattr(caching, "CacheImpl", None) or caching._CacheImpl
    monkeypatch.setattr(impl, "_locator_classes", list(impl._locator_classes))
    assert kernel_cache.BundleCacheLocator not in impl._locator_classes  # this test process is no bundle
    kernel_cache.install()
    kernel_cache.install()
    assert impl._locator_classes.count(kernel_cache.BundleCacheLocator) == 1
    assert impl._locator_classes[0] is kernel_cache.BundleCacheLocator
