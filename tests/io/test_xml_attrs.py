"""Attribute lookup by local name, which the XML readers do for every node and edge."""

from __future__ import annotations

from xml.etree.ElementTree import Element

from desktop.io._xml import attr, attrs, children


def test_plain_attributes_are_the_elements_own_dict() -> None:
    element = Element("edge", {"source": "a", "target": "b"})
    assert attrs(element) is element.attrib  # no copy in the common case


def test_namespaced_attributes_are_found_and_plain_names_win() -> None:
    element = Element("edge", {"{http://gexf.net/1.3}start": "2001", "start": "2000", "{urn:x}end": "2005"})
    names = attrs(element)
    assert names["start"] == "2000" and names["end"] == "2005"
    assert attr(element, "end") == "2005" and attr(element, "start") == "2000"
    assert attr(element, "nothing") is None
    assert attr(Element("edge", {"{urn:x}xend": "1"}), "end") is None  # a suffix of a longer name is not it


def test_children_match_by_local_name_only() -> None:
    parent = Element("graph")
    for tag in ("{http://www.gexf.net/1.2draft}nodes", "nodes", "{urn:x}supernodes", "edges"):
        parent.append(Element(tag))
    assert [child.tag for child in children(parent, "nodes")] == ["{http://www.gexf.net/1.2draft}nodes", "nodes"]
