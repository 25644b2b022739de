"""What /sparql can answer in, per query form, in the server's order of preference."""

from __future__ import annotations

from api.negotiation import Offer

RESULTS = (
    Offer(
        "json",
        "application/sparql-results+json",
        "application/sparql-results+json",
        aliases=("application/json", "text/javascript", "application/javascript"),
        names=("json", "srj"),
    ),
    Offer(
        "xml",
        "application/sparql-results+xml",
        "application/sparql-results+xml",
        aliases=("application/xml", "text/xml"),
        names=("xml", "srx"),
    ),
    Offer("csv", "text/csv", "text/csv; charset=utf-8", names=("csv",)),
    Offer("tsv", "text/tab-separated-values", "text/tab-separated-values; charset=utf-8",
          names=("tsv",)),
)  # fmt: skip

GRAPHS = (
    Offer(
        "turtle",
        "text/turtle",
        "text/turtle; charset=utf-8",
        aliases=("application/turtle", "application/x-turtle", "text/n3", "text/rdf+n3",
                 "application/n3"),
        names=("turtle", "ttl", "n3"),
    ),
    Offer("ntriples", "application/n-triples", "application/n-triples",
          names=("nt", "ntriples", "n-triples")),
    Offer(
        "rdfxml",
        "application/rdf+xml",
        "application/rdf+xml",
        aliases=("application/xml", "text/xml"),
        names=("xml", "rdf", "rdfxml", "rdf+xml"),
    ),
    Offer(
        "jsonld",
        "application/ld+json",
        "application/ld+json",
        aliases=("application/x-json+ld", "application/json"),
        names=("json", "jsonld", "json-ld"),
    ),
)  # fmt: skip

FORMAT_IRIS = {
    "json": "http://www.w3.org/ns/formats/SPARQL_Results_JSON",
    "xml": "http://www.w3.org/ns/formats/SPARQL_Results_XML",
    "csv": "http://www.w3.org/ns/formats/SPARQL_Results_CSV",
    "tsv": "http://www.w3.org/ns/formats/SPARQL_Results_TSV",
    "turtle": "http://www.w3.org/ns/formats/Turtle",
    "ntriples": "http://www.w3.org/ns/formats/N-Triples",
    "rdfxml": "http://www.w3.org/ns/formats/RDF_XML",
    "jsonld": "http://www.w3.org/ns/formats/JSON-LD",
}
