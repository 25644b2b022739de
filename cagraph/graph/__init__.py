"""Projections of the knowledge graph with networkx, and their exports.

- :mod:`~cagraph.graph.source`: typed reads of a store (named queries in ``queries/*.rq``);
- :mod:`~cagraph.graph.projections`: the ``ties`` and ``full`` graphs, filtered
  (:class:`~cagraph.graph.filters.ExportFilter`), with node metrics (:mod:`~.metrics`);
- writers: GEXF 1.3 (:mod:`~.gexf`), GraphML (:mod:`~.graphml`), Cytoscape.js and D3 JSON
  (:mod:`~.jsonfmt`), CSV (:mod:`~.csvfmt`), RDF (:mod:`~.rdfexport`); the formats
  (:mod:`~.formats`) and one call from store to file (:func:`export_graph`);
- :mod:`~.validate`: the official GEXF/GraphML schemas and JSON checks; :mod:`~.panel`: what
  the explorer shows for a country.
"""

from cagraph.graph.export import ExportResult, export_graph
from cagraph.graph.filters import ExportFilter
from cagraph.graph.formats import FORMATS, ExportFormat, export_format
from cagraph.graph.projections import full_graph, project, ties_graph
from cagraph.graph.source import StoreReader

__all__ = [
    "FORMATS",
    "ExportFilter",
    "ExportFormat",
    "ExportResult",
    "StoreReader",
    "export_format",
    "export_graph",
    "full_graph",
    "project",
    "ties_graph",
]
