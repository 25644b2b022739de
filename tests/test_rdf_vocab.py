"""Closed vocabularies: declared terms resolve, anything else raises."""

from __future__ import annotations

import pytest
from pyoxigraph import NamedNode
from rdflib import URIRef
from rdflib.namespace import DCTERMS as RDFLIB_DCTERMS
from rdflib.namespace import ORG as RDFLIB_ORG
from rdflib.namespace import PROV as RDFLIB_PROV
from rdflib.namespace import SKOS as RDFLIB_SKOS

from cagraph.errors import ValidationError
from cagraph.rdf.vocab import (
    CAG,
    DCTERMS,
    ORG,
    PROV,
    SKOS,
    TOPIC,
    WD,
    UnknownTermError,
    kind_class,
)


def test_declared_term_is_an_rdflib_uriref() -> None:
    assert CAG.Agreement == URIRef("https://w3id.org/cagraph/ontology#Agreement")


def test_declared_term_is_also_a_pyoxigraph_named_node() -> None:
    assert CAG.ox.Treaty == NamedNode("https://w3id.org/cagraph/ontology#Treaty")
    assert CAG.ox["party"].value == str(CAG.party)


@pytest.mark.parametrize("access", [lambda: CAG.NoSuchTerm, lambda: CAG.ox.NoSuchTerm])
def test_unknown_term_raises(access: object) -> None:
    with pytest.raises(UnknownTermError, match="NoSuchTerm"):
        access()  # type: ignore[operator]


def test_unknown_term_error_is_a_validation_and_attribute_error() -> None:
    assert issubclass(UnknownTermError, ValidationError)
    assert not hasattr(CAG, "agreement")  # terms are case-sensitive


def test_topic_terms_come_from_the_topic_scheme() -> None:
    assert str(TOPIC["artificial-intelligence"]).endswith("/topic/artificial-intelligence")
    with pytest.raises(UnknownTermError):
        TOPIC["astrology"]


def test_wikidata_items_are_terms_but_properties_are_not() -> None:
    assert WD.ox.Q232.value == "http://www.wikidata.org/entity/Q232"
    with pytest.raises(UnknownTermError):
        _ = WD.P31


@pytest.mark.parametrize(
    ("ours", "rdflibs"),
    [(SKOS, RDFLIB_SKOS), (PROV, RDFLIB_PROV), (DCTERMS, RDFLIB_DCTERMS), (ORG, RDFLIB_ORG)],
)
def test_external_terms_exist_in_their_vocabulary(ours: object, rdflibs: object) -> None:
    for term in ours.terms:  # type: ignore[attr-defined]
        assert getattr(rdflibs, term) == ours[term]  # type: ignore[index]


def test_kind_codes_map_to_classes_and_unknown_kinds_raise() -> None:
    assert kind_class("MOU") == "MemorandumOfUnderstanding"
    assert kind_class("Agreement") == "InstitutionalAgreement"
    with pytest.raises(ValidationError, match="Accord"):
        kind_class("Accord")
