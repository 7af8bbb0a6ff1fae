"""Is an exported file whole? Checked before it replaces anything.

Qt's writers do not always say when they fail: QPdfWriter on a full disk stops mid-stream and its
painter still ends "successfully", and ffmpeg can exit after an error writing its trailer. So every
exporter checks what it made by the format's own end marker or structure before the atomic move: a
PNG ends with its ``IEND`` chunk, a PDF with ``%%EOF``, an SVG with ``</svg>``, a GIF with its
trailer byte, and an MP4's top-level boxes must tile the file exactly and include ``moov`` and
``mdat``. A file that fails is never published.

Qt-free: bytes and files only. Each check returns why the file is incomplete, or an empty string.
"""

from __future__ import annotations

import io
import struct
from pathlib import Path
from typing import BinaryIO

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_END = b"\x00\x00\x00\x00IEND\xaeB`\x82"


def bytes_problem(suffix: str, data: bytes) -> str:
    """Why ``data`` is not a whole file of the format ``suffix`` names, or ``""``."""
    if not data:
        return "no bytes"
    if suffix == "png" and not (data.startswith(_PNG_SIGNATURE) and data.endswith(_PNG_END)):
        return "no IEND chunk at the end"
    if suffix == "pdf" and not (data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")):
        return "no %%EOF at the end"
    if suffix == "svg" and not data.rstrip().endswith(b"</svg>"):
        return "no closing </svg>"
    if suffix == "gif" and not (data.startswith(b"GIF8") and data.endswith(b"\x3b")):
        return "no trailer byte at the end"
    if suffix == "mp4":
        return _mp4_boxes(io.BytesIO(data), len(data))
    return ""


def file_problem(suffix: str, path: Path) -> str:
    """:func:`bytes_problem` for a file an encoder wrote itself, reading only what the check needs."""
    size = path.stat().st_size
    if size == 0:
        return "no bytes"
    with path.open("rb") as stream:
        if suffix == "mp4":
            return _mp4_boxes(stream, size)
        head = stream.read(16)
        stream.seek(max(0, size - 16))
        tail = stream.read()
    if suffix == "gif" and not (head.startswith(b"GIF8") and tail.endswith(b"\x3b")):
        return "no trailer byte at the end"
    if suffix == "png" and not (head.startswith(_PNG_SIGNATURE) and tail.endswith(_PNG_END)):
        return "no IEND chunk at the end"
    if suffix == "pdf" and not tail.rstrip().endswith(b"%%EOF"):
        return "no %%EOF at the end"
    return ""


def _mp4_boxes(stream: BinaryIO, size: int) -> str:
    """Walk the top-level boxes: they must tile the file exactly and hold ``moov`` and ``mdat``."""
    seen: set[bytes] = set()
    offset = 0
    while offset < size:
        stream.seek(offset)
        header = stream.read(16)
        if len(header) < 8:
            return f"a box header is cut off at byte {offset:,}"
        length, kind = struct.unpack(">I4s", header[:8])
        if length == 1:
            if len(header) < 16:
                return f"a box header is cut off at byte {offset:,}"
            length = struct.unpack(">Q", header[8:16])[0]
        elif length == 0:
            length = size - offset  # "to the end of the file"
        if length < 8 or offset + length > size:
            return f"the {kind.decode('latin-1')!r} box at byte {offset:,} runs past the end of the file"
        seen.add(kind)
        offset += length
    missing = [name.decode() for name in (b"moov", b"mdat") if name not in seen]
    return f"no {' or '.join(missing)} box" if missing else ""
