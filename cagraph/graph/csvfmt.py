"""CSV exports: a node table and an edge table (RFC 4180, UTF-8), or both in one zip.

Headers follow Gephi's spreadsheet import: nodes ``Id,Label,…``; edges
``Source,Target,Type,Id,Label,Weight,…``; then one column per attribute, sorted by name. Empty
cells are missing values; lists and dicts are JSON text (:mod:`cagraph.graph.attrs`).
"""

from __future__ import annotations

import csv
import io
import zipfile
from typing import Any, BinaryIO

import networkx as nx

from cagraph.graph import attrs
from cagraph.graph.ids import numbered_edges

NODE_HEAD = ("Id", "Label")
EDGE_HEAD = ("Source", "Target", "Type", "Id", "Label", "Weight")


def _cell(value: Any, column: attrs.Column) -> str:
    return "" if value is None else attrs.text(value, column.type)


def _write(out: BinaryIO, rows: Any) -> None:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    try:
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerows(rows)
        text.flush()
    finally:
        text.detach()


def write_nodes_csv(graph: nx.Graph, out: BinaryIO) -> None:
    cols = attrs.columns((d for _, d in graph.nodes(data=True)), ("label",))

    def rows() -> Any:
        yield [*NODE_HEAD, *(c.name for c in cols)]
        for node, data in graph.nodes(data=True):
            label = attrs.xml_safe(str(data.get("label") or node))
            yield [str(node), label, *(_cell(data.get(c.name), c) for c in cols)]

    _write(out, rows())


def write_edges_csv(graph: nx.Graph, out: BinaryIO) -> None:
    cols = attrs.columns((d for *_, d in graph.edges(data=True)), ("label", "weight"))
    kind = "Directed" if graph.is_directed() else "Undirected"

    def rows() -> Any:
        yield [*EDGE_HEAD, *(c.name for c in cols), *(["key"] if graph.is_multigraph() else [])]
        for ident, source, target, key, data in numbered_edges(graph):
            weight = data.get("weight")
            yield [
                source,
                target,
                kind,
                ident,
                attrs.xml_safe(str(data.get("label") or "")),
                "" if weight is None else attrs.text(weight, "double"),
                *(_cell(data.get(c.name), c) for c in cols),
                *([str(key)] if key is not None else []),
            ]

    _write(out, rows())


def write_csv_zip(graph: nx.Graph, out: BinaryIO, *, stem: str = "graph") -> None:
    """``<stem>.nodes.csv`` and ``<stem>.edges.csv`` in one zip."""
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for suffix, writer in (("nodes", write_nodes_csv), ("edges", write_edges_csv)):
            with archive.open(f"{stem}.{suffix}.csv", "w") as member:
                writer(graph, member)  # type: ignore[arg-type]
