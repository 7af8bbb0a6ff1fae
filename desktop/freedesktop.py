"""Put Relmap in the user's application menu and make ``*.relmap.json`` files open in it (freedesktop).

Everything goes under the user's XDG data home, never system folders, so no root is needed and
``uninstall`` can remove exactly what ``install`` wrote. The ``.desktop`` entry shipped in resources
says ``Exec=relmap``; the installed copy points at the executable actually running (a venv's script,
a pipx shim or a PyInstaller bundle), because menus are launched without the user's shell PATH.

Qt-free on purpose: this runs from the CLI without a display.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.resources import resource_path

APP_ID = "relmap"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
DESKTOP_FILE = f"{APP_ID}.desktop"
MIME_FILE = f"{APP_ID}.xml"
MIME_TYPE = "application/x-relmap+json"
_EXEC_RESERVED = set(' \t\n"\'\\><~|&;$*?#()`')


@dataclass
class Report:
    """What an install or uninstall touched, for the CLI to print and tests to check."""

    files: list[Path] = field(default_factory=list)
    refreshed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def data_home(environ: Mapping[str, str] | None = None) -> Path:
    """``$XDG_DATA_HOME``, or ``~/.local/share`` when it is unset or relative (as the XDG spec requires)."""
    env = os.environ if environ is None else environ
    value = env.get("XDG_DATA_HOME", "")
    if value and Path(value).is_absolute():
        return Path(value)
    home = env.get("HOME") or str(Path.home())
    return Path(home) / ".local" / "share"


def launch_command() -> list[str]:
    """The command that starts this very installation of Relmap."""
    if getattr(sys, "frozen", False):  # a PyInstaller bundle: the executable is the app
        return [str(Path(sys.executable).resolve())]
    beside = Path(sys.executable).parent / APP_ID
    if beside.is_file() and os.access(beside, os.X_OK):
        return [str(beside)]
    found = shutil.which(APP_ID)
    if found:
        return [str(Path(found).absolute())]
    return [sys.executable, "-m", "desktop"]


def _exec_quote(arg: str) -> str:
    """Quote one argument by the Desktop Entry spec's Exec rules, then escape it as a string value."""
    if arg and not (set(arg) & _EXEC_RESERVED):
        return arg
    inner = "".join("\\" + ch if ch in '"`$\\' else ch for ch in arg)
    return f'"{inner}"'.replace("\\", "\\\\")


def desktop_entry(command: Sequence[str]) -> str:
    """The shipped entry with Exec (and TryExec) pointing at ``command``."""
    lines = []
    for line in resource_path("desktop", "relmap.desktop").read_text(encoding="utf-8").splitlines():
        if line.startswith("Exec="):
            line = "Exec=" + " ".join(_exec_quote(part) for part in command) + " %f"
        elif line.startswith("TryExec="):
            line = "TryExec=" + command[0]
        lines.append(line)
    return "\n".join(lines) + "\n"


def _targets(home: Path) -> dict[Path, Path | None]:
    """Installed path → the resource it copies (None for the generated desktop entry)."""
    icons = home / "icons" / "hicolor"
    targets: dict[Path, Path | None] = {
        home / "applications" / DESKTOP_FILE: None,
        home / "mime" / "packages" / MIME_FILE: resource_path("desktop", "relmap-mime.xml"),
        icons / "scalable" / "apps" / f"{APP_ID}.svg": resource_path("icons", "relmap.svg"),
    }
    for size in ICON_SIZES:
        targets[icons / f"{size}x{size}" / "apps" / f"{APP_ID}.png"] = resource_path("icons", f"relmap-{size}.png")
    return targets


def _refresh(home: Path, report: Report) -> None:
    """Rebuild the caches desktops read; each tool is optional (minimal systems lack them)."""
    jobs = (
        ("update-desktop-database", [str(home / "applications")]),
        ("update-mime-database", [str(home / "mime")]),
        ("gtk-update-icon-cache", ["--force", "--ignore-theme-index", "--quiet", str(home / "icons" / "hicolor")]),
    )
    for tool, args in jobs:
        exe = shutil.which(tool)
        if exe is None or not Path(args[-1]).is_dir():
            continue
        done = subprocess.run([exe, *args], capture_output=True, text=True, timeout=120, check=False)
        if done.returncode == 0:
            report.refreshed.append(tool)
        else:
            report.warnings.append(f"{tool} failed: {(done.stderr or done.stdout).strip()}")


def install(home: Path | None = None, command: Sequence[str] | None = None, refresh: bool = True) -> Report:
    """Write the menu entry, the MIME type and the icons under ``home`` (the XDG data home)."""
    home = data_home() if home is None else home
    report = Report()
    entry = desktop_entry(list(command) if command else launch_command())
    for target, source in _targets(home).items():
        target.parent.mkdir(parents=True, exist_ok=True)
        if source is None:
            target.write_text(entry, encoding="utf-8")
        else:
            shutil.copyfile(source, target)
        report.files.append(target)
    if refresh:
        _refresh(home, report)
    return report


def uninstall(home: Path | None = None, refresh: bool = True) -> Report:
    """Remove what :func:`install` wrote; files it did not write are left alone."""
    home = data_home() if home is None else home
    report = Report()
    for target in _targets(home):
        if target.exists():
            target.unlink()
            report.files.append(target)
    if refresh:
        _refresh(home, report)
    return report
