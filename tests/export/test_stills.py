"""PNG, SVG and PDF of one date: real sizes, real drawing, real vector content, the same every time."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import defusedxml.ElementTree as SafeET
import pytest
from PySide6.QtGui import QImage

from desktop.cli import main
from desktop.export.contract import ExportError, Picture, StillOptions
from desktop.export.formats import exporter_for
from desktop.export.image import PngExporter
from desktop.export.vector import PdfExporter, SvgExporter
from tests.ci import unwritable_folder
from tests.export._pixels import rgba, tension_colours

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def picture(kerry) -> Picture:
    return Picture(kerry, kerry.axis.to_instant("2013-11-20"))


def test_png_has_the_size_and_shows_the_map(qtbot, picture: Picture) -> None:
    data = PngExporter(picture, StillOptions((640, 400))).export(to_bytes=True)
    assert data is not None and data.startswith(b"\x89PNG")
    image = QImage.fromData(data)
    assert (image.width(), image.height()) == (640, 400)
    pixels = rgba(image)
    red, blue = tension_colours(pixels)
    assert red > 100 and blue > 100  # hostile and warm ties are both drawn in November 2013
    assert len({tuple(p) for p in pixels[::4, ::4, :3].reshape(-1, 3) // 8}) > 40  # not a blank canvas


def test_png_scale_multiplies_pixels_not_the_layout(qtbot, picture: Picture) -> None:
    plain = rgba(QImage.fromData(PngExporter(picture, StillOptions((320, 200))).export(to_bytes=True)))
    sharp = rgba(QImage.fromData(PngExporter(picture, StillOptions((320, 200), scale=2)).export(to_bytes=True)))
    assert sharp.shape == (400, 640, 4)
    # Downsampled, the 2× picture is the 1× picture: same places, same colours, only sharper.
    halved = sharp.reshape(200, 2, 320, 2, 4).mean(axis=(1, 3))
    assert abs(halved[..., :3] - plain[..., :3]).mean() < 12


def test_transparent_png_has_no_background(qtbot, picture: Picture) -> None:
    image = QImage.fromData(PngExporter(picture, StillOptions((480, 300), transparent=True)).export(to_bytes=True))
    alpha = rgba(image)[..., 3]
    assert alpha[150, 2] == 0 and alpha[-2, 2] == 0
    assert (alpha == 255).sum() > 2000  # the caption and legend panels, the dots


def test_svg_is_xml_with_text_and_paths(qtbot, picture: Picture) -> None:
    data = SvgExporter(picture, StillOptions((640, 400))).export(to_bytes=True)
    assert data is not None
    root = SafeET.fromstring(data)
    assert (root.get("width"), root.get("height"), root.get("viewBox")) == ("640", "400", "0 0 640 400")
    texts = ["".join(t.itertext()).strip() for t in root.iter(f"{SVG}text")]
    assert "20 November 2013" in texts and "John Kerry" in texts and "Actors" in texts
    shapes = list(root.iter(f"{SVG}path")) + list(root.iter(f"{SVG}polyline"))
    assert len(shapes) > 50
    assert not list(root.iter(f"{SVG}image"))  # nothing was rasterised
    # Ties and dots carry plain coordinates: no viewer-dependent non-scaling strokes remain.
    assert b"non-scaling-stroke" not in data
    assert "Sans Serif" not in data.decode()  # a real font family, with a generic fallback


def test_pdf_is_one_page_of_the_right_size(qtbot, picture: Picture, tmp_path: Path) -> None:
    out = tmp_path / "map.pdf"
    assert PdfExporter(picture, StillOptions((640, 400))).export(out) is None
    data = out.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    boxes = re.findall(rb"/MediaBox\s*\[\s*([\d.\s]+)\]", data)
    assert len(boxes) == 1
    assert [float(v) for v in boxes[0].split()] == [0, 0, 480, 300]  # 640×400 px at 96 px per inch


def test_the_same_inputs_give_the_same_files(qtbot, picture: Picture) -> None:
    options = StillOptions((400, 250))
    assert PngExporter(picture, options).export(to_bytes=True) == PngExporter(picture, options).export(to_bytes=True)
    assert SvgExporter(picture, options).export(to_bytes=True) == SvgExporter(picture, options).export(to_bytes=True)

    def drawing(data: bytes | None) -> bytes:  # a PDF stamps its creation time
        assert data is not None
        return re.sub(rb"D:\d{14}Z|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", b"", data)

    first, second = (PdfExporter(picture, options).export(to_bytes=True) for _ in range(2))
    assert drawing(first) == drawing(second)


def test_unknown_suffix_is_refused_with_the_choices() -> None:
    with pytest.raises(ExportError, match=r"cannot export to \.bmp \(choose one of \.png, \.svg, \.pdf"):
        exporter_for("map.bmp")
    assert exporter_for("MAP.SVG").suffix == "svg"


def test_unwritable_folder_fails_clearly_and_leaves_nothing(qtbot, picture: Picture, tmp_path: Path,
                                                            monkeypatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(ExportError, match=r"map\.png: cannot write in .* \(Permission denied\)"):
        PngExporter(picture, StillOptions((64, 64))).export(tmp_path / "map.png")
    assert list(tmp_path.iterdir()) == []


def test_cli_read_only_folder_is_one_line_and_status_2(tmp_path: Path, capsys) -> None:
    folder = unwritable_folder(tmp_path)  # for root, who writes anywhere chmod allows, a read-only file system
    try:
        assert main(["export", "-o", str(folder / "map.png"), "--size", "64x64"]) == 2
    finally:
        if folder.is_relative_to(tmp_path):
            folder.chmod(0o755)
    err = capsys.readouterr().err
    assert err.startswith("relmap: error: ") and err.count("\n") == 1 and "Permission denied" in err


def test_cli_errors_are_one_line_with_status_2(tmp_path: Path, capsys) -> None:
    assert main(["export", "-o", str(tmp_path / "map.bmp")]) == 2
    assert main(["export", "-o", str(tmp_path / "missing" / "map.png")]) == 2
    assert main(["export", "--from", "2013-09-01", "-o", str(tmp_path / "map.png")]) == 2
    assert main(["export", "--scale", "50", "-o", str(tmp_path / "map.png")]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 4 and all(line.startswith("relmap: error: ") for line in lines)
    assert "does not exist" in lines[1] and "animation" in lines[2] and "scale" in lines[3]
    assert list(tmp_path.iterdir()) == []


def test_cli_writes_svg_and_scaled_png(tmp_path: Path, capsys) -> None:
    assert main(["export", "--at", "2013-11-20", "-o", str(tmp_path / "m.svg"), "--size", "400x250"]) == 0
    assert main(["export", "--at", "2013-11-20", "-o", str(tmp_path / "m.png"), "--size", "200x125",
                 "--scale", "2", "--transparent"]) == 0
    assert "wrote" in capsys.readouterr().out
    assert SafeET.parse(tmp_path / "m.svg").getroot().get("width") == "400"
    image = QImage(str(tmp_path / "m.png"))
    assert (image.width(), image.height()) == (400, 250) and image.hasAlphaChannel()
