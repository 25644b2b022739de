"""A GraphML writer that the GraphML 1.0 schema accepts for any projection.

networkx's writer fails the schema on our graphs in several ways: IRIs as node ids (not
``xs:NMTOKEN``), repeated edge ids for parallel edges (multigraph keys), and no way to write
``None``, lists or dicts. Here node ids are the projection's XML-safe ids, edges are numbered
``e0…``, ``key`` elements are declared with the schema's types (boolean, long, double, string;
lists and dicts as JSON text, see :mod:`cagraph.graph.attrs`), and graph attributes travel as
``for="graph"`` keys. Written incrementally, like the GEXF writer.
"""

from __future__ import annotations

from typing import Any, BinaryIO

import networkx as nx
from lxml import etree

from cagraph.graph import attrs
from cagraph.graph.ids import numbered_edges

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{GRAPHML_NS} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"
GRAPHML_TYPES = {
    "boolean": "boolean",
    "long": "long",
    "double": "double",
    "string": "string",
    "list": "string",
}

Keyed = list[tuple[str, attrs.Column]]


def _keys(xf: Any, scope: str, prefix: str, records: Any) -> Keyed:
    keyed = [(f"{prefix}{i}", c) for i, c in enumerate(attrs.columns(records))]
    for ident, col in keyed:
        xf.write(
            etree.Element(
                "key",
                {
                    "id": ident,
                    "for": scope,
                    "attr.name": col.name,
                    "attr.type": GRAPHML_TYPES[col.type],
                },
            )
        )
    return keyed


def _data(parent: etree._Element, data: dict[str, Any], keyed: Keyed) -> None:
    for ident, col in keyed:
        value = data.get(col.name)
        if value is not None:
            etree.SubElement(parent, "data", key=ident).text = attrs.text(value, col.type)


def write_graphml(graph: nx.Graph, out: BinaryIO) -> None:
    """Write ``graph`` to ``out`` as GraphML."""
    root_attrs = {f"{{{XSI_NS}}}schemaLocation": SCHEMA_LOCATION}
    nsmap = {None: GRAPHML_NS, "xsi": XSI_NS}
    with etree.xmlfile(out, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element(f"{{{GRAPHML_NS}}}graphml", root_attrs, nsmap=nsmap):
            graph_keys = _keys(xf, "graph", "kg", [graph.graph])
            node_keys = _keys(xf, "node", "kn", (d for _, d in graph.nodes(data=True)))
            edge_keys = _keys(xf, "edge", "ke", (d for *_, d in graph.edges(data=True)))
            edgedefault = "directed" if graph.is_directed() else "undirected"
            with xf.element("graph", id="G", edgedefault=edgedefault):
                holder = etree.Element("data-holder")
                _data(holder, dict(graph.graph), graph_keys)
                for element in holder:
                    xf.write(element)
                for node, data in graph.nodes(data=True):
                    element = etree.Element("node", id=str(node))
                    _data(element, data, node_keys)
                    xf.write(element)
                for ident, source, target, _, data in numbered_edges(graph):
                    element = etree.Element("edge", id=ident, source=source, target=target)
                    _data(element, data, edge_keys)
                    xf.write(element)
