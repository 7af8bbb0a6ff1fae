"""The installed wheel carries resources/: running outside the checkout still finds the dataset."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_an_installed_wheel_finds_its_resources(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(wheels),
         str(ROOT)],
        check=True, capture_output=True, timeout=600,
    )
    (wheel,) = wheels.glob("relmap-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for needed in ("desktop/resources/datasets/kerry-2013-2014.json", "desktop/resources/schema/relmap-1.schema.json",
                   "desktop/cli.py", "desktop/canvas/map_view.py"):
        assert needed in names
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target),
                    str(wheel)], check=True, capture_output=True, timeout=600)
    script = (
        "import desktop, desktop.core.resources as r;"
        "from desktop.io.native import load_dataset;"
        "print(desktop.__file__); print(len(load_dataset(r.builtin_dataset_path()).actors))"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True,
                          env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"}, timeout=120)
    assert done.returncode == 0, done.stderr
    where, actors = done.stdout.split()
    assert where.startswith(str(target))
    assert int(actors) > 20
