"""Reading a store for the projections: a store never built has no ties graph, and the shared
reader of a service is kept only while the store holds the same data."""

from __future__ import annotations

import pytest

from cagraph.errors import NotFoundError
from cagraph.graph.projections import full_graph, ties_graph
from cagraph.graph.source import StoreReader, shared_reader
from cagraph.store import open_store

CAG = "https://w3id.org/cagraph/ontology#"
ID = "https://w3id.org/cagraph/id/"
ARTICLE = f"""PREFIX cag: <{CAG}>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
INSERT DATA {{ GRAPH <{ID}article/a1> {{
  <{ID}article/a1> a cag:Article ; <http://purl.org/dc/terms/identifier> "a1" .
  <{ID}country/KZ> a cag:Country ; cag:isoCode "KZ" ; skos:prefLabel "Kazakhstan" .
  <{ID}person/p> a cag:Person ; skos:prefLabel "A. Person" ; cag:country <{ID}country/KZ> .
}} }}"""


def test_a_store_without_a_ties_graph_says_to_build_it() -> None:
    with open_store(":memory:") as store:
        store.update(ARTICLE)
        with pytest.raises(NotFoundError, match="no ties graph") as caught:
            ties_graph(StoreReader(store))
        assert "cagraph build" in (caught.value.hint or "")
        full = full_graph(StoreReader(store))  # the full graph needs no ties graph
        assert set(full.nodes) == {"country_KZ", "person_p"}
        assert full.has_edge("person_p", "country_KZ", "country")


def test_the_shared_reader_is_kept_until_the_store_changes() -> None:
    with open_store(":memory:") as store:
        store.update(ARTICLE)
        first = shared_reader(store)
        assert len(first.agents) == 2
        assert shared_reader(store) is first
        store.update(
            f"INSERT DATA {{ GRAPH <{ID}article/a1> {{ <{ID}person/q> a <{CAG}Person> }} }}"
        )
        second = shared_reader(store)
        assert second is not first and len(second.agents) == 3
        with open_store(":memory:") as other:
            other.update(ARTICLE)
            assert shared_reader(other) is not second
