"""What every load of a hostile file may end in, and a time limit so a hang fails instead of blocking.

Shared by the corpus, property and benchmark runs: one definition of "readable, located error".
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from desktop.cli import main as cli_main
from desktop.io.problems import DatasetError, LoadResult

T = TypeVar("T")
TIME_LIMIT = 20.0

# Where a problem is: a line, a byte, an element, a JSON key path or a named section.
_LOCATED = re.compile(
    r"line \d+|byte \d+|column \d+|<\w[\w.-]*>|\b(?:node|edge|link)s?\b|"
    r"^[A-Za-z_$][\w$]*(?:\[\d+\]|\.[\w$]+)*$|\(top level\)|\*vertices|relmap|actors|events|nodes|links|edges",
    re.IGNORECASE,
)
# Problems that concern the whole file, where the file itself is the location.
_WHOLE_FILE = (
    "the file is empty", "not a format Relmap reads", "the file has no rows", "no nodes or edges found",
    "limit", "not UTF-8", "cannot read the file", "nested deeper than", "refused for safety",
    "not valid GML", "no *Vertices section", "invalid JSON",
)


class Hang(AssertionError):
    """A reader ran past the time limit."""


def with_time_limit(function: Callable[[], T], seconds: float = TIME_LIMIT) -> T:
    """Run ``function`` in a worker thread; raise :class:`Hang` if it has not finished in ``seconds``.

    A Python thread cannot be killed, so a hung reader keeps its thread; the caller still gets a clear
    failure instead of a test run that never ends.
    """
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="guarded-load")
    future = pool.submit(function)
    try:
        return future.result(timeout=seconds)
    except concurrent.futures.TimeoutError:
        raise Hang(f"still running after {seconds:.0f} s") from None
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def problem_in(error: DatasetError, path: Path) -> str | None:
    """Why ``error`` is not a readable, located error for ``path``; None when it is."""
    text = str(error)
    if not text.startswith(f"{path.name}: "):
        return f"message does not start with the file name: {text!r}"
    if not error.problems:
        return f"no problems listed: {text!r}"
    first = error.problems[0]
    body = str(first)
    if len(body.strip()) < 8:
        return f"message too short to say what is wrong: {text!r}"
    if "Traceback" in body or "object at 0x" in body:
        return f"message leaks internals: {text!r}"
    if first.location or _LOCATED.search(body) or any(hint.lower() in body.lower() for hint in _WHOLE_FILE):
        return None
    return f"no location in the message: {text!r}"


def check_outcome(run: Callable[[], Any], path: Path, seconds: float = TIME_LIMIT) -> str:
    """``"loaded"`` or ``"refused"``; any other outcome raises AssertionError with what happened."""
    try:
        result = with_time_limit(run, seconds)
    except DatasetError as error:
        why = problem_in(error, path)
        if why:
            raise AssertionError(why) from error
        return "refused"
    except Hang:
        raise
    except Exception as error:
        raise AssertionError(f"{path.name}: crashed with {type(error).__name__}: {error}"[:500]) from error
    if not isinstance(result, LoadResult):
        raise AssertionError(f"{path.name}: returned {type(result).__name__}, not a LoadResult")
    return "loaded"


def validate_outcome(path: Path) -> str | None:
    """What is wrong with ``relmap validate``'s answer for ``path``, or None."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = cli_main(["validate", str(path)])
    if status == 0:
        return None
    if status == 2 and err.getvalue().startswith(f"relmap: error: {path.name}: "):
        return None
    return f"validate exited {status}: {err.getvalue().strip()[:300]}"
