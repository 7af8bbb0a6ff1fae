"""Broken and hostile input: refused with a message naming the file and the place, never expanded."""

from __future__ import annotations

import pytest

from desktop.io.problems import DatasetError
from desktop.io.registry import load

GEXF_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<gexf xmlns="http://gexf.net/1.3" version="1.3">\n'

LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<gexf xmlns="http://gexf.net/1.3"><graph><nodes><node id="a" label="&lol3;"/></nodes></graph></gexf>
"""

EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE graphml [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph><node id="&secret;"/></graph></graphml>
"""


def test_truncated_gexf_names_file_line_and_column(write) -> None:
    path = write("cut.gexf", GEXF_HEAD + '<graph mode="static">\n<nodes>\n<node id="a"')
    with pytest.raises(DatasetError) as caught:
        load(path)
    assert str(caught.value).startswith("cut.gexf: line 5, column")
    assert "not well-formed XML" in str(caught.value)


def test_truncated_graphml(write) -> None:
    path = write("cut.graphml", '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph><node id="a">')
    with pytest.raises(DatasetError, match=r"cut\.graphml: line 1, column \d+"):
        load(path)


def test_billion_laughs_is_refused_not_expanded(write) -> None:
    with pytest.raises(DatasetError) as caught:
        load(write("laughs.gexf", LAUGHS))
    assert str(caught.value).startswith("laughs.gexf: ")
    assert "refused for safety" in str(caught.value)


def test_external_entity_is_refused(write) -> None:
    with pytest.raises(DatasetError, match=r"secret\.graphml: .*refused for safety"):
        load(write("secret.graphml", EXTERNAL))


def test_gexf_without_graph_or_node_id(write) -> None:
    with pytest.raises(DatasetError, match=r"nograph\.gexf: <gexf>: no <graph> element"):
        load(write("nograph.gexf", GEXF_HEAD + "</gexf>"))
    body = GEXF_HEAD + '<graph><nodes><node label="x"/></nodes></graph></gexf>'
    with pytest.raises(DatasetError, match=r"noid\.gexf: <node> #1: the node has no id"):
        load(write("noid.gexf", body))


def test_gexf_unknown_ids_are_created_and_reported(write) -> None:
    body = GEXF_HEAD + ('<graph><nodes><node id="a"/><node id="b"/></nodes><edges>'
                        '<edge id="1" source="a" target="b"/><edge id="2" source="a" target="ghost"/>'
                        "</edges></graph></gexf>")
    result = load(write("ghost.gexf", body))
    assert {a.id for a in result.dataset.actors} == {"a", "b", "ghost"}
    assert any("not declared" in line and "<edge> #2 (id '2')" in line for line in result.report.skipped)


def test_ragged_csv_rows_are_reported_by_line(write) -> None:
    path = write("ragged.csv", "source,target,weight\na,b,1\nb,c\nc,d,1,extra\nd,e,2\ne,f,1\n")
    result = load(path)
    assert len(result.dataset.events) == 5
    where = [problem.location for problem in result.report.problems]
    assert where == ["line 3", "line 4"]
    assert "ragged.csv" in result.report.summary()


def test_mostly_ragged_csv_is_refused_with_the_first_line(write) -> None:
    path = write("wrong.csv", "a;b;c;d\n1;2\n3;4\n5;6\n7;8\n9;10\n")
    with pytest.raises(DatasetError, match=r"wrong\.csv: line 2: most rows"):
        load(path)


def test_impossible_and_unknown_dates_skip_rows_with_lines(write) -> None:
    path = write("dates.csv", "source,target,date\na,b,2014-02-28\na,c,2014-02-30\nb,c,n/a\nc,d,2014-03-01\n")
    result = load(path)
    assert len(result.dataset.events) == 2
    assert any(p.location == "line 3" and "not a calendar date" in p.message for p in result.report.problems)
    assert any("unknown time" in line and "line 4" in line for line in result.report.skipped)


def test_json_link_index_out_of_range(write) -> None:
    path = write("d3.json", '{"nodes": [{"name": "a"}, {"name": "b"}], "links": [{"source": 0, "target": 9}]}')
    with pytest.raises(DatasetError, match=r"d3\.json: links\[0\]\.target: no node with id or index 9"):
        load(path)


def test_invalid_json_has_line_and_column(write) -> None:
    with pytest.raises(DatasetError, match=r"bad\.json: line 2, column \d+: invalid JSON"):
        load(write("bad.json", '{"nodes": [\n {"id": 1,,}], "links": []}'))


def test_pajek_bad_vertex_number(write) -> None:
    path = write("bad.net", "*Vertices 2\n1 \"a\"\n2 \"b\"\n*Arcs\n1 x 1\n")
    with pytest.raises(DatasetError, match=r"bad\.net: line 5: 'x' is not a vertex number"):
        load(path)


def test_bad_gml_is_wrapped(write) -> None:
    with pytest.raises(DatasetError, match=r"bad\.gml: not valid GML"):
        load(write("bad.gml", "graph [ node [ id 1 ] edge [ source 1 target ] "))


def test_empty_and_unknown_files(write) -> None:
    with pytest.raises(DatasetError, match=r"empty\.csv: the file is empty"):
        load(write("empty.csv", "\n\n"))
    with pytest.raises(DatasetError, match=r"blob\.bin: not a format Relmap reads"):
        load(write("blob.bin", b"\x00\x01\x02binary"))
