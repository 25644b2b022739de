"""Bilateral ties derived across article graphs into the ties graph."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from test_rdf_support import build_store, reference

from cagraph.rdf import mint
from cagraph.rdf.mapping import map_extraction
from cagraph.rdf.shapes import shape_report
from cagraph.rdf.ties import TieSummary, compute_ties, derive_ties, refresh_ties
from cagraph.rdf.vocab import CAG
from cagraph.records import ArticleExtraction, Tie
from cagraph.resolve.resolver import Resolver


@pytest.fixture
def store() -> ox.Store:
    s = ox.Store()
    build_store(s)
    return s


def by_pair(store: ox.Store) -> dict[tuple[str, str], TieSummary]:
    return {t.pair: t for t in derive_ties(store)}


def test_ties_have_the_right_counts_and_dates(store: ox.Store) -> None:
    ties = by_pair(store)
    assert sorted(ties) == [("CN", "KZ"), ("CN", "UZ"), ("KZ", "UZ")]
    kz_uz = ties[("KZ", "UZ")]
    assert (len(kz_uz.agreements), len(kz_uz.events), len(kz_uz.articles)) == (2, 2, 3)
    assert kz_uz.kind_counts == (("MOU", 1), ("Meeting", 2), ("Treaty", 1))
    assert (kz_uz.first_date, kz_uz.last_date) == ("2023-11", "2025-03-10")
    cn_uz = ties[("CN", "UZ")]
    assert cn_uz.kind_counts == (("Agreement", 1), ("Declaration", 1), ("Forum", 1), ("Summit", 1))
    assert (cn_uz.first_date, cn_uz.last_date) == ("2025-04-30", "2025-05-01")


def test_a_summit_ties_the_two_sides_but_not_one_side_among_itself(store: ox.Store) -> None:
    ties = by_pair(store)
    summit = next(iter(ties[("CN", "KZ")].events))
    assert summit in ties[("CN", "UZ")].events
    assert summit not in ties[("KZ", "UZ")].events


def test_tie_reported_without_acts_takes_its_articles_dates() -> None:
    store = ox.Store()
    x = ArticleExtraction(id="t1", published="2024-06-01", ties=[Tie(a="JP", b="KZ")])
    store.extend(map_extraction(x, Resolver(reference())).quads)
    (tie,) = derive_ties(store)
    assert (tie.pair, len(tie.agreements), len(tie.events)) == (("JP", "KZ"), 0, 0)
    assert (tie.first_date, tie.last_date, len(tie.articles)) == ("2024-06-01", "2024-06-01", 1)


def test_ties_graph_conforms_to_shapes(store: ox.Store) -> None:
    report = shape_report(compute_ties(store))
    assert report.conforms, report.text


def test_tie_is_one_lookup_from_either_country(store: ox.Store) -> None:
    tie = mint.tie("UZ", "KZ")
    assert tie.value == "https://w3id.org/cagraph/id/tie/KZ-UZ"
    for code in ("KZ", "UZ"):
        found = store.quads_for_pattern(mint.country(code), CAG.ox.hasTie, tie, mint.TIES_GRAPH)
        assert len(list(found)) == 1
    counts = {
        q.object.value
        for q in store.quads_for_pattern(tie, CAG.ox.agreementCount, None, mint.TIES_GRAPH)
    }
    assert counts == {"2"}


def test_refresh_replaces_the_ties_graph(store: ox.Store) -> None:
    size = len(store)
    assert refresh_ties(store) > 0
    assert len(store) == size
    store.remove_graph(mint.article("a3"))
    refresh_ties(store)
    kz_uz = by_pair(store)[("KZ", "UZ")]
    assert (len(kz_uz.events), kz_uz.first_date) == (1, "2025-03-10")
    summary_quads = store.quads_for_pattern(
        mint.tie("KZ", "UZ"), CAG.ox.eventCount, None, mint.TIES_GRAPH
    )
    assert [q.object.value for q in summary_quads] == ["1"]


def test_ties_can_be_derived_through_any_select_function(store: ox.Store) -> None:
    calls: list[str] = []

    def select(sparql: str) -> list[tuple[ox.NamedNode | ox.Literal | None, ...]]:
        calls.append(sparql)
        result = store.query(sparql, use_default_graph_as_union=True)
        assert isinstance(result, ox.QuerySolutions)
        names = [v.value for v in result.variables]
        return [tuple(row[n] for n in names) for row in result]

    assert compute_ties(select) == compute_ties(store)
    assert len(calls) == 7  # ties_articles, three act scans, two tie scans, countries
