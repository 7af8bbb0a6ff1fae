"""Build the PyInstaller bundle and run it as someone without Python would: no venv, no source tree.

Slow (about a minute to build on two cores, plus the first JIT compile), so marked ``slow``; it runs in
``make test``. It installs the ``bundle`` extra's tools into the running environment if they are missing,
as ``make bundle`` does.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "resources" / "bundle" / "relmap.spec"


def _ensure_pyinstaller() -> None:
    if importlib.util.find_spec("PyInstaller") is not None:
        return
    extra = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", *extra["bundle"]], check=True, timeout=900)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not sys.platform.startswith("linux"):
        pytest.skip("the bundle test runs the Linux layout")
    _ensure_pyinstaller()
    work = tmp_path_factory.mktemp("bundle")
    done = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(work / "dist"), "--workpath", str(work / "build"), str(SPEC)],
        cwd=work, capture_output=True, text=True, timeout=1800,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    app = work / "dist" / "relmap" / "relmap"
    assert app.is_file()
    return app


def _clean_env(home: Path) -> dict[str, str]:
    """What a desktop session would give: no PYTHONPATH, no venv, no checkout on PATH."""
    return {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen"}


def _run(app: Path, args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(app), *args], cwd=cwd, env=_clean_env(cwd / "home"), capture_output=True, text=True,
                          timeout=600)


def test_the_bundle_exports_the_builtin_dataset(bundle: Path, tmp_path: Path) -> None:
    from PIL import Image

    done = _run(bundle, ["export", "-o", "x.png"], tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    with Image.open(tmp_path / "x.png") as image:
        pixels = np.asarray(image.convert("RGB")).astype(int)
    assert pixels.shape == (1000, 1600, 3)
    red = (pixels[..., 0] > 150) & (pixels[..., 1] < 90) & (pixels[..., 2] < 90)  # hostile ties
    blue = (pixels[..., 2] > 130) & (pixels[..., 0] < 90)  # warm ties
    assert red.sum() > 200 and blue.sum() > 200
    # the kernels the build compiled and shipped were copied to the user's cache folder, not compiled again
    assert list((tmp_path / "home" / ".cache" / "relmap" / "kernels").rglob("*.nbi"))


def test_a_first_start_of_the_bundle_loads_the_shipped_kernels_instead_of_compiling(
        bundle: Path, tmp_path: Path) -> None:
    """The build compiles every kernel into the bundle; a fresh home (as after an install) only loads them."""
    shipped = list((bundle.parent / "_internal" / "kernel-cache").rglob("*.nbc"))
    assert shipped
    env = {**_clean_env(tmp_path / "home"), "NUMBA_DEBUG_CACHE": "1"}
    # every kernel, through the entry the build used (the window would load them on a background thread)
    done = subprocess.run([str(bundle), "--warm-kernel-cache"], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    log = done.stdout + done.stderr
    assert "data loaded from" in log
    assert "data saved to" not in log, log[-3000:]  # nothing was compiled


def test_the_bundle_reads_a_dataset_from_the_command_line(
        bundle: Path, tmp_path: Path, write_dataset: Callable[..., Path]) -> None:
    path = write_dataset()
    done = _run(bundle, ["validate", str(path)], tmp_path)
    assert done.returncode == 0, done.stderr
    assert re.search(r"actors:\s+3", done.stdout)
    done = _run(bundle, ["--version"], tmp_path)
    assert done.stdout.startswith("relmap ")


def test_the_bundle_installs_its_desktop_entry(bundle: Path, tmp_path: Path) -> None:
    done = subprocess.run([str(bundle), "install-desktop", "--data-home", str(tmp_path / "share")], cwd=tmp_path,
                          env=_clean_env(tmp_path), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    entry = (tmp_path / "share" / "applications" / "relmap.desktop").read_text(encoding="utf-8")
    assert f"Exec={bundle} %f" in entry
