"""A GEXF 1.3 writer that the official schema accepts (networkx's own output does not: it
writes the ``xsi`` namespace as ``http://w3.org/…`` and an empty ``graph/@name``).

What Gephi gets:

- ``mode="dynamic"`` and ``timeformat="date"`` when any node or edge has a time span, with
  ``start``/``end`` on those elements (from their ``start``/``end`` attributes), so the timeline
  works; undated elements have no span and are always shown;
- typed attribute columns (:mod:`cagraph.graph.attrs`; lists as ``liststring``);
- ``color`` and ``size`` on nodes, ``color`` and ``thickness`` on edges
  (:mod:`cagraph.graph.style`). In GEXF 1.3's schema these are elements of the GEXF
  namespace itself; Gephi reads them by local name;
- edge ``weight``, ``label`` and, for parallel edges, ``kind`` (the relation).

The file is written incrementally (lxml ``xmlfile``), so memory does not grow with its size.
Children are written without a namespace of their own inside the root's default namespace,
which puts them in the GEXF namespace without repeating the declaration on every element.
"""

from __future__ import annotations

from datetime import date
from typing import Any, BinaryIO

import networkx as nx
from lxml import etree

from cagraph import __version__
from cagraph.graph import attrs
from cagraph.graph.ids import numbered_edges
from cagraph.graph.style import edge_colour, edge_thickness, hex_rgb, node_colour, node_size

GEXF_NS = "http://gexf.net/1.3"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"
GEXF_TYPES = {
    "boolean": "boolean",
    "long": "long",
    "double": "double",
    "string": "string",
    "list": "liststring",
}
NODE_XML_ATTRS = ("label", "start", "end")
EDGE_XML_ATTRS = ("label", "start", "end", "weight")


def _colour(parent: etree._Element, colour: str) -> None:
    r, g, b = hex_rgb(colour)
    etree.SubElement(parent, "color", r=str(r), g=str(g), b=str(b))


def _attvalues(
    parent: etree._Element, data: dict[str, Any], cols: list[tuple[str, attrs.Column]]
) -> None:
    values = [(ident, col, data.get(col.name)) for ident, col in cols]
    present = [(ident, col, v) for ident, col, v in values if v is not None]
    if not present:
        return
    box = etree.SubElement(parent, "attvalues")
    for ident, col, value in present:
        etree.SubElement(box, "attvalue", {"for": ident, "value": attrs.text(value, col.type)})


def _declare(xf: Any, klass: str, cols: list[tuple[str, attrs.Column]]) -> None:
    if not cols:
        return
    box = etree.Element("attributes", {"class": klass, "mode": "static"})
    for ident, col in cols:
        etree.SubElement(box, "attribute", id=ident, title=col.name, type=GEXF_TYPES[col.type])
    xf.write(box)


def _span(element: etree._Element, data: dict[str, Any]) -> None:
    for name in ("start", "end"):
        if data.get(name):
            element.set(name, str(data[name]))


def _has_spans(graph: nx.Graph) -> bool:
    items = [d for _, d in graph.nodes(data=True)] + [d for *_, d in graph.edges(data=True)]
    return any(d.get("start") or d.get("end") for d in items)


def write_gexf(graph: nx.Graph, out: BinaryIO, *, description: str | None = None) -> None:
    """Write ``graph`` to ``out`` as GEXF 1.3."""
    node_cols = [
        (f"n{i}", c)
        for i, c in enumerate(attrs.columns((d for _, d in graph.nodes(data=True)), NODE_XML_ATTRS))
    ]
    edge_cols = [
        (f"e{i}", c)
        for i, c in enumerate(
            attrs.columns((d for *_, d in graph.edges(data=True)), EDGE_XML_ATTRS)
        )
    ]
    graph_attrs = {
        "defaultedgetype": "directed" if graph.is_directed() else "undirected",
        "idtype": "string",
    }
    if _has_spans(graph):
        graph_attrs.update(mode="dynamic", timeformat="date")
    else:
        graph_attrs["mode"] = "static"
    root_attrs = {"version": "1.3", f"{{{XSI_NS}}}schemaLocation": SCHEMA_LOCATION}
    with etree.xmlfile(out, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element(f"{{{GEXF_NS}}}gexf", root_attrs, nsmap={None: GEXF_NS, "xsi": XSI_NS}):
            meta = etree.Element("meta", lastmodifieddate=date.today().isoformat())
            etree.SubElement(meta, "creator").text = f"cagraph {__version__}"
            text = description or str(graph.graph.get("name") or "cagraph graph")
            etree.SubElement(meta, "description").text = attrs.xml_safe(text)
            etree.SubElement(meta, "keywords").text = attrs.xml_safe(
                str(graph.graph.get("filter") or "")
            )
            xf.write(meta)
            with xf.element("graph", graph_attrs):
                _declare(xf, "node", node_cols)
                _declare(xf, "edge", edge_cols)
                with xf.element("nodes", count=str(graph.number_of_nodes())):
                    for node, data in graph.nodes(data=True):
                        xf.write(_node(str(node), data, node_cols))
                with xf.element("edges", count=str(graph.number_of_edges())):
                    for ident, source, target, key, data in numbered_edges(graph):
                        kind = None if key is None else str(key)
                        xf.write(_edge(ident, source, target, data, edge_cols, kind))


def _node(node: str, data: dict[str, Any], cols: list[tuple[str, attrs.Column]]) -> etree._Element:
    element = etree.Element("node", id=node, label=attrs.xml_safe(str(data.get("label") or node)))
    _span(element, data)
    _attvalues(element, data, cols)
    _colour(element, node_colour(data))
    etree.SubElement(element, "size", value=repr(node_size(data)))
    return element


def _edge(
    ident: str,
    source: str,
    target: str,
    data: dict[str, Any],
    cols: list[tuple[str, attrs.Column]],
    kind: str | None,
) -> etree._Element:
    element = etree.Element("edge", id=ident, source=source, target=target)
    if data.get("label"):
        element.set("label", attrs.xml_safe(str(data["label"])))
    if data.get("weight") is not None:
        element.set("weight", attrs.text(data["weight"], "double"))
    if kind is not None:
        element.set("kind", attrs.xml_safe(kind))
    _span(element, data)
    _attvalues(element, data, cols)
    _colour(element, edge_colour(data))
    etree.SubElement(element, "thickness", value=repr(edge_thickness(data)))
    return element
