"""The ontology and topic scheme as quads of the named graph ``id/graph/ontology``.

Load them into the store once per build: queries read class and topic labels from there.
"""

from __future__ import annotations

from pyoxigraph import Quad, RdfFormat, parse

from cagraph.errors import ConfigError
from cagraph.rdf.mint import ONTOLOGY_GRAPH
from cagraph.rdf.vocab import ONTOLOGY_FILE, TOPICS_FILE, ontology_path


def ontology_quads() -> list[Quad]:
    """Every triple of ontology/cagraph.ttl and ontology/topics.ttl, in the ontology graph."""
    quads: list[Quad] = []
    for name in (ONTOLOGY_FILE, TOPICS_FILE):
        path = ontology_path(name)
        try:
            triples = list(parse(path=str(path), format=RdfFormat.TURTLE))
        except SyntaxError as exc:
            raise ConfigError(f"cannot parse {path}: {exc}", hint="fix the Turtle") from exc
        quads.extend(Quad(t.subject, t.predicate, t.object, ONTOLOGY_GRAPH) for t in triples)
    return quads
