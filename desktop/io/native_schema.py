"""The native format's JSON Schema: a compiled validator to check, ``jsonschema`` to explain.

``jsonschema`` walks a document in Python and took about 95% of opening a 60,000-event file (15 s of
16); the Rust validator of ``jsonschema-rs`` checks the same schema in a fraction of a second. It only
says yes or no here: when it says no, ``jsonschema`` explains that one element (or the header) with
located messages, so what the user reads does not depend on which validator checked.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from typing import Any

from desktop.core.resources import resource_path
from desktop.io.problems import Problem, json_location

Path_ = tuple[str | int, ...]


@cache
def schema() -> dict[str, Any]:
    """The JSON Schema of format version 1, as shipped with the app."""
    document: dict[str, Any] = json.loads(resource_path("schema", "relmap-1.schema.json").read_text(encoding="utf-8"))
    return document


@cache
def _event_schema() -> dict[str, Any]:
    whole = schema()
    return {"$schema": whole["$schema"], "$defs": whole["$defs"], "$ref": "#/$defs/event"}


@cache
def _compiled(which: str) -> Any:
    import jsonschema_rs

    return jsonschema_rs.validator_for(schema() if which == "document" else _event_schema())


def _is_valid(which: str, instance: Any) -> bool:
    try:
        return bool(_compiled(which).is_valid(instance))
    except (ValueError, TypeError, OverflowError):  # a number the compiled validator cannot hold
        return False


def header_is_valid(header: dict[str, Any]) -> bool:
    """Whether everything but the events (given as ``header`` with an empty ``events``) fits the schema."""
    return _is_valid("document", header)


def event_is_valid(event: Any) -> bool:
    return _is_valid("event", event)


def explain_header(header: dict[str, Any]) -> list[Problem]:
    return list(_explain(schema(), header, ()))


def explain_event(event: Any, index: int) -> list[Problem]:
    return list(_explain(_event_schema(), event, ("events", index)))


def _explain(which: dict[str, Any], instance: Any, where: Path_) -> Iterator[Problem]:
    """Each schema violation of ``instance``, located, in document order (indices as numbers)."""
    from jsonschema import Draft202012Validator

    errors = sorted(Draft202012Validator(which).iter_errors(instance),
                    key=lambda e: [(0, p, "") if isinstance(p, int) else (1, 0, str(p)) for p in e.absolute_path])
    for error in errors:
        yield Problem(json_location((*where, *error.absolute_path)), _short_message(error))


def _short_message(error: Any) -> str:
    if error.validator == "required":
        return str(error.message).replace("is a required property", "is missing")
    if error.validator in {"type", "enum", "const", "pattern"}:
        return f"{clip(error.instance)} is not valid here ({error.validator}: {clip(error.validator_value)})"
    message = str(error.message)
    return message if len(message) <= 200 else message[:199] + "…"


def clip(value: Any, size: int = 60) -> str:
    text = repr(value) if not isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= size else text[: size - 1] + "…"


def quick_event_problems(event: Any, index: int) -> list[Problem]:
    """The compiled validator's own account of a bad event: for the thousands after the first ones
    explained in full, which are only counted by kind (see :func:`desktop.io.problems.summarise`)."""
    try:
        errors = list(_compiled("event").iter_errors(event))
    except (ValueError, TypeError, OverflowError):
        return [Problem(json_location(("events", index)), "holds a number outside what can be checked")]
    return [Problem(json_location(("events", index, *e.instance_path)), _rs_message(e)) for e in errors]


def _rs_message(error: Any) -> str:
    message = str(error.message)
    return message if len(message) <= 200 else message[:199] + "…"
