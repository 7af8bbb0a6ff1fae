"""Writes never publish a broken file: a failing writer, a full disk, a folder as the target, links,
permissions and the temporaries a killed run leaves behind (issue 16, items 1, 8, 9 and 10)."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main as cli_main
from desktop.export import encode, vector
from desktop.io.atomic import TEMP_MARK, remove_stale, temp_beside

STILLS = ("png", "svg", "pdf")
MOVIES = ("gif", "mp4")
MOVIE_ARGS = ["--from", "2013-07-01", "--to", "2013-08-15", "--duration", "0.5", "--fps", "10", "--size", "64x48"]


def _export(dataset: Path, target: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    suffix = target.suffix.lstrip(".")
    extra = MOVIE_ARGS if suffix in MOVIES else ["--size", "64x48"]
    status = cli_main(["export", str(dataset), "-o", str(target), *extra])
    return status, capsys.readouterr().err


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if TEMP_MARK in p.name or p.name.endswith(".tmp"))


class _HalfThenFull:
    """A file whose writes stop halfway with ENOSPC, as a full disk does."""

    def __init__(self, real: Any) -> None:
        self.real = real

    def write(self, data: Any) -> int:
        view = memoryview(data)
        self.real.write(view[: len(view) // 2])
        self.real.flush()
        raise OSError(errno.ENOSPC, "No space left on device")

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def __enter__(self) -> _HalfThenFull:
        return self

    def __exit__(self, *exc: object) -> None:
        self.real.close()


@pytest.fixture
def full_disk_for_temporaries(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every write to one of our temporary files runs out of space halfway."""
    real_open = open

    def opener(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real_open(file, mode, *args, **kwargs)
        return _HalfThenFull(handle) if "w" in mode and TEMP_MARK in str(file) else handle

    monkeypatch.setattr("builtins.open", opener)


# -- item 1: a writer that fails never replaces the old file ------------------------------------------

@pytest.mark.parametrize("suffix", STILLS)
def test_a_full_disk_keeps_the_old_picture_and_says_why_in_one_line(
        suffix: str, tmp_path: Path, write_dataset: Callable[..., Path], capsys: pytest.CaptureFixture[str],
        full_disk_for_temporaries: None) -> None:
    target = tmp_path / f"map.{suffix}"
    target.write_bytes(b"the good old file")
    status, err = _export(write_dataset(), target, capsys)
    assert status == 2
    assert err == f"relmap: error: no space left on device writing {target}\n"
    assert target.read_bytes() == b"the good old file"
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("suffix,cut", [("pdf", 24_576), ("svg", 4_096), ("png", 2_048)])
def test_a_writer_that_stops_early_without_saying_so_is_refused(
        suffix: str, cut: int, tmp_path: Path, write_dataset: Callable[..., Path],
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """QPdfWriter on a full disk ends "successfully" with a 24,576-byte PDF: the end marker is checked."""
    from desktop.export import image

    def short(data: bytes) -> bytes:
        """Stopped at ``cut`` bytes, or halfway when the whole picture is smaller than that."""
        return data[:min(cut, len(data) // 2)]

    if suffix == "pdf":
        real = vector.PdfExporter.render
        monkeypatch.setattr(vector.PdfExporter, "render", lambda self: short(real(self)))
    elif suffix == "svg":
        real_svg = vector.SvgExporter.render
        monkeypatch.setattr(vector.SvgExporter, "render", lambda self: short(real_svg(self)))
    else:
        real_png = image.encode_image
        monkeypatch.setattr(image, "encode_image", lambda *a: short(real_png(*a)))
    target = tmp_path / f"map.{suffix}"
    target.write_bytes(b"the good old file")
    status, err = _export(write_dataset(), target, capsys)
    assert status == 2
    assert "incomplete file" in err and len(err.strip().splitlines()) == 1
    assert target.read_bytes() == b"the good old file"
    assert _leftovers(tmp_path) == []


def test_a_video_encoder_that_fails_is_one_line_and_keeps_the_old_file(
        tmp_path: Path, write_dataset: Callable[..., Path], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """ffmpeg stopping with an error (here: an option it refuses) is its exit status, not a 'wrote …'."""
    monkeypatch.setattr(encode, "_MP4_OUTPUT", [*encode._MP4_OUTPUT, "-no-such-option", "1"])
    target = tmp_path / "talks.mp4"
    target.write_bytes(b"the good old film")
    status, err = _export(write_dataset(), target, capsys)
    assert status == 2
    assert err.startswith(f"relmap: error: {target}: encoding failed (ffmpeg stopped with exit status")
    assert len(err.strip().splitlines()) == 1 and "FFMPEG COMMAND" not in err
    assert target.read_bytes() == b"the good old film"
    assert _leftovers(tmp_path) == []


def test_a_truncated_video_is_never_published(
        tmp_path: Path, write_dataset: Callable[..., Path], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    real = encode.ENCODERS["mp4"]

    def short(path: Path, *args: Any) -> None:
        real(path, *args)
        with open(path, "r+b") as stream:
            stream.truncate(path.stat().st_size // 2)

    monkeypatch.setitem(encode.ENCODERS, "mp4", short)
    target = tmp_path / "talks.mp4"
    target.write_bytes(b"the good old film")
    status, err = _export(write_dataset(), target, capsys)
    assert status == 2 and "incomplete file" in err
    assert target.read_bytes() == b"the good old film"


def _mount_tmpfs(folder: Path) -> str:
    """Mount a 2 MiB tmpfs on ``folder``; returns why it could not, or an empty string."""
    if os.geteuid() != 0:
        return "not running as root"
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(folder)],
                            capture_output=True, text=True, check=False)
    return "" if result.returncode == 0 else f"mount refused: {result.stderr.strip() or result.returncode}"


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "tmpfs"
    folder.mkdir()
    why = _mount_tmpfs(folder)
    if why:
        pytest.skip(f"a real full disk needs a tmpfs mount, and this machine cannot mount one ({why}); "
                    "the simulated full-disk tests above still ran")
    try:
        yield folder
    finally:
        if subprocess.run(["umount", str(folder)], check=False).returncode != 0:
            subprocess.run(["umount", "-l", str(folder)], check=False)


@pytest.mark.parametrize("suffix", STILLS + MOVIES)
def test_a_real_full_tmpfs_keeps_the_old_file(
        suffix: str, tiny_disk: Path, write_dataset: Callable[..., Path],
        capsys: pytest.CaptureFixture[str]) -> None:
    """A 2 MiB tmpfs filled to its last few kilobytes: every exporter must notice, with one line."""
    target = tiny_disk / f"map.{suffix}"
    target.write_bytes(b"the good old file")
    filler = tiny_disk / "filler"
    free = os.statvfs(tiny_disk).f_bavail * os.statvfs(tiny_disk).f_frsize
    filler.write_bytes(b"\0" * max(0, free - 2048))
    status, err = _export(write_dataset(), target, capsys)
    assert status == 2, err
    assert err == f"relmap: error: no space left on device writing {target}\n"
    assert target.read_bytes() == b"the good old file"
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["filler", target.name]


# -- item 10: a folder as the destination is refused before any work -----------------------------------

@pytest.mark.parametrize("suffix", ("png", "mp4"))
def test_an_output_that_is_a_folder_is_refused_before_rendering(
        suffix: str, tmp_path: Path, write_dataset: Callable[..., Path], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.export import stage

    def no_rendering(*_: object, **__: object) -> None:
        raise AssertionError("rendered before checking the destination")

    monkeypatch.setattr(stage.Stage, "__init__", no_rendering)
    target = tmp_path / f"out.{suffix}"
    target.mkdir()
    status, err = _export(write_dataset(), target, capsys)
    assert status == 2
    assert err.startswith(f"relmap: error: {target}: is a folder") and len(err.splitlines()) == 1


@pytest.mark.parametrize("flag", ["--duration", "--days-per-second"])
@pytest.mark.parametrize("value", ["nan", "inf", "-1"])
def test_a_pace_that_is_not_a_number_is_a_bad_argument(
        flag: str, value: str, tmp_path: Path, write_dataset: Callable[..., Path],
        capsys: pytest.CaptureFixture[str]) -> None:
    status = cli_main(["export", str(write_dataset()), "-o", str(tmp_path / "a.gif"), flag, value])
    err = capsys.readouterr().err
    assert status == 2, err
    assert err.startswith(f"relmap: error: {flag} ") and len(err.splitlines()) == 1


# -- item 8: convert ----------------------------------------------------------------------------------

def test_convert_refuses_to_write_over_its_input(tmp_path: Path, write_dataset: Callable[..., Path],
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    source = write_dataset(name="same.json")
    original = source.read_bytes()
    link = tmp_path / "link.json"
    link.symlink_to(source)
    hard = tmp_path / "hard.json"
    os.link(source, hard)
    for target in (source, link, hard, tmp_path / "." / "same.json"):
        status = cli_main(["convert", str(source), str(target)])
        err = capsys.readouterr().err
        assert status == 2, target
        assert "is the file being converted" in err and len(err.splitlines()) == 1
    assert source.read_bytes() == original and link.is_symlink()


def test_convert_keeps_the_destinations_permissions(tmp_path: Path, write_dataset: Callable[..., Path]) -> None:
    target = tmp_path / "private.gexf"
    target.write_text("old")
    target.chmod(0o600)
    assert cli_main(["convert", str(write_dataset()), str(target)]) == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text().startswith("<?xml")


def test_convert_writes_through_a_symlinked_destination(tmp_path: Path, write_dataset: Callable[..., Path]) -> None:
    """Documented choice: the file the link points at is replaced; the link stays a link."""
    real = tmp_path / "store" / "real.json"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "out.json"
    link.symlink_to(real)
    assert cli_main(["convert", str(write_dataset()), str(link)]) == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert '"relmap": 1' in real.read_text()
    assert _leftovers(tmp_path) == [] and _leftovers(real.parent) == []


def test_convert_to_a_folder_names_it(tmp_path: Path, write_dataset: Callable[..., Path],
                                      capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    status = cli_main(["convert", str(write_dataset()), "."])
    err = capsys.readouterr().err
    assert status == 2
    assert err == f"relmap: error: {tmp_path.name}: '.' is a folder; give a file name ending in .gexf or .json\n"


# -- item 9: temporaries of a killed run ---------------------------------------------------------------

_KILLED = """
import os, sys
from desktop.io.atomic import temp_beside
temp = temp_beside(sys.argv[1], ".png")
temp.write_bytes(b"half a picture")
print(temp, flush=True)
os.kill(os.getpid(), 9)
"""


def test_a_killed_runs_temporary_is_recognisable_and_removed_at_the_next_write(
        tmp_path: Path, write_dataset: Callable[..., Path]) -> None:
    target = tmp_path / "map.png"
    run = subprocess.run([sys.executable, "-c", _KILLED, str(target)], capture_output=True, text=True, check=False)
    assert run.returncode == -9
    left = Path(run.stdout.strip())
    assert left.exists() and left.parent == tmp_path
    assert left.name.startswith(".map.png.relmap-tmp-") and left.name.endswith(".png")
    someone_elses = tmp_path / ".map.png.other-tool.tmp"
    someone_elses.write_text("not ours")
    mine = temp_beside(target)  # this run's own temporary, in use
    assert cli_main(["convert", str(write_dataset()), str(tmp_path / "out.json")]) == 0
    assert not left.exists()
    assert someone_elses.exists() and mine.exists()
    mine.unlink()


def test_a_live_runs_temporary_is_left_alone(tmp_path: Path) -> None:
    parent = os.getppid()  # alive for as long as this test runs
    other = tmp_path / f".map.png{TEMP_MARK}{parent}-abcdefgh.png"
    other.write_text("an export in progress")
    assert remove_stale(tmp_path) == []
    assert other.exists()
