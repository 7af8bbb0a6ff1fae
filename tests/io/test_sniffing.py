"""Content decides the reader, whatever the file is called."""

from __future__ import annotations

import pytest

from desktop.io.registry import sniff

GRAPHML = '<?xml version="1.0"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph/></graphml>'
NATIVE = '{"relmap": 1, "title": "t", "actors": [], "events": []}'
CASES = [
    ("graph.xml", GRAPHML, "graphml"),
    ("data.json", NATIVE, "native"),
    ("edges.txt", "source,target\na,b\n", "csv"),
    ("edges.dat", "source\ttarget\na\tb\n", "csv"),
    ("g.xml", '<gexf xmlns="http://www.gexf.net/1.2draft"><graph/></gexf>', "gexf"),
    ("d3.txt", '{"nodes": [], "links": []}', "node_link"),
    ("net.txt", "% comment\n*Vertices 2\n", "pajek"),
    ("g.txt", 'Creator "x"\ngraph [\n node [ id 1 ]\n]\n', "gml"),
    ("events.csv", "GLOBALEVENTID,SQLDATE,Actor1Name,Actor2Name,EventCode,GoldsteinScale\n", "event_csv"),
    ("events.txt", "Event ID\tEvent Date\tSource Name\tCAMEO Code\tIntensity\tTarget Name\n", "event_csv"),
]


@pytest.mark.parametrize(("name", "content", "reader"), CASES, ids=[c[0] + "-" + c[2] for c in CASES])
def test_sniff_by_content(write, name: str, content: str, reader: str) -> None:
    assert sniff(write(name, content)).name == reader
