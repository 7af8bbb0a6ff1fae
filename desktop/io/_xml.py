"""Safe XML parsing for user files, with located errors.

Every XML file a user brings is parsed through defusedxml with DTDs, entity declarations and external
references forbidden: a "billion laughs" file or one that pulls ``file:///etc/passwd`` is refused with a
sentence, never expanded. Elements are matched by local name because real GEXF and GraphML files carry
many namespaces (``gexf.net``, ``www.gexf.net``, drafts, misspelt ones) for the same vocabulary.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

import defusedxml
import defusedxml.ElementTree as SafeET

from desktop.io.problems import DatasetError


def parse_xml(path: Path) -> Element:
    """The root element, or a :class:`DatasetError` naming the line and column that broke."""
    try:
        with path.open("rb") as handle:
            return SafeET.parse(handle, forbid_dtd=True, forbid_entities=True, forbid_external=True).getroot()
    except defusedxml.DTDForbidden:
        raise DatasetError(path, "the file declares a DTD (<!DOCTYPE …>), which is refused for safety") from None
    except defusedxml.EntitiesForbidden as exc:
        raise DatasetError(
            path, f"the file declares the XML entity {exc.name!r}; entities are refused for safety "
                  "(they can expand without limit or read other files)") from None
    except defusedxml.ExternalReferenceForbidden:
        raise DatasetError(path, "the file refers to an external resource, which is refused for safety") from None
    except ParseError as exc:
        line, column = exc.position
        message = str(exc).split(":")[0]
        raise DatasetError(path, f"line {line}, column {column + 1}: not well-formed XML ({message})") from None
    except LookupError as exc:  # <?xml encoding="UT9-8"?>
        raise DatasetError(path, f"line 1: the XML declaration names an unknown encoding ({str(exc)[:80]})") from None
    except OSError as exc:
        raise DatasetError(path, f"cannot read the file ({exc.strerror or exc})") from None


def local(tag: object) -> str:
    """``{http://gexf.net/1.3}node`` → ``node``; comments and processing instructions give ``""``."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def children(element: Element, name: str) -> list[Element]:
    return [child for child in element if local(child.tag) == name]


def child(element: Element, name: str) -> Element | None:
    for item in element:
        if local(item.tag) == name:
            return item
    return None


def attr(element: Element, name: str) -> str | None:
    """An attribute by local name, whatever its namespace prefix."""
    value = element.get(name)
    if value is not None:
        return value
    for key, value in element.attrib.items():
        if local(key) == name:
            return value
    return None


def head_text(head: bytes) -> str:
    """The first bytes as text, whatever the declared encoding, for sniffing."""
    return head.decode("utf-8", "ignore").lstrip("\ufeff \t\r\n")
