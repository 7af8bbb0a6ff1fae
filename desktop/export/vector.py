"""Vector pictures of the map: SVG and PDF, with text as text and ties as paths.

Both paint the export stage through QPainter (QSvgGenerator, QPdfWriter), so they draw what the PNG
and the window draw. Sizes are CSS pixels at 96 per inch: a 1600×1000 export opens in a browser or
Inkscape as 1600×1000 px and in a PDF reader as a 1200×750 pt page.

Qt writes pyqtgraph's screen-width pens as ``vector-effect="non-scaling-stroke"`` inside groups that
carry the map's zoom as a transform. Browsers honour that; librsvg, Illustrator and older Inkscape do
not and draw every tie hundreds of pixels wide. :func:`flatten_svg` bakes those transforms into the
coordinates, so every viewer sees the same picture and the lines scale with the drawing.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path

import defusedxml.ElementTree as SafeET
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSize, QSizeF, QUuid
from PySide6.QtGui import QFont, QFontInfo, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator

from desktop.export.contract import ExportError, Picture, StillOptions, deliver_bytes
from desktop.export.stage import stage_picture

SVG = "http://www.w3.org/2000/svg"
POINTS_PER_PIXEL = 72 / 96
_MATRIX = re.compile(r"^\s*matrix\(([^)]*)\)\s*$")
_TOKEN = re.compile(r"[A-Za-z]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_SHAPES = {f"{{{SVG}}}path", f"{{{SVG}}}polyline", f"{{{SVG}}}polygon", f"{{{SVG}}}rect"}


def _title(picture: Picture) -> str:
    return f"{picture.dataset.title} — {picture.dataset.axis.format(picture.at)}"


class SvgExporter:
    """An SVG that a browser, Inkscape or Illustrator opens with editable text and paths."""

    def __init__(self, picture: Picture, options: StillOptions | None = None) -> None:
        self.picture = picture
        self.options = options or StillOptions()

    def render(self) -> bytes:
        self.options.check()
        width, height = self.options.size
        stage = stage_picture(self.picture, self.options.size)
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        generator = QSvgGenerator()
        generator.setOutputDevice(buffer)
        generator.setSize(QSize(width, height))
        generator.setViewBox(QRectF(0, 0, width, height))
        generator.setResolution(96)
        generator.setTitle(_title(self.picture))
        generator.setDescription("A relationship map exported by Relmap")
        painter = QPainter()
        if not painter.begin(generator):
            stage.close()
            raise ExportError("Qt could not start an SVG drawing")
        try:
            stage.paint(painter, transparent=self.options.transparent)
        finally:
            ended = painter.end()
            stage.close()
        buffer.close()
        if not ended:
            raise ExportError("Qt could not finish the SVG drawing")
        return flatten_svg(bytes(data.data()), width, height)

    def export(self, path: Path | str | None = None, to_bytes: bool = False) -> bytes | None:
        return deliver_bytes(path, to_bytes, "svg", self.render())


class PdfExporter:
    """A one-page PDF the size of the picture, vector throughout."""

    def __init__(self, picture: Picture, options: StillOptions | None = None) -> None:
        self.picture = picture
        self.options = options or StillOptions()

    def render(self) -> bytes:
        """The PDF's bytes, made in memory; an :class:`ExportError` if Qt's PDF engine reports a failure."""
        self.options.check()
        width, height = self.options.size
        stage = stage_picture(self.picture, self.options.size)
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QPdfWriter(buffer)
        writer.setResolution(96)
        writer.setTitle(_title(self.picture))
        writer.setCreator("Relmap")
        # Same picture, same id: only the creation time differs between two exports of one state.
        key = f"relmap:{_title(self.picture)}:{width}x{height}"
        writer.setDocumentId(QUuid(str(uuid.uuid5(uuid.NAMESPACE_URL, key))))
        page = QPageSize(QSizeF(width * POINTS_PER_PIXEL, height * POINTS_PER_PIXEL), QPageSize.Unit.Point,
                         "", QPageSize.SizeMatchPolicy.ExactMatch)
        writer.setPageLayout(QPageLayout(page, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
        painter = QPainter()
        if not painter.begin(writer):
            stage.close()
            raise ExportError("Qt could not start a PDF")
        try:
            stage.paint(painter, transparent=self.options.transparent)
        finally:
            ended = painter.end()
            stage.close()
        buffer.close()
        if not ended:
            raise ExportError("Qt could not finish the PDF")
        return bytes(data.data())

    def export(self, path: Path | str | None = None, to_bytes: bool = False) -> bytes | None:
        return deliver_bytes(path, to_bytes, "pdf", self.render())


def flatten_svg(data: bytes, width: int, height: int) -> bytes:
    """Bake screen-width strokes into plain coordinates, name real fonts, size the drawing in px."""
    ET.register_namespace("", SVG)
    ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    root = SafeET.fromstring(data)
    root.set("width", str(width))
    root.set("height", str(height))
    families: dict[str, str] = {}
    for element in root.iter():
        family = element.get("font-family")
        if family is not None:
            if family not in families:
                families[family] = f"'{QFontInfo(QFont(family)).family()}', sans-serif"
            element.set("font-family", families[family])
        if element.tag == f"{{{SVG}}}g":
            _bake(element)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _bake(group: ET.Element) -> None:
    """Apply a group's matrix to its non-scaling shapes, then drop the matrix."""
    transform = group.get("transform", "matrix(1,0,0,1,0,0)")
    match = _MATRIX.match(transform)
    children = list(group)
    if not match or not children:
        return
    if not all(c.tag in _SHAPES and c.get("vector-effect") == "non-scaling-stroke" for c in children):
        return
    a, b, c, d, e, f = (float(v) for v in match.group(1).split(","))

    def point(x: float, y: float) -> str:
        return f"{a * x + c * y + e:.2f},{b * x + d * y + f:.2f}"

    baked: list[tuple[ET.Element, str, str]] = []
    for child in children:
        if child.tag == f"{{{SVG}}}path":
            moved = _bake_path(child.get("d", ""), point)
            if moved is None:
                return  # a command we do not rewrite: leave the whole group as Qt wrote it
            baked.append((child, "d", moved))
        elif child.tag == f"{{{SVG}}}rect":
            if b or c:
                return  # a rotated rectangle is no longer a rect
            x, y = a * float(child.get("x", 0)) + e, d * float(child.get("y", 0)) + f
            w, h = a * float(child.get("width", 0)), d * float(child.get("height", 0))
            child.set("x", f"{min(x, x + w):.2f}")
            child.set("y", f"{min(y, y + h):.2f}")
            child.set("width", f"{abs(w):.2f}")
            child.set("height", f"{abs(h):.2f}")
            baked.append((child, "vector-effect", ""))
        else:
            numbers = [float(v) for v in re.split(r"[\s,]+", child.get("points", "").strip()) if v]
            pairs = zip(numbers[0::2], numbers[1::2], strict=True)
            baked.append((child, "points", " ".join(point(x, y) for x, y in pairs)))
    for child, attribute, value in baked:
        child.set(attribute, value)
        del child.attrib["vector-effect"]
    group.attrib.pop("transform", None)


def _bake_path(d: str, point: object) -> str | None:
    """Rewrite an absolute M/L/C/Z path (all Qt writes) through ``point``; None for anything else."""
    tokens = _TOKEN.findall(d)
    out: list[str] = []
    numbers: list[float] = []
    for token in tokens:
        if token.isalpha():
            if token not in "MLCZ" or len(numbers) % 2:
                return None
            if numbers:
                out.append(" ".join(point(x, y) for x, y in zip(numbers[0::2], numbers[1::2], strict=True)))  # type: ignore[operator]
                numbers = []
            out.append(token)
        else:
            numbers.append(float(token))
    if len(numbers) % 2:
        return None
    if numbers:
        out.append(" ".join(point(x, y) for x, y in zip(numbers[0::2], numbers[1::2], strict=True)))  # type: ignore[operator]
    return " ".join(out)
