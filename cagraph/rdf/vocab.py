"""Closed vocabularies: the terms of ``ontology/*.ttl`` (and the external terms cagraph uses).

``CAG.Agreement`` is an rdflib ``URIRef``; ``CAG.ox.Agreement`` the same term as a pyoxigraph
``NamedNode``. A term the ontology does not declare raises :class:`UnknownTermError`, so a typo
fails at the first use instead of writing a wrong IRI into the store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS as _DCTERMS
from rdflib.namespace import FOAF as _FOAF
from rdflib.namespace import ORG as _ORG
from rdflib.namespace import OWL as _OWL
from rdflib.namespace import PROV as _PROV
from rdflib.namespace import RDF as _RDF
from rdflib.namespace import RDFS as _RDFS
from rdflib.namespace import SKOS as _SKOS

from cagraph.errors import ConfigError, ValidationError
from cagraph.settings import get_settings

CAG_NS = "https://w3id.org/cagraph/ontology#"
TOPIC_NS = "https://w3id.org/cagraph/topic/"
ID_NS = "https://w3id.org/cagraph/id/"
ONTOLOGY_FILE = "cagraph.ttl"
TOPICS_FILE = "topics.ttl"
SHAPES_FILE = "shapes.ttl"


class UnknownTermError(ValidationError, AttributeError):
    """A term that its vocabulary does not declare."""

    code = "unknown-term"


def ontology_path(name: str) -> Path:
    """Path of a file in the ontology folder (``CAGRAPH_ONTOLOGY_DIR``)."""
    path = get_settings().ontology_dir / name
    if not path.is_file():
        raise ConfigError(
            f"ontology file not found: {path}",
            hint="set CAGRAPH_ONTOLOGY_DIR to the repository's ontology/ folder",
        )
    return path


def queries_dir() -> Path:
    """The folder of named SPARQL queries (``ontology/queries``)."""
    path = get_settings().ontology_dir / "queries"
    if not path.is_dir():
        raise ConfigError(
            f"query folder not found: {path}",
            hint="set CAGRAPH_ONTOLOGY_DIR to the repository's ontology/ folder",
        )
    return path


@cache
def parse_turtle(name: str) -> Graph:
    """The rdflib graph of one ontology file, parsed once per process."""
    path = ontology_path(name)
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises many parser exception types
        raise ConfigError(f"cannot parse {path}: {exc}", hint="fix the Turtle syntax") from exc
    return graph


def _declared(name: str, base: str) -> frozenset[str]:
    """Local names of every IRI under ``base`` that is the subject of a triple in the file."""
    graph = parse_turtle(name)
    return frozenset(
        str(s)[len(base) :]
        for s in graph.subjects()
        if isinstance(s, URIRef) and str(s).startswith(base) and len(str(s)) > len(base)
    )


class _OxView:
    """The terms of a :class:`Vocabulary` as pyoxigraph NamedNodes."""

    def __init__(self, vocab: Vocabulary):
        self._vocab = vocab
        self._nodes: dict[str, ox.NamedNode] = {}

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("__"):
            raise AttributeError(name)
        return self[name]

    def __getitem__(self, name: str) -> ox.NamedNode:
        node = self._nodes.get(name)
        if node is None:
            node = ox.NamedNode(str(self._vocab[name]))
            self._nodes[name] = node
            if name.isidentifier() and not name.startswith("_"):
                # later `view.name` is a plain attribute read, not a __getattr__ call (the
                # mapping reads these terms ~250 times per article)
                setattr(self, name, node)
        return node


class Vocabulary:
    """A closed namespace: attribute or item access gives a declared term, anything else raises."""

    def __init__(self, prefix: str, base: str, terms: Callable[[], Iterable[str]]):
        self.prefix = prefix
        self.base = base
        self._load = terms
        self._terms: frozenset[str] | None = None
        self.ox = _OxView(self)

    @property
    def terms(self) -> frozenset[str]:
        if self._terms is None:
            loaded = self._load()
            self._terms = loaded if isinstance(loaded, frozenset) else frozenset(loaded)
        return self._terms

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("__"):
            raise AttributeError(name)
        return self[name]

    def __getitem__(self, name: str) -> URIRef:
        if name not in self.terms:
            raise UnknownTermError(
                f"{self.prefix}:{name} is not a term of {self.base}",
                hint=f"declare it in the ontology or use one of {len(self.terms)} known terms",
            )
        return URIRef(self.base + name)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name in self.terms

    def __iter__(self) -> Iterator[URIRef]:
        return (URIRef(self.base + t) for t in sorted(self.terms))

    def local_name(self, iri: str) -> str:
        """The declared local name of a full IRI of this vocabulary."""
        if not iri.startswith(self.base) or iri[len(self.base) :] not in self.terms:
            raise UnknownTermError(f"{iri} is not a term of {self.base}")
        return iri[len(self.base) :]


def _fixed(*names: str) -> Callable[[], Iterable[str]]:
    return lambda: names


CAG = Vocabulary("cag", CAG_NS, lambda: _declared(ONTOLOGY_FILE, CAG_NS))
TOPIC = Vocabulary("topic", TOPIC_NS, lambda: _declared(TOPICS_FILE, TOPIC_NS))

# External vocabularies: only the terms cagraph writes or queries (checked against rdflib's
# closed namespaces in the tests, so a typo here cannot slip through).
RDF = Vocabulary("rdf", str(_RDF), _fixed("type"))
RDFS = Vocabulary(
    "rdfs", str(_RDFS), _fixed("label", "comment", "subClassOf", "subPropertyOf", "Literal")
)
OWL = Vocabulary("owl", str(_OWL), _fixed("sameAs", "Class", "Ontology"))
XSD = Vocabulary(
    "xsd",
    "http://www.w3.org/2001/XMLSchema#",
    _fixed("string", "integer", "double", "date", "gYearMonth", "gYear", "anyURI"),
)
SKOS = Vocabulary(
    "skos", str(_SKOS), _fixed("prefLabel", "altLabel", "Concept", "inScheme", "broader")
)
PROV = Vocabulary(
    "prov", str(_PROV), _fixed("wasDerivedFrom", "wasQuotedFrom", "SoftwareAgent", "Entity")
)
DCTERMS = Vocabulary("dcterms", str(_DCTERMS), _fixed("title", "date", "identifier"))
ORG = Vocabulary("org", str(_ORG), _fixed("Membership", "Role", "member", "organization", "role"))
FOAF = Vocabulary("foaf", str(_FOAF), _fixed("Agent"))
WD = Vocabulary("wd", "http://www.wikidata.org/entity/", lambda: _QidTerms())


class _QidTerms(frozenset[str]):
    """Every Wikidata item id (Q followed by digits) is a term of ``wd:``."""

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and len(name) > 1 and name[0] == "Q" and name[1:].isdigit()


@cache
def format_kinds() -> dict[str, str]:
    """Kind code of the extraction format ("MOU", "Summit"…) -> local name of its cag class."""
    graph = parse_turtle(ONTOLOGY_FILE)
    kinds: dict[str, str] = {}
    for cls, code in graph.subject_objects(CAG.formatKind):
        kinds[str(code)] = CAG.local_name(str(cls))
    return kinds


def kind_class(code: str) -> str:
    """Local name of the class for a kind code ("MOU" -> "MemorandumOfUnderstanding")."""
    try:
        return format_kinds()[code]
    except KeyError:
        raise ValidationError(
            f"unknown kind {code!r}", hint=f"use one of {sorted(format_kinds())}"
        ) from None


PREFIXES: dict[str, str] = {
    v.prefix: v.base for v in (CAG, TOPIC, RDF, RDFS, OWL, XSD, SKOS, PROV, DCTERMS, ORG, FOAF, WD)
}
PREFIXES["id"] = ID_NS
