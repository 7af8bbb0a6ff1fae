"""Colour strings in every form that graph tools write, read into one canonical ``#rrggbb``.

Gephi writes ``#rrggbb`` or r/g/b attributes, graphology and sigma.js write ``rgb(…)``/``rgba(…)`` and CSS
names, yEd writes ``#RRGGBBAA`` style fills, Cytoscape ``#RRGGBB``, GML files ``"#FFCC00"`` or names. The map
draws opaque dots, so alpha is read (and kept by :func:`parse_colour`) but dropped by
:func:`normalise_colour`. CSS names come from webcolors (the CSS3 list, 147 names); the functional forms are
parsed here because no small, well-kept library parses ``rgb(10% 20% 30% / .5)`` without a toolkit.
"""

from __future__ import annotations

import re

import webcolors

_HEX = re.compile(r"#?([0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")
_FUNCTION = re.compile(r"(rgba?)\s*\(\s*([^)]*)\)", re.IGNORECASE)
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?%?")

RGBA = tuple[int, int, int, int]


def parse_colour(text: object) -> RGBA | None:
    """(r, g, b, a) in 0…255 for a colour string, or None when it is not one.

    Accepts ``#rgb``, ``#rgba``, ``#rrggbb``, ``#rrggbbaa`` (with or without the ``#``), ``rgb(r, g, b)``,
    ``rgba(r, g, b, a)``, the space-separated CSS 4 form ``rgb(r g b / a)``, percentages, and CSS names.
    """
    if not isinstance(text, str):
        return None
    value = text.strip()
    if not value or len(value) > 80:
        return None
    match = _HEX.fullmatch(value)
    if match and (value.startswith("#") or len(match.group(1)) in (6, 8)):
        digits = match.group(1)
        if len(digits) in (3, 4):
            digits = "".join(d * 2 for d in digits)
        channels = [int(digits[i:i + 2], 16) for i in range(0, len(digits), 2)]
        return (channels[0], channels[1], channels[2], channels[3] if len(channels) == 4 else 255)
    match = _FUNCTION.fullmatch(value)
    if match:
        return _functional(match.group(2))
    try:
        r, g, b = webcolors.name_to_rgb(value.lower().replace(" ", ""))
    except ValueError:
        return None
    return (r, g, b, 255)


def _functional(body: str) -> RGBA | None:
    parts = [p for p in re.split(r"[\s,/]+", body.strip()) if p]
    if len(parts) not in (3, 4) or not all(_NUMBER.fullmatch(p) for p in parts):
        return None
    channels = []
    for part in parts[:3]:
        number = float(part.rstrip("%"))
        channels.append(number * 255 / 100 if part.endswith("%") else number)
    if len(parts) == 4:
        alpha = float(parts[3].rstrip("%"))
        channels.append(alpha * 255 / 100 if parts[3].endswith("%") else alpha * 255)
    else:
        channels.append(255.0)
    r, g, b, a = (max(0, min(255, round(c))) for c in channels)
    return (r, g, b, a)


def normalise_colour(text: object) -> str:
    """``#rrggbb`` (lower case) for any colour :func:`parse_colour` reads; ``""`` for anything else."""
    rgba = parse_colour(text)
    return "" if rgba is None else "#{:02x}{:02x}{:02x}".format(*rgba[:3])
