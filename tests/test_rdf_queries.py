"""Competency questions: named queries with bound parameters on a small hand-made store."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from test_rdf_support import build_store

from cagraph.errors import NotFoundError, QueryError
from cagraph.rdf import mint
from cagraph.rdf.queries import list_queries, load_query, run_query
from cagraph.rdf.vocab import RDFS

KZ, UZ, CN = mint.country("KZ"), mint.country("UZ"), mint.country("CN")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> ox.Store:
    """An on-disk store with three articles, the ontology and the ties graph."""
    s = ox.Store(str(Path(tmp_path_factory.mktemp("store"))))
    build_store(s)
    return s


def rows(store: ox.Store, name: str, **bindings: ox.NamedNode) -> list[dict[str, str | None]]:
    return list(run_query(store, name, bindings).values())


def test_competency_queries_are_listed_with_titles() -> None:
    names = [q.name for q in list_queries(competency_only=True)]
    assert names == [
        "cq1_partners",
        "cq2_agreements_between",
        "cq3_representatives",
        "cq4_topics_per_year",
        "cq5_institutions",
        "cq6_gatherings",
        "cq7_provenance",
    ]
    assert all(q.title and q.description for q in list_queries())
    assert [p.name for p in load_query("cq2_agreements_between").params] == ["a", "b"]


def test_unknown_query_is_not_found(store: ox.Store) -> None:
    with pytest.raises(NotFoundError, match="cq99"):
        run_query(store, "cq99")


@pytest.mark.parametrize(
    ("bindings", "message"),
    [
        ({"country": KZ, "limit": KZ}, "no parameter limit"),
        ({}, "needs parameter country"),
        ({"country": ox.Literal("KZ")}, "must be an iri"),
    ],
)
def test_bad_parameters_are_refused(store: ox.Store, bindings: dict, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        run_query(store, "cq1_partners", bindings)


def test_cq1_partners_of_a_country(store: ox.Store) -> None:
    got = [
        (r["partnerCode"], r["agreements"], r["events"], r["articles"], r["lastDate"])
        for r in rows(store, "cq1_partners", country=UZ)
    ]
    assert got == [("CN", "2", "2", "1", "2025-05-01"), ("KZ", "2", "2", "3", "2025-03-10")]


def test_cq2_agreements_between_two_countries(store: ox.Store) -> None:
    got = rows(store, "cq2_agreements_between", a=KZ, b=UZ)
    kinds = {(r["kind"] or "").rsplit("#")[-1] for r in got}
    assert kinds == {"Treaty", "MemorandumOfUnderstanding"}
    treaty = [r for r in got if r["name"] == "Treaty on Allied Relations"]
    assert len(treaty) == 1
    assert treaty[0]["url"] == "https://news.example.org/a1"
    assert treaty[0]["sentence"] == "The presidents signed the Treaty on Allied Relations."
    assert set((treaty[0]["parties"] or "").split(" | ")) == {"Kazakhstan", "Uzbekistan"}
    assert treaty[0]["date"] == "2025-03-10"
    sources = {r["article"] for r in got if r["agreement"] == treaty[0]["agreement"]}
    assert sources == {mint.article("a1").value, mint.article("a2").value}
    mou = next(r for r in got if (r["kind"] or "").endswith("MemorandumOfUnderstanding"))
    assert set((mou["topics"] or "").split(" | ")) == {"renewable energy", "grid modernisation"}


def test_cq3_persons_who_represented_a_country(store: ox.Store) -> None:
    kz = rows(store, "cq3_representatives", country=KZ)
    assert {(r["name"], r["office"], r["start"]) for r in kz} == {
        ("Kassym-Jomart Tokayev", "President", "2019-03-20")
    }
    reported = kz[0]
    assert (reported["firstReported"], reported["lastReported"]) == ("2025-03-10", "2025-05-02")
    uz = {(r["name"], r["office"]) for r in rows(store, "cq3_representatives", country=UZ)}
    assert uz == {("Shavkat Mirziyoyev", "President"), ("Alisher Karimov", "Minister of Energy")}


def test_cq4_agreements_per_topic_and_year(store: ox.Store) -> None:
    result = rows(store, "cq4_topics_per_year")
    got = {(r["topicLabel"], r["year"], r["agreements"]) for r in result}
    assert got == {
        ("energy", "2025", "2"),
        ("diplomacy", "2025", "1"),
        ("defence", "2025", "1"),
        ("trade", "2025", "1"),
        ("transport", "2025", "1"),
    }


def test_cq5_institutions_of_two_countries_that_cooperate(store: ox.Store) -> None:
    got = [(r["nameA"], r["nameB"], r["acts"]) for r in rows(store, "cq5_institutions", a=UZ, b=CN)]
    assert got == [("Ministry of Energy of Uzbekistan", "China Energy Investment Corporation", "2")]
    kz_uz = [(r["nameA"], r["nameB"]) for r in rows(store, "cq5_institutions", a=KZ, b=UZ)]
    assert kz_uz == [("Ministry of Energy of Kazakhstan", "Ministry of Energy of Uzbekistan")]


def test_cq6_summits_and_forums(store: ox.Store) -> None:
    got = rows(store, "cq6_gatherings")
    assert [(r["name"], r["date"], r["locationName"]) for r in got] == [
        ("Astana Energy Forum", "2025-04-30", "Astana"),
        ("Central Asia – China summit", "2025-05-01", "Astana"),
    ]
    summit = got[1]
    assert set((summit["participants"] or "").split(" | ")) == {"China", "Kazakhstan", "Uzbekistan"}


def test_cq7_article_and_sentence_behind_a_statement(store: ox.Store) -> None:
    between = rows(store, "cq2_agreements_between", a=KZ, b=UZ)
    treaty = next(r["agreement"] for r in between if r["name"] == "Treaty on Allied Relations")
    assert treaty is not None
    got = rows(store, "cq7_provenance", s=ox.NamedNode(treaty), p=RDFS.ox.label)
    assert {(r["article"], r["o"]) for r in got} == {
        (mint.article("a1").value, "Treaty on Allied Relations"),
        (mint.article("a2").value, "Kazakh-Uzbek Treaty on allied relations"),
    }
    a2 = next(r for r in got if r["article"] == mint.article("a2").value)
    assert (a2["sentence"], a2["start"], a2["end"], a2["confidence"]) == (
        "The Kazakh-Uzbek Treaty on allied relations took effect.",
        "0",
        "56",
        "0.9",
    )
    assert a2["url"] == "https://news.example.org/a2"
