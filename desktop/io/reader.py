"""What a format module gives the registry: a label, the extensions it claims, a priority and a sniff.

Kept apart from :mod:`desktop.io.registry` so a format module depends only on this small contract, and
the registry imports the format modules (never the other way round): the table of readers is plain
imports that tools can see.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop.io.problems import LoadResult

ReadFunction = Callable[..., LoadResult]
SniffFunction = Callable[[Path, bytes], bool]


@dataclass(frozen=True)
class Reader:
    """A format the app can open."""

    name: str
    label: str
    extensions: tuple[str, ...]
    read: ReadFunction
    sniff: SniffFunction
    priority: int = 0

    def claims_extension(self, path: Path) -> bool:
        name = path.name.lower()
        return any(name.endswith(ext) for ext in self.extensions)
