"""ArticleExtraction -> named graph: shapes, stable IRIs, merging across articles, errors."""

from __future__ import annotations

from collections.abc import Callable

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, SKOS
from test_rdf_support import ARTICLES, extraction, rdf_file, reference

from cagraph.errors import ValidationError
from cagraph.rdf import mint
from cagraph.rdf.mapping import ArticleGraph, map_extraction
from cagraph.rdf.shapes import check_shapes, shape_report, to_rdflib
from cagraph.rdf.vocab import CAG, PROV, TOPIC
from cagraph.records import ArticleExtraction, Entity, Evidence, Role, Tie
from cagraph.resolve.resolver import Resolver

RDF_TYPE = ox.NamedNode(str(RDF.type))
XSD_DOUBLE = URIRef("http://www.w3.org/2001/XMLSchema#double")


def mapped(name: str, resolver: Resolver | None = None) -> ArticleGraph:
    return map_extraction(extraction(name), resolver or Resolver(reference()))


def graph_of(name: str) -> Graph:
    return to_rdflib(mapped(name).quads)


def iris(g: Graph) -> set[str]:
    return {str(t) for triple in g for t in triple if isinstance(t, URIRef)}


@pytest.mark.parametrize("name", ARTICLES)
def test_mapped_article_graph_conforms_to_shapes(name: str) -> None:
    report = shape_report(mapped(name).quads)
    assert report.conforms, report.text


def test_every_quad_is_in_the_article_graph() -> None:
    result = mapped("article_a1")
    assert result.graph == ox.NamedNode("https://w3id.org/cagraph/id/article/a1")
    assert {q.graph_name for q in result.quads} == {result.graph}
    assert result.article_id == "a1"


def test_mapping_matches_the_expected_graph() -> None:
    assert isomorphic(graph_of("article_a3"), rdf_file("expected_a3.ttl"))


def test_same_input_mapped_twice_gives_isomorphic_graphs_and_the_same_iris() -> None:
    first = graph_of("article_a1")
    second = to_rdflib(mapped("article_a1", Resolver(reference())).quads)
    assert isomorphic(first, second)
    assert iris(first) == iris(second)


def test_broken_graph_fails_the_shapes() -> None:
    report = shape_report(rdf_file("broken_article.ttl"))
    assert not report.conforms
    for defect in ("exactly one kind", "isoCode", "prefLabel", "confidence", "between"):
        assert defect in report.text, defect
    with pytest.raises(ValidationError, match="does not conform"):
        check_shapes(rdf_file("broken_article.ttl"))


def _drop_kind(g: Graph) -> None:
    g.remove((None, RDF.type, CAG.Treaty))


def _second_label(g: Graph) -> None:
    g.add((URIRef(mint.country("KZ").value), SKOS.prefLabel, Literal("Qazaqstan")))


def _bad_confidence(g: Graph) -> None:
    for ev in list(g.subjects(RDF.type, CAG.Evidence)):
        g.set((ev, CAG.confidence, Literal(1.5, datatype=XSD_DOUBLE)))


def _untyped_party(g: Graph) -> None:
    for ag in list(g.subjects(RDF.type, CAG.Agreement)):
        g.add((ag, CAG.party, URIRef("https://w3id.org/cagraph/id/agent/nobody")))


@pytest.mark.parametrize("damage", [_drop_kind, _second_label, _bad_confidence, _untyped_party])
def test_each_kind_of_damage_to_a_valid_graph_is_caught(damage: Callable[[Graph], None]) -> None:
    g = graph_of("article_a1")
    damage(g)
    assert not shape_report(g).conforms


def test_two_articles_reporting_one_agreement_give_one_node_with_two_sources() -> None:
    resolver = Resolver(reference())
    store = ox.Store()
    for name in ("article_a1", "article_a2"):
        store.extend(mapped(name, resolver).quads)
    treaties = {q.subject for q in store.quads_for_pattern(None, RDF_TYPE, CAG.ox.Treaty)}
    assert len(treaties) == 1
    (treaty,) = treaties
    sources = store.quads_for_pattern(treaty, PROV.ox.wasDerivedFrom, None)
    assert {q.graph_name for q in sources} == {mint.article("a1"), mint.article("a2")}


def test_institution_named_two_ways_in_two_articles_is_one_node_with_both_names() -> None:
    resolver = Resolver(reference())
    merged = Graph()
    for name in ("article_a1", "article_a2"):
        merged += to_rdflib(mapped(name, resolver).quads)
    ministry = URIRef("https://w3id.org/cagraph/id/org/uz-ministry-of-energy")
    assert set(merged.objects(ministry, SKOS.prefLabel)) == {
        Literal("Ministry of Energy of Uzbekistan")
    }
    alt_labels = set(merged.objects(ministry, SKOS.altLabel))
    assert Literal("Uzbekistan's Ministry of Energy") in alt_labels
    tokayev = URIRef("https://w3id.org/cagraph/id/person/kasim-jomart-tokaev")
    assert {str(x) for x in merged.objects(tokayev, SKOS.altLabel)} >= {"Tokayev", "Toqaev"}


def test_known_topics_map_to_concepts_and_all_topics_keep_their_words() -> None:
    g = graph_of("article_a1")
    mou = next(s for s in g.subjects(RDF.type, CAG.MemorandumOfUnderstanding))
    assert set(g.objects(mou, CAG.topic)) == {TOPIC.energy}
    assert {str(x) for x in g.objects(mou, CAG.topicLabel)} == {
        "renewable energy",
        "grid modernisation",
    }


def test_office_is_a_membership_with_dates_from_the_article_and_reference_data() -> None:
    g = graph_of("article_a1")
    president = URIRef(mint.role("president").value)
    kz = URIRef(mint.country("KZ").value)
    memberships = [
        m
        for m in g.subjects(URIRef("http://www.w3.org/ns/org#role"), president)
        if (m, URIRef("http://www.w3.org/ns/org#organization"), kz) in g
    ]
    assert len(memberships) == 1
    assert str(g.value(memberships[0], CAG.startDate)) == "2019-03-20"
    assert str(g.value(memberships[0], CAG.attestedOn)) == "2025-03-10"


def test_organisation_typed_entity_that_is_the_eu_is_the_eu_country_node() -> None:
    g = graph_of("article_a2")
    eu = URIRef(mint.country("EU").value)
    assert {CAG.Country, CAG.Organization} <= set(g.objects(eu, RDF.type))


def test_article_ids_are_escaped_in_iris() -> None:
    x = ArticleExtraction(id="news/2025 04?x=1")
    result = map_extraction(x, Resolver(reference()))
    assert result.graph.value == "https://w3id.org/cagraph/id/article/news%2F2025%2004%3Fx%3D1"


def test_bad_tie_code_is_refused_naming_article_and_field() -> None:
    x = ArticleExtraction(id="bad1", ties=[Tie(a="KZ", b="Uzbekistan")])
    with pytest.raises(ValidationError, match=r"article bad1: ties\[0\]\.b"):
        map_extraction(x, Resolver(reference()))


def test_evidence_that_ends_before_it_starts_is_refused() -> None:
    ev = Evidence(article_id="bad2", sentence="x", start=9, end=3, component="c", confidence=1)
    x = ArticleExtraction(id="bad2", ties=[Tie(a="KZ", b="UZ", evidence=[ev])])
    with pytest.raises(ValidationError, match="ends"):
        map_extraction(x, Resolver(reference()))


def test_a_node_gets_one_country_even_when_the_record_disagrees() -> None:
    entity = Entity(type="Organization", name="Ministry of Energy of Uzbekistan", country="KZ")
    person = Entity(type="Person", name="Aziz Karimov", country="UZ")
    x = ArticleExtraction(id="c1", entities=[entity, person])
    g = to_rdflib(map_extraction(x, Resolver(reference())).quads)
    ministry = URIRef("https://w3id.org/cagraph/id/org/uz-ministry-of-energy")
    assert list(g.objects(ministry, CAG.country)) == [URIRef(mint.country("UZ").value)]
    aziz = URIRef("https://w3id.org/cagraph/id/person/aziz-karimov")
    assert list(g.objects(aziz, CAG.country)) == [URIRef(mint.country("UZ").value)]
    assert shape_report(g).conforms


@pytest.mark.parametrize(
    ("published", "start", "end"),
    [("2015-05-01", "2012-12-26", "2020-09-16"), ("2007-01-10", "2006-09-26", "2007-09-26"),
     (None, None, None), ("2010-01-01", None, None)],
)  # fmt: skip
def test_office_held_twice_gets_the_term_in_force_on_the_article_date(
    published: str | None, start: str | None, end: str | None
) -> None:
    abe = Entity(type="Person", name="Shinzo Abe", roles=[Role(title="Prime Minister", of="Japan")])
    x = ArticleExtraction(id="t2", published=published, entities=[abe])
    g = to_rdflib(map_extraction(x, Resolver(reference())).quads)
    (membership,) = g.subjects(RDF.type, URIRef("http://www.w3.org/ns/org#Membership"))
    assert [str(d) for d in g.objects(membership, CAG.startDate)] == ([start] if start else [])
    assert [str(d) for d in g.objects(membership, CAG.endDate)] == ([end] if end else [])
    assert shape_report(g).conforms


def test_graph_read_back_from_the_store_still_passes_the_shapes() -> None:
    x = extraction("article_a1").model_copy(
        update={
            "agreements": [extraction("article_a1").agreements[0].model_copy(update={"count": 19})]
        }
    )
    store = ox.Store()
    store.extend(map_extraction(x, Resolver(reference())).quads)
    stored = list(store.quads_for_pattern(None, None, None, mint.article("a1")))
    assert any(q.predicate == CAG.ox.documentCount for q in stored)
    report = shape_report(stored)
    assert report.conforms, report.text
