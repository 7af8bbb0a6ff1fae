"""The floors hold: no import circle anywhere in the package, checked on the real import graph.

import-linter's layers contract (``pyproject.toml``) orders the packages; this test catches what a
layers contract cannot see: two modules of one package importing each other, directly or round a
longer loop, including imports inside functions. Imports only for type checkers (``if TYPE_CHECKING``)
never run, so they are left out.
"""

from __future__ import annotations

import grimp
import networkx as nx


def import_graph() -> nx.DiGraph:
    graph = grimp.build_graph("desktop", exclude_type_checking_imports=True)
    edges = nx.DiGraph()
    for module in graph.modules:
        edges.add_node(module)
        for imported in graph.find_modules_directly_imported_by(module):
            edges.add_edge(module, imported)
    return edges


def test_no_module_takes_part_in_an_import_circle() -> None:
    graph = import_graph()
    assert graph.number_of_edges() > 100  # the graph really is the package's
    circles = [sorted(group) for group in nx.strongly_connected_components(graph) if len(group) > 1]
    assert circles == [], "import circles: " + "; ".join(" ↔ ".join(group) for group in circles)


def test_no_module_imports_itself() -> None:
    graph = import_graph()
    assert [module for module in graph if graph.has_edge(module, module)] == []
