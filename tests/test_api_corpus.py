"""The service over the seeds + dev corpus, built by ``cagraph.build`` with the real extractor."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from test_api_support import LiveServer, settings_for

from cagraph.build import build_graph
from cagraph.nlp import Extractor
from cagraph.rdf import mint
from cagraph.rdf.queries import load_query
from cagraph.store import open_store
from cagraph.store.sparql import inject_values

pytestmark = [pytest.mark.corpus, pytest.mark.server]

ARTS_SEED = "001_8a9d28efe4b988be"


@pytest.fixture(scope="module")
def corpus_api(
    tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path, extractor: Extractor
) -> Iterator[httpx.Client]:
    folder = tmp_path_factory.mktemp("api-corpus") / "store"
    with open_store(folder) as store:
        report = build_graph([corpus_dir / "seeds", corpus_dir / "dev"], store, extractor=extractor)
    assert len(report.added) == 20
    with LiveServer(settings_for(folder)) as server, server.client() as client:
        yield client


def test_kz_uz_tie_has_the_arts_universities_memorandum(corpus_api: httpx.Client) -> None:
    body = corpus_api.get("/ties/KZ/UZ", params={"kind": "MOU"}).json()
    memo = next(
        a
        for a in body["agreements"]
        if any("University of Arts" in p["name"] for p in a["parties"])
    )
    assert "Memorandum of Cooperation" in memo["name"]
    assert {p["name"] for p in memo["parties"]} >= {
        "Kazakh National University of Arts named after Kulyash Baiseitova",
        "State Institute of Arts and Culture of Uzbekistan",
    }
    (evidence,) = [e for e in memo["evidence"] if e["article"]["id"] == ARTS_SEED]
    assert "Memorandum of Cooperation was signed" in evidence["sentence"]
    assert evidence["article"]["href"] == f"/articles/{ARTS_SEED}"
    article = corpus_api.get(evidence["article"]["href"]).json()
    assert memo["id"] in {a["id"] for a in article["agreements"]}


def test_kz_uz_tie_lists_the_rectors_among_its_people(corpus_api: httpx.Client) -> None:
    everyone: set[str] = set()
    url: str | None = "/ties/KZ/UZ?limit=50"
    while url:
        page = corpus_api.get(url).json()
        everyone |= {p["name"] for p in page["people"]}
        url = page["page"]["next"]
    assert {"Galim Akhmedyarov", "Nodirbek Sayfullayev"} <= everyone


def test_kz_partners_include_uz_eu_and_kr(corpus_api: httpx.Client) -> None:
    body = corpus_api.get("/countries/KZ/ties", params={"limit": 200}).json()
    partners = {p["country"]["code"]: p for p in body["partners"]}
    assert {"UZ", "EU", "KR"} <= set(partners)
    assert partners["UZ"]["weight"] == max(p["weight"] for p in body["partners"])
    assert partners["UZ"]["counts"]["by_kind"].get("MOU", 0) >= 1


def test_the_same_ties_by_alpha3_and_by_name(corpus_api: httpx.Client) -> None:
    by_code = corpus_api.get("/countries/KZ/ties").json()["partners"]
    by_name = corpus_api.get("/countries/Kazakhstan/ties").json()["partners"]
    by_alpha3 = corpus_api.get("/countries/KAZ/ties").json()["partners"]
    assert by_code == by_name == by_alpha3


def test_competency_question_2_over_sparql_names_the_memorandum(corpus_api: httpx.Client) -> None:
    text = load_query("cq2_agreements_between").text
    query = inject_values(text, {"a": mint.country("KZ"), "b": mint.country("UZ")})
    response = corpus_api.post("/sparql", data={"query": query})
    rows = response.json()["results"]["bindings"]
    names = {r["name"]["value"] for r in rows}
    assert any("Memorandum of Cooperation" in n for n in names)
