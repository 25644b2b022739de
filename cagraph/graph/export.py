"""One call from a store to an export file: read, project, filter, write.

Used by ``cagraph export``, by ``GET /export/{graph}.{ext}`` and by the benchmark, so the three
give the same bytes for the same store, graph, format and filter.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

import networkx as nx

from cagraph.graph.csvfmt import write_csv_zip, write_edges_csv, write_nodes_csv
from cagraph.graph.filters import ExportFilter
from cagraph.graph.formats import ExportFormat, export_format
from cagraph.graph.gexf import write_gexf
from cagraph.graph.graphml import write_graphml
from cagraph.graph.jsonfmt import write_cytoscape, write_node_link
from cagraph.graph.projections import GraphName, filter_ties, full_graph, graph_name, project
from cagraph.graph.rdfexport import write_full_rdf, write_ties_rdf
from cagraph.graph.source import StoreReader
from cagraph.store import Store

NetworkWriter = Callable[[nx.Graph, BinaryIO], None]

NETWORK_WRITERS: dict[str, NetworkWriter] = {
    "gexf": write_gexf,
    "graphml": write_graphml,
    "cyjs": write_cytoscape,
    "d3.json": write_node_link,
    "nodes.csv": write_nodes_csv,
    "edges.csv": write_edges_csv,
    "csv.zip": write_csv_zip,
}


@dataclass(frozen=True)
class ExportResult:
    graph: GraphName
    format: str
    nodes: int | None  # None for RDF exports
    edges: int | None
    bytes: int | None  # None when the output cannot tell (a pipe)
    seconds: float


def _position(out: BinaryIO) -> int | None:
    try:
        return out.tell()
    except (AttributeError, OSError, ValueError):
        return None


def export_graph(
    store: Store | StoreReader,
    graph: GraphName | str,
    fmt: ExportFormat | str,
    out: BinaryIO,
    flt: ExportFilter | None = None,
) -> ExportResult:
    """Write the ``graph`` projection ("ties" or "full") of the store in ``fmt`` to ``out``."""
    started = time.perf_counter()
    name = graph_name(graph)
    spec = fmt if isinstance(fmt, ExportFormat) else export_format(fmt)
    flt = flt or ExportFilter()
    reader = store if isinstance(store, StoreReader) else StoreReader(store)
    start = _position(out)
    nodes = edges = None
    if spec.kind == "rdf":
        if name == "ties":
            write_ties_rdf(filter_ties(reader, flt), reader, spec.ext, out)
        else:
            kept = full_graph(reader, flt, metrics=False) if flt.active else None
            write_full_rdf(reader, kept, spec.ext, out)
    else:
        projection = project(reader, name, flt)
        nodes, edges = projection.number_of_nodes(), projection.number_of_edges()
        NETWORK_WRITERS[spec.ext](projection, out)
    out.flush()
    end = _position(out)
    return ExportResult(
        graph=name,
        format=spec.ext,
        nodes=nodes,
        edges=edges,
        bytes=None if start is None or end is None else end - start,
        seconds=time.perf_counter() - started,
    )
