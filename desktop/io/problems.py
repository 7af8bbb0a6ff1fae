"""Located problems and load reports shared by every reader.

A reader never stops at the first problem: it collects every :class:`Problem` it can find, each with a
location a person can act on (``events[12].interactions[0].b`` or ``line 14, column "date"``), and
raises :class:`DatasetError` only when the file cannot become a dataset at all.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from desktop.core.model import Dataset

Severity = Literal["error", "warning"]
SHOWN = 20  # problems listed one by one before the rest are summed up by kind
_FIRST_INDEX = re.compile(r"\[\d+\]")
_VALUES = re.compile(r"\"[^\"]*\"|'[^']*'|-?\d+(?:\.\d+)?(?:e[+-]?\d+)?")


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


def problem_kind(problem: Problem) -> str:
    """What a problem is, without which element has it: ``events[*].sources[0].source: unknown source …``.

    The first index (which event, which row) is starred and quoted values and numbers elided, so sixty
    thousand events with the same mistake make one kind.
    """
    location = _FIRST_INDEX.sub("[*]", problem.location, count=1)
    message = _VALUES.sub("…", problem.message)
    return f"{location}: {message}" if location else message


def summarise(problems: Iterable[Problem], shown: int = SHOWN, more: Mapping[str, int] | None = None) -> list[str]:
    """The first ``shown`` problems as they are, then one line per kind for the rest, most frequent first.

    ``more`` counts problems by kind that were never kept one by one (a reader stops keeping them after a
    while, so a file with millions of the same mistake costs no memory for them).
    """
    lines: list[str] = []
    rest: Counter[str] = Counter(more or {})
    for problem in problems:
        if len(lines) < shown:
            lines.append(str(problem))
        else:
            rest[problem_kind(problem)] += 1
    lines += [f"and {count:,} more: {kind}" for kind, count in rest.most_common()]
    return lines


class DatasetError(Exception):
    """A file that cannot be loaded, with every located problem found in it.

    ``more``: problems by kind beyond those kept in :attr:`problems` (see :func:`summarise`).
    """

    expected = True  # a user's bad file, not a bug: report it, don't log a traceback

    def __init__(self, path: Path | str, problems: list[Problem] | Problem | str,
                 more: Mapping[str, int] | None = None) -> None:
        if isinstance(problems, str):
            problems = [Problem("", problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.path = Path(path)
        self.problems = [p for p in problems if p.severity == "error"] or list(problems)
        self.more: Mapping[str, int] = dict(more or {})
        first = self.problems[0] if self.problems else Problem("", "unknown problem")
        count = len(self.problems) - 1 + sum(self.more.values())
        suffix = f" (and {count:,} more problem{'s' if count > 1 else ''})" if count else ""
        super().__init__(f"{self.path.name}: {first}{suffix}")

    def details(self, shown: int | None = SHOWN) -> str:
        """The problems one per line, for dialogs and ``relmap validate``: the first ``shown`` (None: all),
        then one line per kind of the rest, so a file with 60,000 broken events gives a page, not 60,000
        lines."""
        if shown is None:
            lines = [str(p) for p in self.problems] + [f"and {n:,} more: {k}" for k, n in self.more.items()]
        else:
            lines = summarise(self.problems, shown, self.more)
        return "\n".join(f"{self.path.name}: {line}" for line in lines)


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
