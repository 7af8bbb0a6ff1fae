"""What ``json.loads`` accepts but a dataset must not mean: numbers too large to use and keys given twice.

JSON puts no bound on a number: ``1e400`` parses as infinity and an integer of 4,000 digits as a Python
int that no float can hold, which used to surface much later as an ``OverflowError``. And an object
may repeat a key, of which ``json.loads`` silently keeps the last value. These hooks make both visible,
with a line and column (numbers) or the key's path in the document (repeated keys).
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from desktop.io.file_values import MAX_DIGITS
from desktop.io.limits import Limits
from desktop.io.problems import DatasetError, Problem, json_location


class HugeNumber(ValueError):
    """A number in the text that no float can hold; ``text`` is how it was written."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


def parse_int(text: str) -> int:
    if len(text) > MAX_DIGITS and len(text.lstrip("-")) > MAX_DIGITS:
        raise HugeNumber(text)
    return int(text)


def parse_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise HugeNumber(text)
    return value


def huge_number_problem(text: str, error: HugeNumber) -> Problem:
    """Where the number is (its first occurrence in ``text``) and what is wrong with it."""
    start = max(0, text.find(error.text))
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    digits = len(error.text.lstrip("-"))
    shown = error.text if len(error.text) <= 24 else f"{error.text[:12]}…"
    return Problem(f"line {line}, column {column}",
                   f"the number {shown} ({digits:,} characters) is too large to read")


class RepeatedKeys:
    """An ``object_pairs_hook`` that builds each object as ``json.loads`` would and notes repeated keys."""

    def __init__(self) -> None:
        self.found: dict[int, tuple[dict[str, Any], list[str]]] = {}

    def __call__(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        item = dict(pairs)
        if len(item) != len(pairs):
            seen: set[str] = set()
            repeated = [key for key, _ in pairs if key in seen or seen.add(key)]  # type: ignore[func-returns-value]
            self.found[id(item)] = (item, repeated)
        return item

    def problems(self, document: Any, limit: int = 20) -> list[Problem]:
        """One warning per object with a repeated key, located by its path in ``document``."""
        if not self.found:
            return []
        out: list[Problem] = []
        stack: list[tuple[Any, tuple[str | int, ...]]] = [(document, ())]
        while stack and len(out) < limit:
            item, where = stack.pop()
            if isinstance(item, dict):
                if id(item) in self.found:
                    for key in dict.fromkeys(self.found[id(item)][1]):
                        out.append(Problem(json_location((*where, key)),
                                           "the key is given more than once; the last value is used", "warning"))
                stack.extend((value, (*where, key)) for key, value in item.items())
            elif isinstance(item, list):
                stack.extend((value, (*where, k)) for k, value in enumerate(item))
        return sorted(out, key=lambda p: p.location)


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


def load_json(path: Path, data: bytes, limits: Limits) -> tuple[Any, RepeatedKeys]:
    """Decode and parse with located errors: NaN, Infinity and numbers too large to use are refused,
    deep nesting is caught, and repeated keys are noted for the load report."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DatasetError(path, f"byte {exc.start}: not UTF-8 text ({exc.reason})") from None
    repeated = RepeatedKeys()
    try:
        document = json.loads(text, parse_constant=_reject_constant, parse_int=parse_int, parse_float=parse_float,
                              object_pairs_hook=repeated)
    except HugeNumber as exc:
        raise DatasetError(path, huge_number_problem(text, exc)) from None
    except json.JSONDecodeError as exc:
        raise DatasetError(path, f"line {exc.lineno}, column {exc.colno}: invalid JSON ({exc.msg})") from None
    except ValueError as exc:
        raise DatasetError(path, f"invalid JSON ({exc})") from None
    except RecursionError:
        raise DatasetError(path, f"JSON nested deeper than {limits.max_json_depth} levels") from None
    return document, repeated
