"""cagraph.rdf: extraction records -> RDF (one named graph per article), ties, named queries.

resolver = Resolver(load_reference())
graph = map_extraction(extraction, resolver)      # ArticleGraph(article_id, graph, quads)
store.extend(graph.quads)                         # pyoxigraph quads, as they are
store.extend(ontology_quads())                    # once: id/graph/ontology
refresh_ties(store)                               # after each build: id/graph/ties
run_query(store, "cq1_partners", {"country": mint.country("KZ")})
"""

from cagraph.rdf import mint
from cagraph.rdf.mapping import ArticleGraph, map_extraction
from cagraph.rdf.ontology import ontology_quads
from cagraph.rdf.queries import NamedQuery, QueryResult, list_queries, load_query, run_query
from cagraph.rdf.shapes import ShapeReport, check_shapes, shape_report
from cagraph.rdf.ties import TieSummary, compute_ties, derive_ties, refresh_ties
from cagraph.rdf.vocab import CAG, TOPIC, UnknownTermError

__all__ = [
    "CAG",
    "TOPIC",
    "ArticleGraph",
    "NamedQuery",
    "QueryResult",
    "ShapeReport",
    "TieSummary",
    "UnknownTermError",
    "check_shapes",
    "compute_ties",
    "derive_ties",
    "list_queries",
    "load_query",
    "map_extraction",
    "mint",
    "ontology_quads",
    "refresh_ties",
    "run_query",
    "shape_report",
]
