"""The ontology, topic scheme and shapes: well-formed, documented, aligned, closed."""

from __future__ import annotations

import re

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from cagraph.rdf.vocab import (
    CAG,
    CAG_NS,
    ONTOLOGY_FILE,
    SHAPES_FILE,
    TOPIC,
    TOPICS_FILE,
    format_kinds,
    ontology_path,
    parse_turtle,
    queries_dir,
)
from cagraph.records import AGREEMENT_KINDS, EVENT_KINDS

WDT = "http://www.wikidata.org/prop/direct/"


@pytest.fixture(scope="module")
def onto() -> Graph:
    return parse_turtle(ONTOLOGY_FILE)


@pytest.fixture(scope="module")
def topics() -> Graph:
    return parse_turtle(TOPICS_FILE)


def test_ontology_declares_itself_an_owl_ontology(onto: Graph) -> None:
    assert (URIRef("https://w3id.org/cagraph/ontology"), RDF.type, OWL.Ontology) in onto


def test_every_term_has_an_english_label_and_comment(onto: Graph) -> None:
    missing = []
    for term in CAG:
        labels = [o for o in onto.objects(term, RDFS.label) if isinstance(o, Literal)]
        comments = [o for o in onto.objects(term, RDFS.comment) if isinstance(o, Literal)]
        if not any(lab.language == "en" for lab in labels) or not comments:
            missing.append(str(term))
    assert len(CAG.terms) > 50
    assert missing == []


def test_every_term_is_typed_as_an_owl_class_or_property(onto: Graph) -> None:
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}
    untyped = [str(t) for t in CAG if not set(onto.objects(t, RDF.type)) & kinds]
    assert untyped == []


def test_format_kinds_map_to_subclasses_of_agreement_and_event(onto: Graph) -> None:
    kinds = format_kinds()
    assert set(kinds) == set(AGREEMENT_KINDS) | set(EVENT_KINDS)
    for code in AGREEMENT_KINDS:
        assert (CAG[kinds[code]], RDFS.subClassOf, CAG.Agreement) in onto
    for code in EVENT_KINDS:
        assert (CAG[kinds[code]], RDFS.subClassOf, CAG.Event) in onto


@pytest.mark.parametrize(
    ("term", "target"),
    [
        ("signatory", WDT + "P1891"),
        ("participant", WDT + "P710"),
        ("date", WDT + "P585"),
        ("location", WDT + "P276"),
        ("topic", WDT + "P921"),
        ("Person", "http://www.wikidata.org/entity/Q5"),
    ],
)
def test_terms_map_to_wikidata(onto: Graph, term: str, target: str) -> None:
    mapped = set(onto.objects(CAG[term], SKOS.closeMatch)) | set(
        onto.objects(CAG[term], SKOS.exactMatch)
    )
    assert URIRef(target) in mapped


@pytest.mark.parametrize(
    ("term", "external"),
    [
        ("Person", "http://xmlns.com/foaf/0.1/Person"),
        ("Organization", "http://www.w3.org/ns/org#Organization"),
        ("Agent", "http://www.w3.org/ns/prov#Agent"),
        ("Evidence", "http://www.w3.org/ns/prov#Entity"),
        ("Event", "https://schema.org/Event"),
    ],
)
def test_classes_align_to_external_vocabularies(onto: Graph, term: str, external: str) -> None:
    assert (CAG[term], RDFS.subClassOf, URIRef(external)) in onto


def _cag_names(text: str) -> set[str]:
    names = set(re.findall(r"\bcag:([A-Za-z][A-Za-z0-9_]*)", text))
    names |= set(re.findall(re.escape(CAG_NS) + r"([A-Za-z][A-Za-z0-9_]*)", text))
    return names


def test_shapes_and_queries_use_only_declared_terms() -> None:
    texts = [ontology_path(SHAPES_FILE).read_text(encoding="utf-8")]
    texts += [p.read_text(encoding="utf-8") for p in queries_dir().glob("*.rq")]
    used = set().union(*(_cag_names(t) for t in texts))
    assert used, "no cag: term found: the scan itself is broken"
    assert used - CAG.terms == set()


def test_shapes_graph_is_valid_shacl() -> None:
    shapes = parse_turtle(SHAPES_FILE)
    conforms, _, text = validate(Graph(), shacl_graph=shapes, meta_shacl=True)
    assert conforms, text


def test_every_topic_has_a_label_definition_and_scheme(topics: Graph) -> None:
    concepts = set(topics.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) >= 20
    for c in concepts:
        assert topics.value(c, SKOS.prefLabel) is not None, c
        assert topics.value(c, SKOS.definition) is not None, c
        assert (c, SKOS.inScheme, URIRef(TOPIC.base)) in topics, c


def test_no_topic_label_names_two_concepts(topics: Graph) -> None:
    owner: dict[str, URIRef] = {}
    clashes = []
    for predicate in (SKOS.prefLabel, SKOS.altLabel):
        for concept, label in topics.subject_objects(predicate):
            key = str(label).casefold()
            if owner.setdefault(key, concept) != concept:  # type: ignore[arg-type]
                clashes.append(key)
    assert clashes == []


@pytest.mark.parametrize(
    "name",
    [
        "energy",
        "trade",
        "investment",
        "education",
        "culture",
        "transport",
        "security",
        "defence",
        "health",
        "agriculture",
        "digital",
        "artificial-intelligence",
        "science",
        "water",
        "tourism",
        "finance",
        "media",
        "environment",
        "labour",
        "diplomacy",
    ],
)
def test_broad_topics_are_in_the_scheme(name: str) -> None:
    assert name in TOPIC
