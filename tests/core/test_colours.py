"""Colour strings as other tools write them (issue 15): every CSS form reads, nothing else crashes."""

from __future__ import annotations

import pytest

from desktop.core.colours import normalise_colour, parse_colour
from desktop.core.palette import group_colours, hex_to_rgb


@pytest.mark.parametrize(("text", "rgba"), [
    ("#abc", (170, 187, 204, 255)),
    ("#ABCD", (170, 187, 204, 221)),
    ("#aabbcc", (170, 187, 204, 255)),
    ("#aabbcc80", (170, 187, 204, 128)),
    ("aabbcc", (170, 187, 204, 255)),
    ("rgb(1,2,3)", (1, 2, 3, 255)),
    ("rgb( 255 , 0 , 10 )", (255, 0, 10, 255)),
    ("rgba(1, 2, 3, 0.5)", (1, 2, 3, 128)),
    ("RGB(100%, 0%, 50%)", (255, 0, 128, 255)),
    ("rgb(1 2 3 / 1)", (1, 2, 3, 255)),
    ("rgb(300, -4, 2.6)", (255, 0, 3, 255)),
    ("red", (255, 0, 0, 255)),
    ("DarkSlateBlue", (72, 61, 139, 255)),
    ("light gray", (211, 211, 211, 255)),
])
def test_every_form_reads(text: str, rgba: tuple[int, int, int, int]) -> None:
    assert parse_colour(text) == rgba


@pytest.mark.parametrize("text", ["", "rg", "#12345", "rgb(1,2)", "rgb(a,b,c)", "notacolour", "#gggggg", None, 12])
def test_not_a_colour_is_none(text: object) -> None:
    assert parse_colour(text) is None
    assert normalise_colour(text) == ""


def test_hex_to_rgb_never_raises() -> None:
    # Before: int("rg", 16) raised ValueError for graphology's rgb() colours and the map could not be drawn.
    assert hex_to_rgb("rgb(10,20,30)") == (10, 20, 30)
    assert hex_to_rgb("teal") == (0, 128, 128)
    assert hex_to_rgb("#fff") == (255, 255, 255)
    assert hex_to_rgb("garbage") == (127, 127, 127)


def test_group_colours_are_canonical_hex() -> None:
    colours = group_colours(["a", "b", "c"], {"a": "rgb(255,0,0)", "b": "navy", "c": "bogus"})
    assert colours["a"] == "#ff0000"
    assert colours["b"] == "#000080"
    assert colours["c"].startswith("#") and len(colours["c"]) == 7
