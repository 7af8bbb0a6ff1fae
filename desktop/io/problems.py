"""Located problems and load reports shared by every reader.

A reader never stops at the first problem: it collects every :class:`Problem` it can find, each with a
location a person can act on (``events[12].interactions[0].b`` or ``line 14, column "date"``), and
raises :class:`DatasetError` only when the file cannot become a dataset at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from desktop.core.model import Dataset

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with (or guessed about) a file, and where."""

    location: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


def json_location(path: Iterable[str | int]) -> str:
    """``["events", 12, "interactions", 0, "b"]`` → ``events[12].interactions[0].b``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


class DatasetError(Exception):
    """A file that cannot be loaded, with every located problem found in it."""

    expected = True  # a user's bad file, not a bug: report it, don't log a traceback

    def __init__(self, path: Path | str, problems: list[Problem] | Problem | str) -> None:
        if isinstance(problems, str):
            problems = [Problem("", problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.path = Path(path)
        self.problems = [p for p in problems if p.severity == "error"] or list(problems)
        first = self.problems[0] if self.problems else Problem("", "unknown problem")
        more = len(self.problems) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        super().__init__(f"{self.path.name}: {first}{suffix}")

    def details(self) -> str:
        """Every problem, one per line, for dialogs and ``relmap validate``."""
        return "\n".join(f"{self.path.name}: {problem}" for problem in self.problems)


@dataclass
class LoadReport:
    """What a reader read, guessed and skipped: shown after every load so nothing is silent."""

    path: Path
    format_label: str
    read: list[str] = field(default_factory=list)
    guessed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def warn(self, location: str, message: str) -> None:
        self.problems.append(Problem(location, message, "warning"))

    def summary(self) -> str:
        lines = [f"{self.path.name} ({self.format_label})"]
        lines += [f"  read: {line}" for line in self.read]
        lines += [f"  guessed: {line}" for line in self.guessed]
        lines += [f"  skipped: {line}" for line in self.skipped]
        lines += [f"  warning: {problem}" for problem in self.problems]
        return "\n".join(lines)


@dataclass(frozen=True)
class LoadResult:
    """A dataset with the report of how it was read."""

    dataset: Dataset
    report: LoadReport
