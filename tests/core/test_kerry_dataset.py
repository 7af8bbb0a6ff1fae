"""The built-in dataset (the 2013-14 Kerry talks): valid, consistent, cited, and telling the story right."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

ROOT = Path(__file__).parents[2]
DATASET = ROOT / "resources/datasets/kerry-2013-2014.json"
SCHEMA = ROOT / "resources/schema/relmap-1.schema.json"

STORY_START = dt.date(2013, 3, 1)
STORY_END = dt.date(2014, 8, 31)
TALKS_START = dt.date(2013, 7, 29)
TALKS_END = dt.date(2014, 4, 29)
TNR_SECTIONS = {"I", "II", "III", "IV", "V", "VI"}
ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@pytest.fixture(scope="module")
def doc() -> dict:
    return json.loads(DATASET.read_text(encoding="utf-8"))


def parse(value: str) -> tuple[dt.date, str]:
    """A dataset date as (first day, precision); raises ValueError for impossible dates."""
    parts = value.split("-")
    if len(parts) == 3:
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2])), "day"
    if len(parts) == 2:
        return dt.date(int(parts[0]), int(parts[1]), 1), "month"
    return dt.date(int(parts[0]), 1, 1), "year"


def test_schema_valid(doc: dict) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    errors = sorted(Draft202012Validator(schema).iter_errors(doc), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:20])


def test_ids_unique_and_well_formed(doc: dict) -> None:
    for section in ("sources", "groups", "kinds", "actors", "events", "chapters"):
        ids = [item["id"] for item in doc[section]]
        duplicates = [i for i, n in Counter(ids).items() if n > 1]
        assert not duplicates, f"duplicate {section} ids: {duplicates}"
        bad = [i for i in ids if not ID.match(i)]
        assert not bad, f"{section} ids not lowercase-hyphenated: {bad}"


def test_every_reference_exists(doc: dict) -> None:
    groups = {g["id"] for g in doc["groups"]}
    kinds = {k["id"] for k in doc["kinds"]}
    sources = {s["id"] for s in doc["sources"]}
    actors = {a["id"] for a in doc["actors"]}
    assert sources == {"nbc", "wapo", "tnr"}
    for actor in doc["actors"]:
        assert actor["group"] in groups, actor["id"]
        assert actor["kind"] in {"person", "organisation"}, actor["id"]
    for event in doc["events"]:
        assert event["kind"] in kinds, event["id"]
        assert set(event["participants"]) <= actors, (event["id"], set(event["participants"]) - actors)
        for ref in event["sources"]:
            assert ref["source"] in sources, event["id"]
        for inter in event["interactions"]:
            assert inter["a"] in actors and inter["b"] in actors, (event["id"], inter)
            assert inter["a"] != inter["b"], (event["id"], inter)
    for note in doc["notes"]:
        for ref in note.get("sources", []):
            assert ref["source"] in sources, note["topic"]


def test_every_actor_takes_part(doc: dict) -> None:
    involved = {p for e in doc["events"] for p in e["participants"]}
    involved |= {x for e in doc["events"] for i in e["interactions"] for x in (i["a"], i["b"])}
    idle = [a["id"] for a in doc["actors"] if a["id"] not in involved]
    assert not idle, f"actors in no event: {idle}"


def test_every_event_is_complete_and_cited(doc: dict) -> None:
    for event in doc["events"]:
        for key in ("title", "summary", "kind", "place", "date_precision"):
            assert event.get(key), (event["id"], key)
        assert event["participants"], event["id"]
        assert event["interactions"], event["id"]
        assert event["sources"], event["id"]
        for ref in event["sources"]:
            if ref["source"] == "tnr":
                assert ref.get("section") in TNR_SECTIONS, event["id"]
        for inter in event["interactions"]:
            assert -2 <= inter["tone"] <= 2, event["id"]
            assert inter.get("note"), (event["id"], inter)
            assert {inter["a"], inter["b"]} <= set(event["participants"]), (event["id"], inter)


def test_dates_are_real_and_inside_the_story(doc: dict) -> None:
    for event in doc["events"]:
        day, precision = parse(event["date"])
        assert precision == event["date_precision"], event["id"]
        if "end_date" in event:
            assert parse(event["end_date"])[0] >= day, event["id"]
        if not event.get("background"):
            assert STORY_START <= day <= STORY_END, event["id"]
        if precision != "day" or "end_date" in event:
            assert event.get("date_note"), f"{event['id']}: a coarse date or span needs a date_note"


def test_no_duplicate_events(doc: dict) -> None:
    titles = Counter(e["title"].strip().lower() for e in doc["events"])
    assert not [t for t, n in titles.items() if n > 1]
    keys = Counter((e["date"], frozenset(e["participants"]), e["kind"]) for e in doc["events"])
    assert not [k for k, n in keys.items() if n > 1], [k for k, n in keys.items() if n > 1]


def test_chapters_are_ordered_and_cover_the_talks(doc: dict) -> None:
    chapters = doc["chapters"]
    spans = [(parse(c["start"])[0], parse(c["end"])[0]) for c in chapters]
    for (start, end), chapter in zip(spans, chapters, strict=True):
        assert start <= end, chapter["id"]
        assert chapter.get("summary"), chapter["id"]
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert start == end + dt.timedelta(days=1), "chapters must follow each other without gap or overlap"
    assert spans[0][0] <= TALKS_START and spans[-1][1] >= TALKS_END


def test_kinds_map_to_cameo_roots(doc: dict) -> None:
    used = {e["kind"] for e in doc["events"]}
    for kind in doc["kinds"]:
        assert kind["id"] in used, f"kind {kind['id']} is listed but unused"
        assert 1 <= int(kind["cameo"]) <= 20 and kind.get("cameo_label"), kind["id"]


def test_group_colours_are_distinct(doc: dict) -> None:
    colours = [g["colour"].lower() for g in doc["groups"]]
    assert len(set(colours)) == len(colours)


def test_size(doc: dict) -> None:
    assert len(doc["actors"]) >= 50
    assert len(doc["events"]) >= 100


# (a, b, date, expected sign of the tie's tension), each made unambiguous by the articles.
TENSION_CHECKS = [
    # Kerry-Netanyahu: old friends; the July deal, the warm Rome meeting, the "Vietnam" clash, the framework.
    ("kerry", "netanyahu", dt.date(2013, 7, 25), +1),
    ("kerry", "netanyahu", dt.date(2013, 10, 30), +1),
    ("kerry", "netanyahu", dt.date(2013, 11, 12), -1),
    ("kerry", "netanyahu", dt.date(2014, 1, 31), +1),
    # Kerry-Abbas: the letter on the 1967 lines, then growing alienation (December, Paris, Georgetown).
    ("kerry", "abbas", dt.date(2013, 8, 5), +1),
    ("kerry", "abbas", dt.date(2014, 2, 25), -1),
    ("kerry", "abbas", dt.date(2014, 3, 20), -1),
    # Livni-Erekat: rapport in the early sessions, then the November shouting match and 1 April.
    ("livni", "erekat", dt.date(2013, 8, 20), +1),
    ("livni", "erekat", dt.date(2013, 9, 15), +1),
    ("livni", "erekat", dt.date(2013, 11, 20), -1),
    ("livni", "erekat", dt.date(2014, 4, 2), -1),
    # Indyk-Erekat: the "Saeb whisperer" on the veranda; the shouting of 1 April.
    ("indyk", "erekat", dt.date(2013, 11, 20), +1),
    ("indyk", "erekat", dt.date(2014, 4, 5), -1),
    # Netanyahu-Bennett: the January attacks and the ultimatum.
    ("netanyahu", "bennett", dt.date(2014, 1, 30), -1),
    ("netanyahu", "bennett", dt.date(2014, 2, 15), -1),
    # Obama-Kerry: Obama entrusts the effort to Kerry, teases him, and grants him Pollard "for you".
    ("obama", "kerry", dt.date(2013, 3, 25), +1),
    ("obama", "kerry", dt.date(2013, 8, 5), +1),
    ("obama", "kerry", dt.date(2014, 4, 1), +1),
    # Kerry-Ya'alon: scorn for the security plan, then "messianic".
    ("kerry", "yaalon", dt.date(2013, 12, 20), -1),
    ("kerry", "yaalon", dt.date(2014, 1, 20), -1),
    # Erekat-Rice: the hallway exchange of 17 March 2014.
    ("erekat", "rice", dt.date(2014, 3, 20), -1),
    # Abbas-Netanyahu: the false claim of November, the missed release, the conventions, the suspension.
    ("abbas", "netanyahu", dt.date(2013, 11, 15), -1),
    ("abbas", "netanyahu", dt.date(2014, 4, 5), -1),
    # Abbas-Netanyahu before the false claim: Abbas's cynicism after the Cabinet vote.
    ("abbas", "netanyahu", dt.date(2013, 8, 5), -1),
    # Erekat-Netanyahu: distrust the night of the index card, "cheating" on the veranda, "Bibi the Great" in Paris.
    ("erekat", "netanyahu", dt.date(2013, 7, 25), -1),
    ("erekat", "netanyahu", dt.date(2013, 11, 8), -1),
    ("erekat", "netanyahu", dt.date(2014, 2, 25), -1),
    # Peres-Abbas: "the best peace partner" on 20 March 2013; Obama and Peres already jaded with Netanyahu.
    ("peres", "abbas", dt.date(2013, 3, 25), +1),
    ("obama", "netanyahu", dt.date(2013, 3, 25), -1),
    ("peres", "netanyahu", dt.date(2013, 3, 25), -1),
    # Netanyahu-Livni: Molho as the prime minister's watchful eye on his negotiator.
    ("netanyahu", "livni", dt.date(2013, 8, 5), -1),
    # Netanyahu-Ya'alon: split over Allen's security plan.
    ("netanyahu", "yaalon", dt.date(2013, 12, 20), -1),
    # Kerry-Erekat: the heated Paris morning and Kerry peeved on 1 April.
    ("kerry", "erekat", dt.date(2014, 4, 2), -1),
]


@pytest.fixture(scope="module")
def timeline():
    from desktop.core.timeline import Timeline
    from desktop.io.native import load_dataset

    return Timeline(load_dataset(DATASET))


def test_dataset_loads_in_the_app(timeline) -> None:
    assert len(timeline.dataset.events) >= 1


@pytest.mark.parametrize(("a", "b", "when", "sign"), TENSION_CHECKS,
                         ids=[f"{a}-{b}-{when}" for a, b, when, _ in TENSION_CHECKS])
def test_tension_sign(timeline, a: str, b: str, when: dt.date, sign: int) -> None:
    tie = timeline.snapshot_at(when).tie(a, b)
    assert tie is not None, f"no {a}-{b} tie on {when}"
    assert tie.tension * sign > 0, f"{a}-{b} on {when}: tension {tie.tension:+.2f}, expected sign {sign:+d}"
