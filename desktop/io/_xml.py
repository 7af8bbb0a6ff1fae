"""Safe XML parsing for user files, with located errors.

Every XML file a user brings is parsed through defusedxml with DTDs, entity declarations and external
references forbidden: a "billion laughs" file or one that pulls ``file:///etc/passwd`` is refused with a
sentence, never expanded. Elements are matched by local name because real GEXF and GraphML files carry
many namespaces (``gexf.net``, ``www.gexf.net``, drafts, misspelt ones) for the same vocabulary.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

import defusedxml
import defusedxml.ElementTree as SafeET

from desktop.io.problems import DatasetError
from desktop.io.progress import Progress, ProgressReader


def parse_xml(path: Path, progress: Progress | None = None) -> Element:
    """The root element, or a :class:`DatasetError` naming the line and column that broke.

    With ``progress``, the share of the file's bytes the parser has consumed is reported as it reads.
    """
    try:
        with path.open("rb") as handle:
            source = handle if progress is None else ProgressReader(handle, path.stat().st_size, progress)
            root: Element = SafeET.parse(source, forbid_dtd=True, forbid_entities=True,
                                            forbid_external=True).getroot()
            return root
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
    # Called for every node and edge: compare tags directly instead of splitting each one.
    suffix = "}" + name
    return [child for child in element
            if (tag := child.tag) == name or (isinstance(tag, str) and tag.endswith(suffix))]


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
    suffix = "}" + name  # only namespaced keys can still match; most elements have none
    for key, value in element.attrib.items():
        if key.endswith(suffix):
            return value
    return None


def attrs(element: Element) -> Mapping[str, str]:
    """Every attribute by local name, for readers that look up many names on each of many elements.

    Most elements carry no namespaced attribute, and then this is the element's own dict: lookups become
    plain ``dict.get`` calls instead of a scan per missing name. A plain name wins over a prefixed one.
    """
    attrib = element.attrib
    for key in attrib:
        if key[:1] == "{":
            break
    else:
        return attrib
    out = {local(key): value for key, value in attrib.items() if key[:1] == "{"}
    out.update((key, value) for key, value in attrib.items() if key[:1] != "{")
    return out


def head_text(head: bytes) -> str:
    """The first bytes as text, whatever the declared encoding, for sniffing."""
    return head.decode("utf-8", "ignore").lstrip("\ufeff \t\r\n")
