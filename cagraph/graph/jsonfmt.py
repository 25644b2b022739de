"""JSON exports: Cytoscape.js elements and D3 node-link data.

Both are the shapes networkx reads back (``nx.cytoscape_graph``, ``nx.node_link_graph(…,
edges="links")``), every edge names nodes of the file (no dangling ends), edge ids are unique,
and values are plain JSON (lists stay lists, ``None`` is ``null``, non-finite numbers are
``null``). Nodes and edges also carry the colour and size the explorer and Gephi use.
"""

from __future__ import annotations

import json
from typing import Any, BinaryIO

import networkx as nx

from cagraph.graph.attrs import json_value
from cagraph.graph.ids import numbered_edges
from cagraph.graph.style import edge_colour, edge_thickness, node_colour, node_size


def _clean(data: dict[str, Any], reserved: tuple[str, ...]) -> dict[str, Any]:
    return {k: json_value(v) for k, v in data.items() if k not in reserved}


def cytoscape_data(graph: nx.Graph) -> dict[str, Any]:
    """Cytoscape.js / Cytoscape desktop (.cyjs) JSON: ``elements.nodes`` and ``elements.edges``."""
    nodes = []
    for node, data in graph.nodes(data=True):
        item = _clean(data, ("id", "value", "name"))
        item.update(
            id=str(node),
            value=str(node),
            name=json_value(data.get("label", str(node))),
            color=node_colour(data),
            size=node_size(data),
        )
        nodes.append({"data": item})
    edges = []
    for ident, source, target, key, data in numbered_edges(graph):
        item = _clean(data, ("id", "source", "target", "key"))
        item.update(
            id=ident,
            source=source,
            target=target,
            color=edge_colour(data),
            width=edge_thickness(data),
        )
        if key is not None:
            item["key"] = json_value(key)
        edges.append({"data": item})
    return {
        "data": _clean(dict(graph.graph), ()),
        "directed": graph.is_directed(),
        "multigraph": graph.is_multigraph(),
        "elements": {"nodes": nodes, "edges": edges},
    }


def node_link_data(graph: nx.Graph) -> dict[str, Any]:
    """D3 force-layout JSON: ``nodes`` with ``id``, ``links`` with ``source``/``target`` ids."""
    nodes = []
    for node, data in graph.nodes(data=True):
        item = _clean(data, ("id",))
        item.update(id=str(node), color=node_colour(data), size=node_size(data))
        nodes.append(item)
    links = []
    for ident, source, target, key, data in numbered_edges(graph):
        item = _clean(data, ("id", "source", "target", "key"))
        item.update(id=ident, source=source, target=target, color=edge_colour(data))
        if key is not None:
            item["key"] = json_value(key)
        links.append(item)
    return {
        "directed": graph.is_directed(),
        "multigraph": graph.is_multigraph(),
        "graph": _clean(dict(graph.graph), ()),
        "nodes": nodes,
        "links": links,
    }


def _dump(payload: dict[str, Any], out: BinaryIO) -> None:
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    out.write(text.encode("utf-8"))


def write_cytoscape(graph: nx.Graph, out: BinaryIO) -> None:
    _dump(cytoscape_data(graph), out)


def write_node_link(graph: nx.Graph, out: BinaryIO) -> None:
    _dump(node_link_data(graph), out)
