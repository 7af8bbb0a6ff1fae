"""Property tests: generated and mutated files end in a dataset or a located, readable error, never a crash.

Fast and reproducible on every run (``derandomize=True``, a few dozen examples per reader); the
benchmark ``tests/benchmarks/bench_fuzz.py`` runs the same mutations thousands of times.
"""

from __future__ import annotations

import json
import random
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.io.registry import load
from tests.hardening._fuzz import FORMATS, NASTY, mutate
from tests.hardening._guard import check_outcome, validate_outcome

FUZZ = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def _check(name: str, data: bytes) -> str:
    with tempfile.TemporaryDirectory(prefix="relmap-fuzz-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        outcome = check_outcome(lambda: load(path), path)
        problem = validate_outcome(path)
        assert problem is None, problem
        return outcome


@pytest.mark.parametrize("fmt", FORMATS)
@FUZZ
@given(rng=st.randoms(use_true_random=False))
def test_mutated_files_load_or_are_refused(fmt: str, rng: random.Random) -> None:
    name, data = mutate(fmt, rng)
    _check(name, data)


# -- generated native datasets: valid ones must load, broken ones must be refused with a place --------

_ids = st.text(alphabet="abcdefg", min_size=1, max_size=3)
_dates = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.sampled_from(["2014", "2014-02", "2014-02-30", "2014-13-01", "14-2-1", "", "0000-01-01"]),
    st.integers(-10**6, 10**6),
)
_tones = st.one_of(st.floats(-2, 2), st.floats(allow_nan=True, allow_infinity=True), st.integers(-10, 10),
                   st.sampled_from(NASTY))


@st.composite
def native_documents(draw: st.DrawFn) -> dict[str, Any]:
    actors = draw(st.lists(_ids, min_size=0, max_size=6))
    known = actors or ["a"]
    events = []
    for k in range(draw(st.integers(0, 6))):
        interactions = [
            {"a": draw(st.sampled_from(known) | _ids), "b": draw(st.sampled_from(known) | _ids), "tone": draw(_tones)}
            for _ in range(draw(st.integers(0, 3)))
        ]
        event: dict[str, Any] = {"id": f"e{k}", "date": draw(_dates), "interactions": interactions}
        if draw(st.booleans()):
            event["end_date"] = draw(_dates)
        if draw(st.booleans()):
            event["participants"] = draw(st.lists(st.sampled_from(known) | _ids, max_size=3))
        events.append(event)
    document: dict[str, Any] = {
        "relmap": 1, "title": draw(st.text(max_size=20)),
        "actors": [{"id": a, "name": draw(st.text(min_size=0, max_size=8))} for a in actors],
        "events": events,
    }
    if draw(st.booleans()):
        document["time"] = {"kind": draw(st.sampled_from(["date", "number", "lunar"])), "unit": "day"}
    if draw(st.booleans()):
        document["chapters"] = [{"id": "c", "title": "t", "start": draw(_dates), "end": draw(_dates)}]
    return document


@FUZZ
@given(document=native_documents())
def test_generated_native_datasets_load_or_are_refused(document: dict[str, Any]) -> None:
    _check("generated.relmap.json", json.dumps(document, allow_nan=True).encode("utf-8", "surrogatepass"))


@FUZZ
@given(document=native_documents(), cut=st.floats(0, 1))
def test_truncated_native_datasets_are_refused_with_a_line(document: dict[str, Any], cut: float) -> None:
    text = json.dumps(document, indent=1)
    _check("cut.relmap.json", text[: int(len(text) * cut)].encode("utf-8", "surrogatepass"))
