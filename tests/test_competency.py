"""Every named query of ontology/queries, run with bound parameters on the seeds + dev graph
as `cagraph build` stores it, with an assertion on its answer."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from test_build_support import article_graph, corpus_store

from cagraph.ingest import read_article
from cagraph.nlp import Extractor
from cagraph.rdf import mint
from cagraph.rdf.queries import bind, list_queries, load_query
from cagraph.rdf.vocab import CAG
from cagraph.store import Store

pytestmark = pytest.mark.corpus

KZ, UZ = mint.country("KZ"), mint.country("UZ")
ARTS_SEED = "001_8a9d28efe4b988be"  # a Memorandum of Cooperation of two arts universities
KZ_ARTS = "Kazakh National University of Arts named after Kulyash Baiseitova"
UZ_ARTS = "State Institute of Arts and Culture of Uzbekistan"


@pytest.fixture(scope="session")
def store(
    tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path, extractor: Extractor
) -> Store:
    return corpus_store(tmp_path_factory, corpus_dir, extractor)[0]


Row = dict[str, str | None]


def ask(store: Store, name: str, **params: ox.NamedNode | ox.Literal) -> list[Row]:
    """Run a named query with bound parameters (checked against its declared ones)."""
    query = load_query(name)
    bind(query, params)  # raises on unknown or missing parameters
    result = store.query(query.text, bindings=params)
    return [
        {
            v: (t.value if t is not None else None)
            for v, t in zip(result.variables, row, strict=True)
        }
        for row in result.rows
    ]


def memorandum(store: Store) -> Row:
    """The arts universities' memorandum, as cq2 gives it between KZ and UZ."""
    rows = ask(store, "cq2_agreements_between", a=KZ, b=UZ)
    (row,) = [r for r in rows if r["article"] == article_graph(ARTS_SEED)]
    return row


def test_cq1_partners_of_kazakhstan_include_uzbekistan_the_eu_and_korea(store: Store) -> None:
    rows = ask(store, "cq1_partners", country=KZ)
    partners = {r["partnerCode"]: r for r in rows}
    assert {"UZ", "EU", "KR"} <= set(partners)
    assert partners["EU"]["partnerLabel"] == "European Union"
    uz = partners["UZ"]
    assert int(uz["agreements"] or 0) >= 3 and int(uz["articles"] or 0) >= 3
    assert rows[0]["partnerCode"] == "UZ"  # the closest partner comes first


def test_cq2_arts_memorandum_is_between_kazakhstan_and_uzbekistan_with_evidence(
    store: Store,
) -> None:
    row = memorandum(store)
    assert row["kind"] == CAG.ox.MemorandumOfUnderstanding.value
    assert "Memorandum of Cooperation" in (row["name"] or "")
    assert "A Memorandum of Cooperation was signed" in (row["sentence"] or "")
    parties = set((row["parties"] or "").split(" | "))
    assert {KZ_ARTS, UZ_ARTS} <= parties


def test_cq3_persons_who_represented_kazakhstan_include_tokayev(store: Store) -> None:
    rows = ask(store, "cq3_representatives", country=KZ)
    tokayev = [r for r in rows if r["name"] == "Kassym-Jomart Tokayev"]
    assert [r["office"] for r in tokayev] == ["President"]
    assert tokayev[0]["start"] == "2019-03-20"  # term from the reference data
    assert tokayev[0]["firstReported"] is not None


def test_cq4_agreements_per_topic_and_year_read_topic_labels_from_the_ontology_graph(
    store: Store,
) -> None:
    rows = ask(store, "cq4_topics_per_year")
    assert rows and all(r["topicLabel"] for r in rows)  # the build loaded the ontology graph
    assert len({(r["topic"], r["year"]) for r in rows}) == len(rows)
    topics = {r["topicLabel"] for r in rows}
    assert {"culture", "energy", "water"} <= topics
    assert sum(int(r["agreements"] or 0) for r in rows) >= 20


def test_cq5_the_two_arts_universities_cooperate(store: Store) -> None:
    rows = ask(store, "cq5_institutions", a=KZ, b=UZ)
    pair = [r for r in rows if (r["nameA"], r["nameB"]) == (KZ_ARTS, UZ_ARTS)]
    assert len(pair) == 1
    assert memorandum(store)["agreement"] in (pair[0]["actIris"] or "").split()


def test_cq6_summits_include_the_central_asia_eu_summit_in_samarkand(store: Store) -> None:
    rows = ask(store, "cq6_gatherings")
    summits = [
        r
        for r in rows
        if r["kind"] == CAG.ox.Summit.value
        and r["locationName"] == "Samarkand"
        and "European Union" in (r["name"] or "")
    ]
    assert len(summits) == 1
    assert {"European Union", "Kazakhstan", "Uzbekistan"} <= set(
        (summits[0]["participants"] or "").split(" | ")
    )
    assert {CAG.ox.Summit.value, CAG.ox.Forum.value} >= {r["kind"] for r in rows}


def test_cq7_provenance_of_a_statement_gives_its_article_and_sentence(
    store: Store, corpus_dir: Path
) -> None:
    agreement = ox.NamedNode(memorandum(store)["agreement"] or "")
    rows = ask(store, "cq7_provenance", s=agreement, p=CAG.ox.involvesCountry, o=UZ)
    assert {r["article"] for r in rows} == {article_graph(ARTS_SEED)}
    text = read_article(corpus_dir / "seeds" / f"{ARTS_SEED}.txt").text
    for r in rows:
        start, end = int(r["start"] or -1), int(r["end"] or -1)
        assert text[start:end] == r["sentence"]  # the offsets point into the article
    assert any("Memorandum of Cooperation was signed" in (r["sentence"] or "") for r in rows)


def test_ties_scans_give_the_memorandum_its_kind_and_both_countries(store: Store) -> None:
    act = memorandum(store)["agreement"]
    graph = article_graph(ARTS_SEED)
    kinds = {
        r["kind"] for r in ask(store, "ties_act_kinds") if (r["article"], r["act"]) == (graph, act)
    }
    assert kinds == {str(CAG.MemorandumOfUnderstanding)}
    rows = ask(store, "ties_act_countries")
    countries = {r["country"] for r in rows if (r["article"], r["act"]) == (graph, act)}
    assert {KZ.value, UZ.value} <= countries
    assert all(r["date"] for r in ask(store, "ties_act_dates"))
    articles = {r["article"]: r["published"] for r in ask(store, "ties_articles")}
    assert graph in articles and len(articles) == len(store.article_hashes())


def test_ties_countries_label_every_state_once(store: Store) -> None:
    rows = ask(store, "ties_countries")
    labels = {r["code"]: r["label"] for r in rows}
    assert len(labels) == len(rows)
    assert labels["KZ"] == "Kazakhstan" and labels["UZ"] == "Uzbekistan"


def test_ties_scans_give_the_kazakhstan_uzbekistan_tie_of_the_arts_seed(store: Store) -> None:
    graph = article_graph(ARTS_SEED)
    ties = {r["tie"] for r in ask(store, "ties_reports") if r["article"] == graph}
    between = {
        (r["tie"], r["country"]) for r in ask(store, "ties_between") if r["article"] == graph
    }
    assert any({(tie, KZ.value), (tie, UZ.value)} <= between for tie in ties)


def test_every_named_query_is_asked_in_this_module() -> None:
    """A new .rq file needs a test here."""
    asked = set(re.findall(r'ask\(store, "(\w+)"', Path(__file__).read_text(encoding="utf-8")))
    assert {q.name for q in list_queries()} <= asked
