"""The coding rules of the built-in dataset's data card, checked over its kinds, tones and notes.

The card (resources/datasets/README.md, "Coding rules") fixes how an encounter becomes a tone. Tones are a
judgement, but the words a note uses to justify one are not free: a note that says "threat" while the tone says
"friction" is a contradiction a reader can see. These tests hold every note to the card, so that an edit which
codes a threat as −1, or a peeved remark as 0, fails here instead of quietly skewing the map.
"""

from __future__ import annotations

import itertools
import json
import os
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
DATASET = ROOT / "resources/datasets/kerry-2013-2014.json"
CARD = ROOT / "resources/datasets/README.md"

# The card's vocabulary. Each entry: what a note says -> the tone the card gives it.
HOSTILE = re.compile(  # raised voices, insults, threats, ultimatums, accusations of bad faith, reneging: -2
    r"\bthreat|\bultimat|\bshout|\byell|\bscream|\binsult|\brais(?:es|ed|ing) (?:his|her|their) voice"
    r"|\bcheat|\bdeceiv|\bsabotag|\breneg(?!otiat)",
    re.IGNORECASE,
)
IRRITATION = re.compile(r"\birritat|\bpeeved|\bgrumbl|\bannoy|\bgrous|\bgrimac|\bwinc|\bresent", re.IGNORECASE)
FRICTION = re.compile(r"\banger|\bangry|\bfurious|\bmock|\bderid|\bscorn|\bsnub|\bbarbed|\bsarcas", re.IGNORECASE)
DISTRUST = re.compile(r"\bdistrust|\bdoubt|\bcynic|\bsuspect|\bsuspicion|\bjaded", re.IGNORECASE)
REFUSAL = re.compile(r"\brefus|\breject|\bbroken promise", re.IGNORECASE)
CONSTRAINED = re.compile(r"\bconstraint|\bconditional", re.IGNORECASE)
ABSENCE = re.compile(r"\b[Ii]n ([A-Z][\w']*)'s absence\b")

# Collective actors: a population or a loose group with no one who decides for it.
COLLECTIVE = {"israeli-public", "palestinian-public", "settler-leaders"}
COLLECTIVE_ACTS = {"protest", "attack", "armed-clash"}  # kinds in which the collective itself acts or is struck
ADDRESSED_OR_REACTS = re.compile(r"\baddressed\b|\breacts?\b|\breaction\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def doc() -> dict:
    return json.loads(DATASET.read_text(encoding="utf-8"))


def interactions(doc: dict) -> Iterator[tuple[dict, dict]]:
    for event in doc["events"]:
        for inter in event["interactions"]:
            yield event, inter


def where(event: dict, inter: dict) -> str:
    return f"{event['id']}: {inter['a']}-{inter['b']} {inter['tone']:+g} ({inter['note']})"


def test_hostile_words_mean_minus_two(doc: dict) -> None:
    """Threats, ultimatums, shouting, insults, accusations of bad faith and reneging are -2."""
    wrong = [where(e, i) for e, i in interactions(doc) if HOSTILE.search(i["note"]) and i["tone"] != -2]
    assert not wrong, "\n".join(wrong)


def test_irritation_and_distrust_mean_minus_one(doc: dict) -> None:
    """Irritation, anger, mockery and distrust are -1, unless open hostility is also named."""
    wrong = [
        where(e, i) for e, i in interactions(doc)
        if any(p.search(i["note"]) for p in (IRRITATION, FRICTION, DISTRUST)) and not HOSTILE.search(i["note"])
        and i["tone"] != -1
    ]
    assert not wrong, "\n".join(wrong)


def test_refusals_are_zero_only_when_framed_by_constraints(doc: dict) -> None:
    """A refusal is 0 when framed by constraints or conditional, else at least -1."""
    wrong = []
    for event, inter in interactions(doc):
        if not REFUSAL.search(inter["note"]):
            continue
        expected_zero = bool(CONSTRAINED.search(inter["note"]))
        if (expected_zero and inter["tone"] != 0) or (not expected_zero and inter["tone"] > -1):
            wrong.append(where(event, inter))
    assert not wrong, "\n".join(wrong)


def test_refusals_escalate(doc: dict) -> None:
    """Between the same two actors, a later refusal is never milder than an earlier one (-1, then -2)."""
    by_pair: dict[frozenset[str], list[tuple[str, float, str]]] = defaultdict(list)
    for event, inter in interactions(doc):
        if event["kind"] == "refusal" and inter["tone"] <= 0:
            by_pair[frozenset((inter["a"], inter["b"]))].append((event["date"], inter["tone"], event["id"]))
    wrong = []
    for pair, rows in by_pair.items():
        rows.sort()
        for (_, before, first), (_, after, second) in itertools.pairwise(rows):
            if after > before:
                wrong.append(f"{'-'.join(sorted(pair))}: {first} {before:+g} then {second} {after:+g}")
    assert not wrong, "\n".join(wrong)


def test_threats_and_confrontations_carry_open_hostility(doc: dict) -> None:
    """An ultimatum event names its threat at -2; a confrontation has at least one -2 pair."""
    for event in doc["events"]:
        if event["kind"] == "ultimatum":
            assert any(i["tone"] == -2 and HOSTILE.search(i["note"]) for i in event["interactions"]), event["id"]
        if event["kind"] == "confrontation":
            assert any(i["tone"] == -2 for i in event["interactions"]), event["id"]


def test_remarks_about_the_absent_are_coded_like_remarks_to_them(doc: dict) -> None:
    """A remark made in someone's absence ties the speaker to that person, and the note names who was absent."""
    names: dict[str, str] = {}
    for actor in doc["actors"]:
        for name in (actor["name"], *actor.get("aliases", [])):
            names.setdefault(name, actor["id"])
        names.setdefault(actor["name"].split()[-1], actor["id"])
    found = 0
    for event, inter in interactions(doc):
        match = ABSENCE.search(inter["note"])
        if not match:
            continue
        found += 1
        absent = names.get(match.group(1))
        assert absent in (inter["a"], inter["b"]), f"{where(event, inter)}: the absent person is not in the pair"
    assert found >= 10


def test_collective_actors_appear_only_reacting_or_addressed(doc: dict) -> None:
    """A public or a group appears only where the article shows it acting, struck, reacting or addressed."""
    wrong = []
    for event in doc["events"]:
        coded = {x for i in event["interactions"] for x in (i["a"], i["b"])}
        for actor in COLLECTIVE & set(event["participants"]):
            if actor not in coded:
                wrong.append(f"{event['id']}: {actor} is listed but in no interaction")
        for inter in event["interactions"]:
            if COLLECTIVE & {inter["a"], inter["b"]} and event["kind"] not in COLLECTIVE_ACTS \
                    and not ADDRESSED_OR_REACTS.search(inter["note"]):
                wrong.append(where(event, inter))
    assert not wrong, "\n".join(wrong)


def test_collective_list_names_real_actors(doc: dict) -> None:
    ids = {a["id"] for a in doc["actors"]}
    assert ids >= COLLECTIVE
    assert {i for i in ids if i.endswith("-public")} <= COLLECTIVE


# Relationships the articles state, each coded at the scene where the article states it: (event, a, b, tone).
STATED = [
    ("2013-03-20-obama-peres-meeting", "peres", "abbas", 2),  # "the best peace partner" (section I)
    ("2013-03-20-obama-peres-meeting", "peres", "netanyahu", -1),  # both presidents jaded (I)
    ("2013-03-20-obama-peres-meeting", "obama", "netanyahu", -1),
    ("2013-07-19-index-card-offer", "erekat", "netanyahu", -1),  # "take you ... for a ride" (II)
    ("2013-07-28-cabinet-approves-release", "abbas", "netanyahu", -1),  # "Abbas was more cynical" (II)
    ("2013-07-30-molho-watches-livni", "netanyahu", "livni", -1),  # Molho's watchful eye (III)
    ("2013-10-erekat-plan-b", "erekat", "hamas", 1),  # Plan B (III)
    ("2013-11-erekat-urges-abbas-to-quit", "erekat", "abbas", 0),  # urging for months (V)
    ("2013-11-06-veranda-indyk-erekat", "erekat", "netanyahu", -2),  # "Netanyahu is cheating us" (III)
    ("2013-11-10-vietnam-clash", "kerry", "abbas", -1),  # the riot act (IV)
    ("2013-11-jordan-valley-positions", "abbas", "netanyahu", -1),  # Jordan Valley (IV)
    ("2013-12-yaalon-dismisses-plan", "netanyahu", "yaalon", -1),  # basis for discussion vs worthless (IV)
    ("2014-01-framework-parallel-track", "netanyahu", "abbas", -1),  # Jewish-state wording (V)
    ("2014-01-kerry-floats-pollard", "obama", "kerry", 0),  # only for a true breakthrough (V)
    ("2014-02-20-why-is-abu-mazen-angry", "erekat", "netanyahu", -2),  # "Bibi the Great" (V)
    ("2014-04-01-kerry-promises-vote", "kerry", "erekat", -1),  # Kerry peeved (V)
    ("2014-04-01-right-threatens", "bennett", "netanyahu", -2),  # threats (V)
    ("2014-04-01-right-threatens", "likud", "netanyahu", -2),
]


@pytest.mark.parametrize(("event_id", "a", "b", "tone"), STATED, ids=[f"{e}:{a}-{b}" for e, a, b, _ in STATED])
def test_stated_relationships_are_coded(doc: dict, event_id: str, a: str, b: str, tone: int) -> None:
    events = {e["id"]: e for e in doc["events"]}
    assert event_id in events, f"no event {event_id}"
    pairs = {frozenset((i["a"], i["b"])): i["tone"] for i in events[event_id]["interactions"]}
    assert pairs.get(frozenset((a, b))) == tone, f"{event_id}: {a}-{b} is {pairs.get(frozenset((a, b)))}, not {tone}"


# ---- the card's figures and the dataset's own words ---------------------------------------------------------


def card_figure(label: str) -> int:
    """The first number in the card's summary-table row ``| label | N ...``."""
    match = re.search(rf"^\| {label} \| (\d+)", CARD.read_text(encoding="utf-8"), re.MULTILINE)
    assert match, f"no '{label}' row in the data card"
    return int(match.group(1))


def test_data_card_counts_match_the_dataset(doc: dict) -> None:
    assert card_figure("Actors") == len(doc["actors"])
    assert card_figure("Events") == len(doc["events"])
    assert card_figure("Interactions") == sum(len(e["interactions"]) for e in doc["events"])
    assert card_figure("Chapters") == len(doc["chapters"])
    assert card_figure("Notes") == len(doc["notes"])


def texts(doc: dict) -> Iterator[tuple[str, str]]:
    """Every sentence-bearing field of the dataset, with where it is."""
    for event in doc["events"]:
        for key in ("title", "summary", "date_note"):
            if event.get(key):
                yield f"{event['id']}.{key}", event[key]
        for inter in event["interactions"]:
            yield f"{event['id']}.{inter['a']}-{inter['b']}", inter["note"]
    for actor in doc["actors"]:
        if actor.get("note"):
            yield f"actor {actor['id']}", actor["note"]
    for chapter in doc["chapters"]:
        yield f"chapter {chapter['id']}", chapter["summary"]
    for note in doc["notes"]:
        yield f"note {note['topic']}", note["text"]


QUOTED = re.compile(r"\"([^\"]+)\"|“([^”]+)”|(?<![\w’])'([^']+?)'(?![\w])")


def test_quotations_are_short(doc: dict) -> None:
    """Quoted words are under twelve words: the articles are sources of facts, not of text."""
    long = []
    for place, text in texts(doc):
        for match in QUOTED.finditer(text):
            quote = next(g for g in match.groups() if g)
            if len(quote.split()) >= 12:
                long.append(f"{place}: {quote!r}")
    assert not long, "\n".join(long)


def seeds_folder() -> Path:
    candidates = [Path(os.environ["RELMAP_SHARED"]) / "seeds"] if os.environ.get("RELMAP_SHARED") else []
    candidates += [ROOT.parent / "shared" / "seeds", Path("/work/shared/seeds")]
    for folder in candidates:
        if folder.is_dir():
            return folder
    pytest.fail(f"the source articles are needed to check for copied text; looked in {candidates}")


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "'").replace("'", ""))


def test_no_sentence_is_copied_from_the_articles(doc: dict) -> None:
    """No run of twelve words in the dataset's text appears in the source articles."""
    n = 12
    source = set()
    for path in sorted(seeds_folder().glob("*.txt")):
        tokens = words(path.read_text(encoding="utf-8"))
        source.update(tuple(tokens[k:k + n]) for k in range(len(tokens) - n + 1))
    copied = []
    for place, text in texts(doc):
        tokens = words(text)
        for k in range(len(tokens) - n + 1):
            if tuple(tokens[k:k + n]) in source:
                copied.append(f"{place}: {' '.join(tokens[k:k + n])}")
                break
    assert not copied, "\n".join(copied)
