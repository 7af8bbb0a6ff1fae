"""The native format, version 1: a JSON document of actors and dated, cited events.

Structure is checked against the JSON Schema shipped in ``resources/schema`` (so other tools can check
their output the same way); meaning (ids that exist, real calendar dates, end after start) is checked
by :mod:`desktop.io.native_builder`. This module reads the bytes and hands the builder the document's
members as they stream in. Every problem is reported with its location; unknown keys are kept and
warned about.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop.core.model import Dataset
from desktop.io.json_stream import JsonStream, JsonSyntaxError
from desktop.io.limits import DEFAULT_LIMITS, Limits
from desktop.io.native_builder import DocumentBuilder, ReadWhole
from desktop.io.native_schema import schema
from desktop.io.problems import DatasetError, LoadReport, LoadResult, json_location
from desktop.io.progress import Progress
from desktop.io.reader import Reader

__all__ = ["dataset_from_document", "json_location", "load_dataset", "read", "schema", "sniff"]

LABEL = "Relmap dataset (JSON)"


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


def sniff(path: Path, head: bytes) -> bool:
    text = head.decode("utf-8", "ignore").lstrip("\ufeff \t\r\n")
    return text.startswith("{") and '"relmap"' in text


def read(path: Path, *, limits: Limits = DEFAULT_LIMITS, progress: Any = None, **_: Any) -> LoadResult:
    """Load a native dataset file, or raise :class:`DatasetError` listing every problem.

    The events are turned into the model one by one as they are read (when the file names its version
    and actors before them, as Relmap writes it), so memory follows the dataset, not the JSON text, and
    a file over ``max_interactions`` is refused as soon as the count passes the limit.
    """
    tracker = Progress.of(progress)
    try:
        size = max(path.stat().st_size, 1)
        handle = path.open("rb")
    except OSError as exc:
        raise DatasetError(path, f"cannot read the file ({exc.strerror or exc})") from None
    with handle:
        def stream() -> JsonStream:
            return JsonStream(handle, margin=8 * limits.max_string_length + 65536, parse_constant=_reject_constant,
                              on_read=lambda done: tracker(0.95 * done / size))

        try:
            builder = DocumentBuilder(path, limits, LoadReport(path, LABEL))
            try:
                reader = stream()
                for key, value in reader.members(builder.can_stream):
                    builder.member(key, value, reader)
            except ReadWhole:
                handle.seek(0)
                builder = DocumentBuilder(path, limits, LoadReport(path, LABEL))
                for key, value in stream().members(lambda _key: False):
                    builder.member(key, value, None)
        except JsonSyntaxError as exc:
            raise DatasetError(path, f"{exc.where}: {exc.message}") from None
        except RecursionError:
            raise DatasetError(path, f"JSON nested deeper than {limits.max_json_depth} levels") from None
    return LoadResult(builder.finish(), builder.report)


def load_dataset(path: Path | str) -> Dataset:
    """Convenience for scripts and tests: the dataset alone."""
    return read(Path(path)).dataset


def dataset_from_document(
    document: Any, *, path: Path | str = "<memory>", limits: Limits = DEFAULT_LIMITS,
    report: LoadReport | None = None,
) -> Dataset:
    """Check and convert a parsed document; raises :class:`DatasetError` with every problem found."""
    path = Path(path)
    if not isinstance(document, dict):
        raise DatasetError(path, "(top level): expected a JSON object with a \"relmap\" version")
    builder = DocumentBuilder(path, limits, report or LoadReport(path, LABEL))
    for key, value in document.items():
        builder.member(key, value, None)
    return builder.finish()


READER = Reader(
    name="native",
    label=LABEL,
    extensions=(".relmap.json", ".json"),
    read=read,
    sniff=sniff,
    priority=100,
)
