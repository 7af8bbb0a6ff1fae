"""A known extension is not overruled by content sniffing; GML errors point at the bad value (issue 15)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.io.problems import DatasetError
from desktop.io.registry import load, sniff

GML_WITH_COMMENT = """# written by a script, 2024-01-01
# nodes: 3
graph [
  directed 0
  node [ id 1 label "Ann" ]
  node [ id 2 label "Bob" ]
  node [ id 3 label "Cat" ]
  edge [ source 1 target 2 ]
  edge [ source 2 target 3 ]
]
"""

PAJEK_WITH_TITLE = """Florentine families, marriage ties
*Vertices 3
1 "Medici"
2 "Strozzi"
3 "Albizzi"
*Edges
1 2
1 3
"""


def test_gml_starting_with_a_comment_reads_as_gml(write) -> None:
    """Before: sniffed as a space-separated CSV and refused."""
    path = write("commented.gml", GML_WITH_COMMENT)
    assert sniff(path).name == "gml"
    result = load(path)
    assert result.report.format_label.startswith("GML")
    assert {a.name for a in result.dataset.actors} == {"Ann", "Bob", "Cat"}
    assert len(result.dataset.events) == 2


def test_pajek_net_whose_first_line_is_text_reads_as_pajek(write) -> None:
    """Before: sniffed as CSV; the Pajek reader also refused text before *Vertices."""
    path = write("florentine.net", PAJEK_WITH_TITLE)
    assert sniff(path).name == "pajek"
    result = load(path)
    assert {a.name for a in result.dataset.actors} == {"Medici", "Strozzi", "Albizzi"}
    assert len(result.dataset.events) == 2
    assert any("line 1" in str(p) and "not read" in str(p) for p in result.report.problems)


def test_known_extension_reader_gets_the_first_try(write) -> None:
    # A GML whose header comment is a block the sniffer does not know still reads by its extension.
    path = write("odd.gml", "Version 1\nCreator \"yEd\"\ngraph\n[\n node [ id 0 ]\n node [ id 1 ]\n"
                            " edge [ source 0 target 1 ]\n]\n")
    result = load(path)
    assert result.report.format_label.startswith("GML")
    assert len(result.dataset.events) == 1


def test_sniffing_still_wins_for_a_wrong_extension(write) -> None:
    path = write("edges.gml", "source,target\na,b\nb,c\n")
    assert load(path).report.format_label.startswith("CSV")


def _gml_with_bad_value_on_line(line: int) -> str:
    body = ["graph ["] + [f"  node [ id {k} ]" for k in range(1, line - 2)]
    body += ["  edge [ source 1 target 2", "    metric 10G", "  ]", "]"]
    return "\n".join(body) + "\n"


def test_gml_error_names_the_line_of_the_bad_value(write) -> None:
    """Before: networkx's token position, one token (here one line) late: (117, 3) for line 116."""
    text = _gml_with_bad_value_on_line(116)
    assert text.splitlines()[115].strip() == "metric 10G"
    with pytest.raises(DatasetError) as caught:
        load(write("bad.gml", text))
    message = str(caught.value)
    assert "line 116, column 12" in message and "'10G'" in message
    assert "117" not in message


def test_other_gml_errors_use_line_and_column_words(write) -> None:
    with pytest.raises(DatasetError) as caught:
        load(write("bad.gml", "graph [\n  node [ id 1 ]\n  node [ id ]\n]\n"))
    assert "at line 5, column 1" in str(caught.value) and "at (" not in str(caught.value)


def test_pajek_extension_never_silently_becomes_csv(tmp_path: Path) -> None:
    path = tmp_path / "x.net"
    path.write_text("alpha beta\nbeta gamma\n")  # an edge list named .net: read, but the report says how
    result = load(path)
    assert result.report.format_label.startswith("CSV")
    assert any("not readable as its extension says" in line and "*Vertices" in line
               for line in result.report.guessed)
