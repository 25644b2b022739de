"""The SPARQL 1.1 Service Description answered on a plain GET of the endpoint."""

from __future__ import annotations

from pyoxigraph import BlankNode, Literal, NamedNode, Triple, serialize

from api.sparql.formats import FORMAT_IRIS
from cagraph.rdf.mint import ONTOLOGY_GRAPH, TIES_GRAPH
from cagraph.store.formats import rdf_format

SD = "http://www.w3.org/ns/sparql-service-description#"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_COMMENT = NamedNode("http://www.w3.org/2000/01/rdf-schema#comment")


def _sd(name: str) -> NamedNode:
    return NamedNode(SD + name)


def description(endpoint: str, *, updates: bool, external: bool) -> list[Triple]:
    """Triples describing the service at ``endpoint`` (its exact URL)."""
    service, dataset, default = BlankNode(), BlankNode(), BlankNode()
    out = [
        Triple(service, RDF_TYPE, _sd("Service")),
        Triple(service, _sd("endpoint"), NamedNode(endpoint)),
        Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Query")),
        Triple(service, _sd("feature"), _sd("UnionDefaultGraph")),
        Triple(
            service,
            _sd("defaultEntailmentRegime"),
            NamedNode("http://www.w3.org/ns/entailment/Simple"),
        ),
        Triple(
            service,
            RDFS_COMMENT,
            Literal(
                "cagraph: regional cooperation news as a knowledge graph. The default graph is "
                "the union of all named graphs (one per article, plus the derived ties)."
            ),
        ),
        Triple(service, _sd("defaultDataset"), dataset),
        Triple(dataset, RDF_TYPE, _sd("Dataset")),
        Triple(dataset, _sd("defaultGraph"), default),
        Triple(default, RDF_TYPE, _sd("Graph")),
    ]
    if updates:
        out.append(Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Update")))
    if external:
        out.append(Triple(service, _sd("feature"), _sd("BasicFederatedQuery")))
    for iri in FORMAT_IRIS.values():
        out.append(Triple(service, _sd("resultFormat"), NamedNode(iri)))
    for graph in (TIES_GRAPH, ONTOLOGY_GRAPH):
        named = BlankNode()
        out += [
            Triple(dataset, _sd("namedGraph"), named),
            Triple(named, RDF_TYPE, _sd("NamedGraph")),
            Triple(named, _sd("name"), graph),
        ]
    return out


def render(triples: list[Triple], fmt: str) -> bytes:
    return serialize(triples, format=rdf_format(fmt)) or b""
