"""What an aggregation read, kept and left out, by reason and by file, with the refused lines located."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from desktop.events.engines import Rejected
from desktop.events.expression import BAD_ROW_REASONS, KEPT

MAX_LOCATIONS = 1000


@dataclass
class AggregateReport:
    """Counts of one run. ``by_file[name][status]`` are rows; ``rejected`` are lines located by the engine."""

    engine: str = ""
    files: list[str] = field(default_factory=list)
    by_file: dict[str, Counter[str]] = field(default_factory=dict)
    rejected: list[Rejected] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    actors: int = 0
    events: int = 0

    def add(self, file: str, status: str, count: int) -> None:
        self.by_file.setdefault(file, Counter())[status] += count

    def add_rejected(self, rows: list[Rejected]) -> None:
        for row in rows:
            self.add(row.file, row.reason, 1)
        self.rejected += rows[:MAX_LOCATIONS - len(self.rejected)] if len(self.rejected) < MAX_LOCATIONS else []

    @property
    def totals(self) -> Counter[str]:
        total: Counter[str] = Counter()
        for counts in self.by_file.values():
            total.update(counts)
        return total

    @property
    def rows_read(self) -> int:
        return sum(self.totals.values())

    @property
    def kept(self) -> int:
        return self.totals[KEPT]

    def bad_rows(self) -> dict[str, Counter[str]]:
        """Per file, rows skipped as malformed (wrong width, bad date, non-numeric score)."""
        return {f: Counter({r: n for r, n in c.items() if r in BAD_ROW_REASONS and n})
                for f, c in self.by_file.items() if any(c[r] for r in BAD_ROW_REASONS)}

    def summary_lines(self, max_locations: int = 20) -> list[str]:
        """The report as the command prints it and the dataset's note keeps it."""
        totals = self.totals
        lines = [f"rows read: {self.rows_read:,} from {len(self.files)} file{'s' if len(self.files) != 1 else ''}"
                 f" ({self.engine})",
                 f"rows kept: {self.kept:,} → {self.actors:,} actors, {self.events:,} pair-and-period events"]
        for status, count in sorted(totals.items(), key=lambda item: (-item[1], item[0])):
            if status != KEPT and count:
                lines.append(f"skipped, {status}: {count:,}")
        for name, counts in self.bad_rows().items():
            lines.append(f"bad rows in {name}: " + ", ".join(f"{n:,} {r}" for r, n in sorted(counts.items())))
        for row in self.rejected[:max_locations]:
            lines.append(f"{row.file}: line {row.line}: {row.reason}, skipped")
        hidden = sum(sum(c.values()) for c in self.bad_rows().values()) - min(len(self.rejected), max_locations)
        if self.rejected and hidden > 0:
            lines.append(f"… and {hidden:,} more bad rows")
        lines += self.notes
        return lines
