"""File → Export… for every still and the GIF: each option chosen in the dialog's own widgets, each file
checked for what a user opening it would see (SVG text, a PDF page of the chosen size, GIF frames, a 2×
PNG, a transparent background). Cancel writes nothing."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import shiboken6
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QProgressDialog,
    QPushButton,
)

from tests.acceptance.conftest import actor_point, click, image_array, looks_alike, shared
from tests.acceptance.helpers import (
    choose_in_combo,
    export_button,
    open_export,
    paste_into,
    tick,
    type_into_file_dialog,
    type_number,
    wheel_zoom,
    when_shown,
)
from tests.conftest import BUILTIN

SVG = "{http://www.w3.org/2000/svg}"
AT = "2013-11-20"


def export_still(qtbot: Any, win: Any, dialog: Any, target: Path) -> None:
    """Press Export and wait for the file and the status bar's "Saved"."""
    click(export_button(dialog))
    qtbot.waitUntil(lambda: win.statusBar().currentMessage() == f"Saved {target}", timeout=30000)
    assert target.is_file() and closed(dialog)


def closed(dialog: Any) -> bool:
    """Off the screen (the window frees a closed Export dialog, so it may be gone altogether)."""
    return not shiboken6.isValid(dialog) or not dialog.isVisible()


def set_size(dialog: Any, width: int, height: int) -> None:
    type_number(dialog.width_box, width)
    type_number(dialog.height_box, height)


def test_export_svg_keeps_the_names_as_text(open_window: Callable[..., Any], qtbot: Any, tmp_path: Path) -> None:
    import defusedxml.ElementTree as SafeET

    win = open_window(BUILTIN, at=AT)
    on_screen = set(win.map_view.labels.shown())
    assert {"John Kerry", "Benjamin Netanyahu"} <= on_screen
    dialog = open_export(win, qtbot)
    paste_into(dialog.path, str(tmp_path / "talks.png"))
    choose_in_combo(qtbot, dialog.format, "SVG drawing")  # the format list renames the file
    target = tmp_path / "talks.svg"
    assert dialog.path.text() == str(target)
    set_size(dialog, 1000, 640)
    export_still(qtbot, win, dialog, target)
    root = SafeET.parse(target).getroot()
    assert root.tag == f"{SVG}svg"
    assert (root.get("width"), root.get("height"), root.get("viewBox")) == ("1000", "640", "0 0 1000 640")
    texts = {"".join(t.itertext()).strip() for t in root.iter(f"{SVG}text")}
    assert "20 November 2013" in texts  # the caption's date
    missing = {name for name in on_screen if name not in texts}
    assert len(missing) <= len(on_screen) // 4, f"names on screen but not in the SVG: {sorted(missing)}"
    assert {"John Kerry", "Benjamin Netanyahu"} <= texts
    assert not list(root.iter(f"{SVG}image"))  # drawn, not a picture pasted in


def svg_names(path: Path) -> set[str]:
    import defusedxml.ElementTree as SafeET

    return {"".join(t.itertext()).strip() for t in SafeET.parse(path).getroot().iter(f"{SVG}text")}


def test_whole_map_exports_the_actors_a_zoomed_window_leaves_out(open_window: Callable[..., Any], qtbot: Any,
                                                                 tmp_path: Path) -> None:
    win = open_window(BUILTIN, at=AT)
    actors = {a.name for a in win.state.dataset.actors}
    fitted = set(win.map_view.labels.shown())
    wheel_zoom(win.map_view, 4)
    qtbot.waitUntil(lambda: not win.map_view.is_animating(), timeout=10000)
    assert len(win.map_view.labels.shown()) < len(fitted) - 5  # zoomed in, some names are off the window
    named: dict[str, set[str]] = {}
    for name, region in (("screen.svg", "on_screen"), ("whole.svg", "whole")):
        dialog = open_export(win, qtbot)
        paste_into(dialog.path, str(tmp_path / name))
        tick(getattr(dialog, region))
        assert getattr(dialog, region).isChecked()
        export_still(qtbot, win, dialog, tmp_path / name)
        named[region] = svg_names(tmp_path / name) & actors
    assert len(named["on_screen"]) < len(named["whole"]) - 5, named
    missing = fitted - named["whole"]
    assert len(missing) <= len(fitted) // 4, f"names of the fitted window missing from the whole map: {missing}"


def test_export_pdf_is_one_page_of_the_chosen_size(open_window: Callable[..., Any], qtbot: Any,
                                                   tmp_path: Path) -> None:
    win = open_window(BUILTIN, at=AT)
    dialog = open_export(win, qtbot, by_menu=True)  # File → Export… with the mouse
    target = tmp_path / "talks.pdf"
    paste_into(dialog.path, str(target))
    assert dialog.format.currentText().startswith("PDF")  # the typed suffix chose the format
    choose_in_combo(qtbot, dialog.preset, "1600 × 1000")
    assert (dialog.width_box.value(), dialog.height_box.value()) == (1600, 1000)
    export_still(qtbot, win, dialog, target)
    data = target.read_bytes()
    assert data.startswith(b"%PDF-1.") and data.rstrip().endswith(b"%%EOF")
    assert len(re.findall(rb"/Type\s*/Page\b", data)) == 1  # one page (the /Pages tree is not a page)
    boxes = re.findall(rb"/MediaBox\s*\[\s*([\d.\s]+)\]", data)
    assert [[float(v) for v in box.split()] for box in boxes] == [[0, 0, 1200, 750]]  # 1600×1000 px at 96 dpi


def test_browse_names_the_file_and_the_chosen_format_gives_its_suffix(open_window: Callable[..., Any], qtbot: Any,
                                                                      tmp_path: Path) -> None:
    win = open_window(BUILTIN, at=AT)
    dialog = open_export(win, qtbot)
    choose_in_combo(qtbot, dialog.format, "PDF document")
    handled = when_shown(QFileDialog, type_into_file_dialog(str(tmp_path / "talks")))  # a name, no suffix
    click(next(b for b in dialog.findChildren(QPushButton) if b.text() == "Browse…"))
    qtbot.waitUntil(lambda: bool(handled), timeout=10000)
    target = tmp_path / "talks.pdf"
    qtbot.waitUntil(lambda: dialog.path.text() == str(target), timeout=5000)
    assert dialog.format.currentText().startswith("PDF")
    export_still(qtbot, win, dialog, target)
    assert target.read_bytes().startswith(b"%PDF-")


def test_export_a_gif_of_a_date_range(open_window: Callable[..., Any], qtbot: Any, tmp_path: Path) -> None:
    from PIL import Image, ImageSequence

    win = open_window(BUILTIN, at=AT, size=(900, 640))
    dialog = open_export(win, qtbot)
    target = tmp_path / "november.gif"
    paste_into(dialog.path, str(target))
    assert dialog.movie_box.isVisible() and not dialog.still_box.isVisible()
    set_size(dialog, 320, 200)
    paste_into(dialog.start, "2013-11-01")
    paste_into(dialog.end, "2013-11-20")
    type_number(dialog.fps, 10)
    type_number(dialog.speed, 38)  # days per second: the greyed duration shows what that gives
    assert dialog.duration.value() == 0.5 and not dialog.duration.isEnabled()
    click(dialog.by_duration)
    type_number(dialog.duration, 0.8)  # or a duration: the greyed speed follows
    assert dialog.speed.value() == 23.75 and not dialog.speed.isEnabled()
    choose_in_combo(qtbot, dialog.easing, "Linear")
    click(export_button(dialog))
    qtbot.waitUntil(lambda: win.statusBar().currentMessage() == f"Saved {target}", timeout=120000)
    with Image.open(target) as gif:
        assert gif.format == "GIF" and gif.size == (320, 200)
        frames = [np.asarray(frame.convert("RGB")) for frame in ImageSequence.Iterator(gif)]
        delays = {frame.info.get("duration") for frame in ImageSequence.Iterator(gif)}
    assert 5 <= len(frames) <= 12, len(frames)  # 0.8 s at 10 fps, give or take the end frames
    assert delays == {100}  # 10 fps: a tenth of a second per frame
    assert all(len(np.unique(f.reshape(-1, 3)[::7], axis=0)) > 20 for f in frames)  # drawn maps, not blanks
    assert np.abs(frames[0].astype(int) - frames[-1].astype(int)).mean() > 0.5  # the date moved on


def refusal(qtbot: Any, dialog: Any) -> str:
    """Press Export, expecting the "Cannot export" box: its text, once it is closed with OK."""
    said: list[str] = []

    def read_and_close(box: QMessageBox) -> None:
        said.append(f"{box.windowTitle()}: {box.text()}")
        click(box.button(QMessageBox.StandardButton.Ok))

    handled = when_shown(QMessageBox, read_and_close)
    click(export_button(dialog))
    qtbot.waitUntil(lambda: bool(handled) and bool(said), timeout=10000)
    assert dialog.isVisible(), "the dialog closed: the choices to correct are lost"
    return said[0]


@pytest.mark.parametrize("case", ["reversed range", "map without dates"])
def test_an_animation_that_cannot_be_made_is_refused_in_the_dialogs_words(case: str, open_window: Callable[..., Any],
                                                                          qtbot: Any, tmp_path: Path) -> None:
    if case == "map without dates":
        win = open_window(shared("igraph-format-samples", "karate.gml"))
    else:
        win = open_window(BUILTIN, at=AT)
    dialog = open_export(win, qtbot)
    paste_into(dialog.path, str(tmp_path / "clip.gif"))
    set_size(dialog, 320, 200)
    if case == "reversed range":
        paste_into(dialog.start, "2014-01-01")
        paste_into(dialog.end, "2013-10-01")
    said = refusal(qtbot, dialog)
    assert "--" not in said, f"the dialog speaks the command line's language: {said}"
    if case == "reversed range":
        assert said == "Cannot export: From (1 January 2014) is not before To (1 October 2013)"
    else:
        assert said.startswith("Cannot export: karate has no dates: an animation needs a date range")
    assert not any(tmp_path.iterdir())


def test_cancel_in_the_animation_progress_leaves_no_file(open_window: Callable[..., Any], qtbot: Any,
                                                         tmp_path: Path) -> None:
    win = open_window(BUILTIN, at=AT, size=(900, 640))
    dialog = open_export(win, qtbot)
    paste_into(dialog.path, str(tmp_path / "talks.gif"))
    set_size(dialog, 320, 200)
    paste_into(dialog.start, "2013-07-29")
    paste_into(dialog.end, "2014-04-30")
    click(dialog.by_duration)
    type_number(dialog.duration, 60)  # 1,200 frames: minutes of work, stopped after a few
    click(export_button(dialog))
    qtbot.waitUntil(lambda: (d := win.findChild(QProgressDialog, "export_progress")) is not None and d.isVisible()
                    and d.value() > 0, timeout=60000)
    progress = win.findChild(QProgressDialog, "export_progress")
    assert progress.windowTitle() == "Exporting animation" and progress.value() < progress.maximum()
    click(progress.findChild(QPushButton))  # the frames are painted from this thread: none is painted meanwhile
    qtbot.waitUntil(lambda: win.statusBar().currentMessage() == "Export cancelled", timeout=30000)
    qtbot.waitUntil(lambda: not any(tmp_path.iterdir()), timeout=30000)  # nothing half-written is left
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def test_export_png_at_2x_doubles_the_pixels_not_the_layout(open_window: Callable[..., Any], qtbot: Any,
                                                             tmp_path: Path) -> None:
    win = open_window(BUILTIN, at=AT)
    pictures = []
    for name, scale in (("plain.png", "1×"), ("sharp.png", "2×")):
        dialog = open_export(win, qtbot)
        target = tmp_path / name
        paste_into(dialog.path, str(target))
        set_size(dialog, 600, 400)
        choose_in_combo(qtbot, dialog.scale, scale)
        export_still(qtbot, win, dialog, target)
        pictures.append(image_array(QImage(str(target))))
    plain, sharp = pictures
    assert plain.shape[:2] == (400, 600) and sharp.shape[:2] == (800, 1200)
    assert looks_alike(plain, sharp) < 10, "the 2× picture is not the same map"


def test_export_png_with_a_transparent_background(open_window: Callable[..., Any], qtbot: Any,
                                                   tmp_path: Path) -> None:
    win = open_window(BUILTIN, at=AT)
    dialog = open_export(win, qtbot)
    target = tmp_path / "clear.png"
    paste_into(dialog.path, str(target))
    size = (dialog.width_box.value(), dialog.height_box.value())  # the window's map, as on screen
    tick(dialog.transparent)
    assert dialog.transparent.isChecked()
    export_still(qtbot, win, dialog, target)
    image = QImage(str(target)).convertToFormat(QImage.Format.Format_RGBA8888)
    assert (image.width(), image.height()) == size
    alpha = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())[
        :, : 4 * image.width()].reshape(image.height(), image.width(), 4)[..., 3]
    assert alpha[1, size[0] - 2] == 0 and alpha[size[1] // 2, 1] == 0  # top-right corner, left edge: see-through
    dot = actor_point(win.map_view, next(a.id for a in win.state.dataset.actors if a.name == "John Kerry"))
    assert alpha[dot.y(), dot.x()] == 255, "John Kerry's dot is not opaque"


def test_a_path_typed_from_the_home_folder_is_saved_there(open_window: Callable[..., Any], qtbot: Any,
                                                          tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    win = open_window(BUILTIN, at=AT)
    dialog = open_export(win, qtbot)
    paste_into(dialog.path, "~/talks.svg")  # as a shell user types it
    target = tmp_path / "talks.svg"
    refused: list[str] = []
    when_shown(QMessageBox, lambda box: (refused.append(box.text()), box.reject()))
    click(export_button(dialog))
    assert not refused, refused
    qtbot.waitUntil(lambda: win.statusBar().currentMessage() == f"Saved {target}", timeout=30000)
    assert target.is_file() and closed(dialog)


def test_cancel_in_the_export_dialog_writes_nothing(open_window: Callable[..., Any], qtbot: Any,
                                                     tmp_path: Path) -> None:
    win = open_window(BUILTIN, at=AT)
    dialog = open_export(win, qtbot)
    paste_into(dialog.path, str(tmp_path / "never.svg"))
    click(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel))
    qtbot.waitUntil(lambda: closed(dialog), timeout=5000)
    assert list(tmp_path.iterdir()) == []
    assert not win.statusBar().currentMessage().startswith("Saved")
