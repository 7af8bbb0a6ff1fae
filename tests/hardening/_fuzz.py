"""Seeds and mutations for fuzzing every reader: valid files, then broken the ways real files break.

Mutations are plain functions of ``(data, rng)`` so the property tests (hypothesis hands them a
seeded ``random.Random``) and the benchmark (many more inputs, its own seeds) share them.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "io"

NATIVE = json.dumps({
    "relmap": 1, "title": "Fuzz", "description": "seed", "time": {"kind": "date", "unit": "day"},
    "sources": [{"id": "s1", "title": "Paper", "url": "https://example.org/a"}],
    "groups": [{"id": "g1", "label": "One", "colour": "#aabbcc"}, {"id": "g2", "label": "Two"}],
    "kinds": [{"id": "meet", "label": "Meeting", "cameo": "04"}],
    "actors": [{"id": "a", "name": "Ann", "group": "g1", "start": "2013"},
               {"id": "b", "name": "Bob", "group": "g2", "aliases": ["B"]},
               {"id": "c", "name": "Cy", "kind": "organisation", "end": "2015-06"}],
    "events": [
        {"id": "e1", "date": "2014-02-01", "kind": "meet", "participants": ["a", "b"],
         "sources": [{"source": "s1", "section": "p. 2"}],
         "interactions": [{"a": "a", "b": "b", "tone": 1.5, "weight": 2}]},
        {"id": "e2", "date": "2014-03", "end_date": "2014-04-02", "title": "Talks",
         "interactions": [{"a": "b", "b": "c", "tone": -2}, {"a": "a", "b": "c", "tone": 0, "note": "n"}]},
    ],
    "chapters": [{"id": "ch1", "title": "Start", "start": "2014-01-01", "end": "2014-03-31"}],
    "notes": [{"topic": "t", "text": "x", "sources": [{"source": "s1"}]}],
}, indent=1)

GEXF = """<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">
 <meta><description>seed</description></meta>
 <graph mode="dynamic" defaultedgetype="undirected" timeformat="date">
  <attributes class="node"><attribute id="0" title="group" type="string"/></attributes>
  <attributes class="edge"><attribute id="t" title="tone" type="double"/></attributes>
  <nodes>
   <node id="a" label="Ann" start="2014-01-01"><attvalues><attvalue for="0" value="x"/></attvalues>
    <viz:color r="10" g="20" b="30"/></node>
   <node id="b" label="Bob"><spells><spell start="2014-01-01" end="2014-06-01"/></spells></node>
   <node id="c" label="Cy"/>
  </nodes>
  <edges>
   <edge id="1" source="a" target="b" start="2014-02-01" end="2014-03-01" weight="2">
    <attvalues><attvalue for="t" value="-1"/></attvalues></edge>
   <edge id="2" source="b" target="c" timestamps="&lt;[2014-01-05, 2014-01-09]&gt;"/>
   <edge id="3" source="a" target="c"><attvalues><attvalue for="weight" value="3" start="2014-04-01"/></attvalues>
   </edge>
  </edges>
 </graph>
</gexf>
"""

GRAPHML = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
 <key id="n0" for="node" attr.name="label" attr.type="string"/>
 <key id="n1" for="node" attr.name="group" attr.type="string"><default>none</default></key>
 <key id="e0" for="edge" attr.name="date" attr.type="string"/>
 <key id="e1" for="edge" attr.name="weight" attr.type="double"/>
 <key id="e2" for="edge" attr.name="tone" attr.type="double"/>
 <graph edgedefault="undirected">
  <node id="a"><data key="n0">Ann</data><data key="n1">x</data></node>
  <node id="b"><data key="n0">Bob</data></node>
  <node id="c"/>
  <edge source="a" target="b"><data key="e0">2014-02-01</data><data key="e1">2</data><data key="e2">1</data></edge>
  <edge source="b" target="c"><data key="e0">2014-03-01</data></edge>
  <edge source="c" target="d" directed="true"><data key="e0">2014-04-01</data></edge>
 </graph>
</graphml>
"""

CSV = ("source,target,date,weight,tone,label\n"
       "Ann,Bob,2014-02-01,2,1,met\nBob,Cy,2014-03-01,1,-1.5,\"argued, loudly\"\nCy,Ann,2014-04-01,,0,\n"
       "Ann,Dee,2014-04-02,3,2,x\n")

EVENTS = ("GLOBALEVENTID,SQLDATE,Actor1Name,Actor2Name,EventCode,GoldsteinScale\n"
          "1,20140201,USA,ISRAEL,042,1.9\n2,20140202,ISRAEL,PALESTINE,190,-10\n3,20140203,USA,PALESTINE,036,4\n")

NODE_LINK = json.dumps({
    "directed": False, "multigraph": False, "graph": {},
    "nodes": [{"id": "a", "label": "Ann", "group": 1}, {"id": "b", "start": "2014"}, {"id": 3}],
    "links": [{"source": "a", "target": "b", "weight": 2, "date": "2014-02-01"},
              {"source": "b", "target": 3, "tone": -1, "date": "2014-03-01"},
              {"source": 0, "target": 2, "start": "2014-01-01", "end": "2014-05-01"}],
})

GML = """Creator "seed"
graph [
  directed 0
  node [ id 1 label "Ann" graphics [ fill "#112233" ] ]
  node [ id 2 label "Bob" ]
  node [ id 3 ]
  edge [ source 1 target 2 weight 2 start 2000 end 2004 ]
  edge [ source 2 target 3 tone -1 start 2001 ]
]
"""

PAJEK = """*Network seed
*Vertices 4
1 "Ann" 0.1 0.2 0.5
2 "Bob"
3 "Cy" c Blue
4 "Dee"
*Arcs
1 2 2
2 3 -1
*Edges
3 4 1 c Red
*Arcslist
1 3 4
"""

SEEDS: dict[str, list[tuple[str, bytes]]] = {
    "native": [("seed.relmap.json", NATIVE.encode())],
    "gexf": [("seed.gexf", GEXF.encode())],
    "graphml": [("seed.graphml", GRAPHML.encode())],
    "csv": [("seed.csv", CSV.encode())],
    "event_csv": [("seed.csv", EVENTS.encode())],
    "node_link": [("seed.json", NODE_LINK.encode())],
    "gml": [("seed.gml", GML.encode())],
    "pajek": [("seed.net", PAJEK.encode())],
}
_FIXTURE_FORMATS = {".gexf": "gexf", ".graphml": "graphml", ".gml": "gml", ".net": "pajek", ".csv": "csv"}
if FIXTURES.is_dir():
    for _path in sorted(FIXTURES.iterdir()):
        if _path.suffix in _FIXTURE_FORMATS:
            SEEDS[_FIXTURE_FORMATS[_path.suffix]].append((_path.name, _path.read_bytes()))

FORMATS = tuple(SEEDS)

# Values that break readers: wrong types, impossible dates, non-finite and enormous numbers, odd text.
NASTY: tuple[Any, ...] = (
    None, True, 0, -1, 1e308, -1e308, 1e-320, 10**30, "", " ", "NaN", "Infinity", "-inf", "1e400",
    "2014-02-30", "2014-13-01", "0000-00-00", "-99999-01-01", "99999999", "<[1,2];[;]>", "\u0000", "\ud7ff",
    "a" * 300, "../../etc/passwd", "%s%n", "&amp;", "<x>", "'\"", "1,2", [], {}, [1, [2, [3]]], {"a": {"b": 1}},
)
NASTY_TEXT = ("", "NaN", "inf", "-Infinity", "1e400", "-1e400", "2014-02-30", "9" * 30, "\u00e9", "\t", ",", ";",
              '"', "'", "<", ">", "&", "[", "]", "*", "%", "#", "x" * 200, "0", "-0", "2014", "1.5.6",
              "\u202e", "\x00")


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def delete_chunk(data: bytes, rng: random.Random) -> bytes:
    if not data:
        return data
    start = rng.randrange(len(data))
    return data[:start] + data[start + rng.randint(1, 40):]


def duplicate_chunk(data: bytes, rng: random.Random) -> bytes:
    if not data:
        return data
    start = rng.randrange(len(data))
    chunk = data[start: start + rng.randint(1, 80)]
    at = rng.randrange(len(data) + 1)
    return data[:at] + chunk * rng.randint(1, 3) + data[at:]


def insert_text(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.choice(NASTY_TEXT).encode("utf-8", "surrogatepass") + data[at:]


def replace_token(data: bytes, rng: random.Random) -> bytes:
    """Swap one word, number or quoted value for a nasty one: a type swap for text formats."""
    text = data.decode("utf-8", "replace")
    tokens = list(re.finditer(r'"[^"\n]{0,60}"|[\w.+-]+', text))
    if not tokens:
        return data
    match = rng.choice(tokens)
    value = rng.choice(NASTY_TEXT)
    if match.group().startswith('"') and rng.random() < 0.7:
        value = '"' + value.replace('"', "") + '"'
    return (text[: match.start()] + value + text[match.end():]).encode("utf-8", "surrogatepass")


def swap_lines(data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    if len(lines) > 2:
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
        if rng.random() < 0.3:
            del lines[rng.randrange(len(lines))]
    return b"\n".join(lines)


def reencode(data: bytes, rng: random.Random) -> bytes:
    text = data.decode("utf-8", "replace")
    encoding = rng.choice(("latin-1", "utf-16", "utf-16-be", "cp1252", "utf-8-sig", "utf-32"))
    return text.replace("Ann", "\u00c5nn\u00e9").encode(encoding, "replace")


def mutate_json(data: bytes, rng: random.Random) -> bytes:
    """Delete a key, swap a value's type or duplicate an item somewhere in a JSON document."""
    try:
        document = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        return flip_bytes(data, rng)
    holders: list[Any] = []
    stack = [document]
    while stack:
        item = stack.pop()
        if isinstance(item, dict | list) and item:
            holders.append(item)
            stack.extend(item.values() if isinstance(item, dict) else item)
    for _ in range(rng.randint(1, 3)):
        if not holders:
            break
        holder = rng.choice(holders)
        key = rng.choice(list(holder)) if isinstance(holder, dict) else rng.randrange(len(holder))
        action = rng.random()
        if action < 0.3 and isinstance(holder, dict):
            del holder[key]
            holders = [h for h in holders if h is not holder or h]
        elif action < 0.45 and isinstance(holder, list):
            holder.append(json.loads(json.dumps(holder[key])))
        else:
            holder[key] = rng.choice(NASTY)
    return json.dumps(document, allow_nan=True).encode("utf-8", "surrogatepass")


def mutate_xml(data: bytes, rng: random.Random) -> bytes:
    """Drop or change an attribute, or drop an element: structure a schema-less reader must survive."""
    text = data.decode("utf-8", "replace")
    attributes = list(re.finditer(r'(\s[\w:.-]+)="([^"]*)"', text))
    elements = list(re.finditer(r"<(\w+)[^<>]*/>", text))
    choice = rng.random()
    if attributes and choice < 0.4:
        match = rng.choice(attributes)
        return (text[: match.start()] + text[match.end():]).encode()
    if attributes and choice < 0.8:
        match = rng.choice(attributes)
        value = rng.choice(NASTY_TEXT).replace('"', "&quot;").replace("<", "&lt;").replace("&", "&amp;")
        return (text[: match.start(2)] + value + text[match.end(2):]).encode("utf-8", "surrogatepass")
    if elements:
        match = rng.choice(elements)
        return (text[: match.start()] + text[match.end():]).encode()
    return flip_bytes(data, rng)


def mutate_rows(data: bytes, rng: random.Random) -> bytes:
    """Ragged rows, empty cells, extra delimiters: what spreadsheets export."""
    lines = data.decode("utf-8", "replace").split("\n")
    i = rng.randrange(len(lines))
    cells = lines[i].split(",")
    action = rng.random()
    if action < 0.3 and len(cells) > 1:
        del cells[rng.randrange(len(cells))]
    elif action < 0.6:
        cells.insert(rng.randrange(len(cells) + 1), rng.choice(NASTY_TEXT))
    else:
        cells[rng.randrange(len(cells))] = rng.choice(NASTY_TEXT)
    lines[i] = ",".join(cells)
    return "\n".join(lines).encode("utf-8", "surrogatepass")


GENERIC: tuple[Callable[[bytes, random.Random], bytes], ...] = (
    flip_bytes, truncate, delete_chunk, duplicate_chunk, insert_text, replace_token, swap_lines, reencode,
)
STRUCTURED: dict[str, tuple[Callable[[bytes, random.Random], bytes], ...]] = {
    "native": (mutate_json, mutate_json, mutate_json), "node_link": (mutate_json, mutate_json),
    "gexf": (mutate_xml, mutate_xml), "graphml": (mutate_xml, mutate_xml),
    "csv": (mutate_rows, mutate_rows), "event_csv": (mutate_rows, mutate_rows),
    "gml": (replace_token,), "pajek": (swap_lines, mutate_rows),
}


def mutants(fmt: str) -> tuple[Callable[[bytes, random.Random], bytes], ...]:
    return GENERIC + STRUCTURED.get(fmt, ())


def mutate(fmt: str, rng: random.Random) -> tuple[str, bytes]:
    """One broken file of ``fmt``: a seed with one to three mutations applied."""
    name, data = rng.choice(SEEDS[fmt])
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        data = rng.choice(mutants(fmt))(data, rng)
    return name, data
