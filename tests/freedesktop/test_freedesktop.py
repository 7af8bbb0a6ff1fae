"""install-desktop / uninstall-desktop into a temporary XDG data home, checked with the freedesktop tools."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import freedesktop as integration
from desktop.cli import main
from desktop.core.resources import resource_path
from tests.ci import skip_or_fail


def _validate(path: Path) -> None:
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        skip_or_fail("desktop-file-validate missing (make system-deps installs desktop-file-utils)")
    done = subprocess.run([tool, str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_the_shipped_entry_is_valid() -> None:
    _validate(resource_path("desktop", "relmap.desktop"))


def test_every_icon_size_is_shipped() -> None:
    from PIL import Image

    assert resource_path("icons", "relmap.svg").is_file()
    for size in integration.ICON_SIZES:
        with Image.open(resource_path("icons", f"relmap-{size}.png")) as image:
            assert image.size == (size, size)
            assert image.mode == "RGBA"


def test_data_home_follows_xdg() -> None:
    assert integration.data_home({"XDG_DATA_HOME": "/x/share", "HOME": "/h"}) == Path("/x/share")
    assert integration.data_home({"XDG_DATA_HOME": "relative", "HOME": "/h"}) == Path("/h/.local/share")
    assert integration.data_home({"HOME": "/h"}) == Path("/h/.local/share")


def test_exec_is_quoted_by_the_spec() -> None:
    entry = integration.desktop_entry(["/opt/My Apps/relmap", "--at", 'a"b'])
    (line,) = [line for line in entry.splitlines() if line.startswith("Exec=")]
    assert line == 'Exec="/opt/My Apps/relmap" --at "a\\\\"b" %f'


def test_install_and_uninstall(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert main(["install-desktop"]) == 0
    entry = tmp_path / "applications" / "relmap.desktop"
    text = entry.read_text(encoding="utf-8")
    exec_line = next(line for line in text.splitlines() if line.startswith("Exec="))
    program = exec_line.removeprefix("Exec=").split()[0]
    assert Path(program).is_absolute() and Path(program).exists(), exec_line
    assert exec_line.endswith(" %f")
    assert "MimeType=application/x-relmap+json;" in text
    _validate(entry)
    for size in integration.ICON_SIZES:
        assert (tmp_path / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "relmap.png").is_file()
    assert (tmp_path / "icons" / "hicolor" / "scalable" / "apps" / "relmap.svg").is_file()
    assert (tmp_path / "mime" / "packages" / "relmap.xml").is_file()
    if shutil.which("update-mime-database"):
        globs = (tmp_path / "mime" / "globs2").read_text(encoding="utf-8")
        assert "application/x-relmap+json:*.relmap.json" in globs
    if shutil.which("update-desktop-database"):
        cache = (tmp_path / "applications" / "mimeinfo.cache").read_text(encoding="utf-8")
        assert "application/x-relmap+json=relmap.desktop;" in cache
    assert "installed" in capsys.readouterr().out

    (tmp_path / "applications" / "other.desktop").write_text("[Desktop Entry]\n", encoding="utf-8")
    assert main(["uninstall-desktop"]) == 0
    assert not entry.exists()
    assert not list(tmp_path.rglob("relmap.png")) and not list(tmp_path.rglob("relmap.xml"))
    assert (tmp_path / "applications" / "other.desktop").exists()
    if shutil.which("update-mime-database"):
        assert "relmap" not in (tmp_path / "mime" / "globs2").read_text(encoding="utf-8")


def test_launch_command_is_this_installation() -> None:
    command = integration.launch_command()
    assert Path(command[0]).exists()
    assert command[0].startswith(str(Path(sys.executable).parent)) or len(command) == 1
