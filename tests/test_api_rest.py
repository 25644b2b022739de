"""REST resources against a live read-only server over the hand-made graph (tests/data/api)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest
from test_api_support import problem, shared_server

from api.models.ties import Tie

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    with shared_server(tmp_path_factory).client() as client:
        yield client


def _names(acts: list[dict]) -> list[str]:  # type: ignore[type-arg]
    return [a["name"] for a in acts]


# -- countries -----------------------------------------------------------------------------------


def test_countries_are_listed_with_counts_most_connected_first(api: httpx.Client) -> None:
    body = api.get("/countries").json()
    codes = [c["code"] for c in body["countries"]]
    assert codes[0] == "KZ"
    kz = body["countries"][0]
    assert kz["counts"] == {"partners": 3, "agreements": 4, "events": 4, "articles": 4}
    assert kz["wikidata"] == "https://www.wikidata.org/wiki/Q232"
    assert {"UZ", "EU", "KR"} <= set(codes)


def test_countries_filter_by_text_and_page(api: httpx.Client) -> None:
    assert [c["code"] for c in api.get("/countries?q=korea").json()["countries"]] == ["KR"]
    first = api.get("/countries?limit=2").json()
    assert len(first["countries"]) == 2
    rest = api.get(first["page"]["next"]).json()
    assert rest["page"]["offset"] == 2
    assert not {c["code"] for c in first["countries"]} & {c["code"] for c in rest["countries"]}


@pytest.mark.parametrize("code", ["KZ", "KAZ", "kaz", "Kazakhstan", "kazakhstan", "Qazaqstan"])
def test_a_country_is_found_by_alpha2_alpha3_or_name(api: httpx.Client, code: str) -> None:
    body = api.get(f"/countries/{code}").json()
    assert body["code"] == "KZ"
    assert body["iso3"] == "KAZ"
    assert body["qid"] == "Q232"
    assert body["official_name"] == "Republic of Kazakhstan"


def test_country_detail_has_partners_and_recent_agreements(api: httpx.Client) -> None:
    body = api.get("/countries/KZ").json()
    assert [p["country"]["code"] for p in body["partners"]] == ["UZ", "EU", "KR"]
    recent = body["recent_agreements"]
    assert [a["date"] for a in recent] == sorted((a["date"] for a in recent), reverse=True)
    assert recent[0]["name"] == "Memorandum of Cooperation"


def test_unknown_country_is_404_with_suggestions(api: httpx.Client) -> None:
    body = problem(api.get("/countries/Kazakhztan"), 404)
    assert body["code"] == "unknown-country"
    assert body["suggestions"][0] == "KZ (Kazakhstan)"
    body = problem(api.get("/countries/Uzbekstan/ties"), 404)
    assert "UZ (Uzbekistan)" in body["suggestions"]
    problem(api.get("/ties/KZ/Atlantis"), 404)


def test_country_ties_list_partners_weighted_with_counts_by_kind(api: httpx.Client) -> None:
    body = api.get("/countries/KZ/ties").json()
    partners = {p["country"]["code"]: p for p in body["partners"]}
    assert set(partners) == {"UZ", "EU", "KR"}
    uz = partners["UZ"]
    assert uz["weight"] == 4
    assert uz["counts"]["by_kind"] == {"MOU": 1, "Meeting": 2, "Treaty": 1}
    assert (uz["counts"]["first_date"], uz["counts"]["last_date"]) == ("2021-12-06", "2025-05-19")
    assert uz["href"] == "/ties/KZ/UZ"
    assert [p["weight"] for p in body["partners"]] == sorted(
        (p["weight"] for p in body["partners"]), reverse=True
    )


def test_country_ties_filter_by_kind_and_period(api: httpx.Client) -> None:
    by_kind = api.get("/countries/KZ/ties?kind=Treaty").json()["partners"]
    assert [(p["country"]["code"], p["weight"]) for p in by_kind] == [("UZ", 1)]
    recent = api.get("/countries/KZ/ties?since=2024").json()["partners"]
    assert {p["country"]["code"] for p in recent} == {"UZ", "KR"}
    old = api.get("/countries/KAZ/ties?until=2022-12").json()["partners"]
    assert {p["country"]["code"] for p in old} == {"UZ", "EU"}


# -- ties ----------------------------------------------------------------------------------------


def test_tie_has_the_arts_memorandum_with_its_sentence_and_article(api: httpx.Client) -> None:
    body = api.get("/ties/KZ/UZ").json()
    memo = next(a for a in body["agreements"] if a["kind"] == "MOU")
    assert memo["name"] == "Memorandum of Cooperation"
    assert memo["date"] == "2025-05-19"
    assert {p["name"] for p in memo["parties"]} == {
        "Kazakh National University of Arts",
        "State Institute of Arts and Culture of Uzbekistan",
    }
    assert memo["topics"] == ["culture", "education"]
    (evidence,) = memo["evidence"]
    assert evidence["sentence"].startswith("Concluding the meeting, a Memorandum of Cooperation")
    assert evidence["article"]["url"] == (
        "https://news.example.org/culture/arts-universities-memorandum"
    )
    assert evidence["article"]["published"] == "2025-05-20"


def test_tie_lists_acts_newest_first_with_counts_and_people(api: httpx.Client) -> None:
    body = api.get("/ties/UZ/KZ").json()
    assert (body["a"]["code"], body["b"]["code"]) == ("UZ", "KZ")
    assert body["counts"]["by_kind"] == {"MOU": 1, "Meeting": 2, "Treaty": 1}
    assert _names(body["agreements"]) == ["Memorandum of Cooperation", "Treaty on Allied Relations"]
    assert len(body["events"]) == 2
    people = {p["name"]: p for p in body["people"]}
    assert {"Galim Akhmedyarov", "Nodirbek Sayfullayev", "Kassym-Jomart Tokayev"} <= set(people)
    galim = people["Galim Akhmedyarov"]
    assert galim["roles"][0]["title"] == "Rector"
    assert galim["evidence"][0]["sentence"].startswith("Professor Galim Akhmedyarov, Rector")
    assert galim["evidence"][0]["article"]["id"] == "arts-memo"


def test_tie_answer_is_a_valid_tie_document(api: httpx.Client) -> None:
    body = api.get("/ties/KZ/UZ", params={"limit": 2}).json()
    tie = Tie.model_validate(body)
    assert tie.model_dump(mode="json") == body
    assert len(tie.agreements) + len(tie.events) == 2


def test_tie_accepts_alpha3_and_names(api: httpx.Client) -> None:
    assert api.get("/ties/KAZ/Uzbekistan").json()["iri"].endswith("/tie/KZ-UZ")


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("kind=Treaty", ["Treaty on Allied Relations"]),
        ("since=2025", ["Memorandum of Cooperation"]),
        ("since=2025-05-19", ["Memorandum of Cooperation"]),
        ("until=2024", ["Treaty on Allied Relations"]),
        ("since=2021-12&until=2021-12", ["Treaty on Allied Relations"]),
        ("topic=culture", ["Memorandum of Cooperation"]),
        ("topic=security", ["Treaty on Allied Relations"]),
        ("topic=Education", ["Memorandum of Cooperation"]),
        ("topic=astronomy", []),
        ("since=2026", []),
    ],
)
def test_tie_filters_narrow_the_acts(api: httpx.Client, query: str, names: list[str]) -> None:
    body = api.get(f"/ties/KZ/UZ?{query}").json()
    assert _names(body["agreements"]) == names
    assert body["counts"]["agreements"] == 2  # counts describe the whole tie


def test_tie_pages_through_its_acts(api: httpx.Client) -> None:
    first = api.get("/ties/KZ/UZ?limit=3").json()
    assert len(first["agreements"]) + len(first["events"]) == 3
    assert first["page"]["next"] == "/ties/KZ/UZ?limit=3&offset=3"
    second = api.get(first["page"]["next"]).json()
    assert len(second["agreements"]) + len(second["events"]) == 1
    assert second["page"]["next"] is None
    seen = {a["id"] for page in (first, second) for a in page["agreements"] + page["events"]}
    assert len(seen) == 4


def test_a_tie_asked_again_gives_the_same_page_and_other_queries_their_own(
    api: httpx.Client,
) -> None:
    urls = [f"/ties/KZ/UZ?limit={n}" for n in (1, 2, 3)] + ["/ties/UZ/KZ", "/ties/KAZ/UZ?limit=1"]
    urls += [f"/ties/KZ/UZ?offset={n}" for n in range(8)]  # more pages than a tie keeps
    first = [api.get(url).content for url in urls]
    again = [api.get(url).content for url in reversed(urls)][::-1]
    assert first == again
    assert len(set(first[:3])) == 3
    assert json.loads(first[3])["a"]["code"] == "UZ"
    assert json.loads(first[4])["page"]["next"] == "/ties/KAZ/UZ?limit=1&offset=1"
    assert json.loads(first[0])["page"]["next"] == "/ties/KZ/UZ?limit=1&offset=1"


def test_tie_between_unconnected_or_identical_countries(api: httpx.Client) -> None:
    assert problem(api.get("/ties/KR/EU"), 404)["hint"].startswith("GET /countries/KR/ties")
    problem(api.get("/ties/KZ/KAZ"), 400)


@pytest.mark.parametrize(
    "query", ["since=2024-13", "since=yesterday", "until=2024-02-30", "kind=Treatise", "limit=0"]
)
def test_bad_filters_are_problems(api: httpx.Client, query: str) -> None:
    response = api.get(f"/ties/KZ/UZ?{query}")
    assert response.status_code in (400, 422)
    problem(response, response.status_code)


@pytest.mark.parametrize(
    ("query", "where"),
    [
        ("since=yesterday", "query.since"),
        ("kind=Treatise", "query.kind"),
        ("limit=0", "query.limit"),
        ("limit=many", "query.limit"),
        ("offset=-1", "query.offset"),
        ("topic=", "query.topic"),
    ],
)
def test_invalid_tie_parameters_are_422_problems_naming_the_parameter(
    api: httpx.Client, query: str, where: str
) -> None:
    body = problem(api.get(f"/ties/KZ/UZ?{query}"), 422)
    assert [e["location"] for e in body["errors"]] == [where]
    assert body["detail"].startswith(where + ": ")


def test_since_after_until_is_a_problem(api: httpx.Client) -> None:
    problem(api.get("/ties/KZ/UZ?since=2025&until=2024"), 400)


# -- agreements and events -----------------------------------------------------------------------


def test_agreements_newest_first_and_filterable(api: httpx.Client) -> None:
    body = api.get("/agreements").json()
    dates = [a["date"] for a in body["items"]]
    assert len(dates) == 4 and dates == sorted(dates, reverse=True)
    assert all(a["category"] == "agreement" for a in body["items"])
    kr = api.get("/agreements?country=South Korea").json()["items"]
    assert _names(kr) == ["agreement on critical minerals supply chains"]
    assert kr[0]["documents"] == 2
    assert _names(api.get("/agreements?topic=energy").json()["items"]) == [
        "Memorandum of Understanding on sustainable raw materials, batteries and renewable hydrogen"
    ]


def test_an_agreement_by_id_has_its_ties_and_people(api: httpx.Client) -> None:
    listed = api.get("/agreements?kind=Treaty").json()["items"][0]
    body = api.get(listed["href"]).json()
    assert body["act"]["id"] == listed["id"]
    assert [(t["a"]["code"], t["b"]["code"]) for t in body["ties"]] == [("KZ", "UZ")]
    assert {p["name"] for p in body["people"]} == {"Kassym-Jomart Tokayev", "Shavkat Mirziyoyev"}


def test_events_list_and_detail(api: httpx.Client) -> None:
    events = api.get("/events?country=KZ&kind=Summit").json()["items"]
    assert _names(events) == ["Korea-Kazakhstan summit"]
    body = api.get(events[0]["href"]).json()
    assert body["act"]["location"]["name"] == "Astana"
    problem(api.get("/events/summit-0000000000000000"), 404)
    problem(api.get(f"/agreements/{events[0]['id']}"), 404)  # an event is no agreement


# -- entities ------------------------------------------------------------------------------------


@pytest.mark.parametrize("q", ["Tokayev", "Toqaev", "tokaev", "Kassym Jomart", "Tokayv"])
def test_entity_search_is_alias_aware_and_fuzzy(api: httpx.Client, q: str) -> None:
    items = api.get("/entities", params={"q": q}).json()["items"]
    assert items[0]["name"] == "Kassym-Jomart Tokayev"
    assert items[0]["type"] == "Person"


def test_entity_search_filters_by_type_and_country(api: httpx.Client) -> None:
    orgs = api.get("/entities", params={"q": "arts", "type": "Organization"}).json()["items"]
    assert {o["name"] for o in orgs} == {
        "Kazakh National University of Arts",
        "State Institute of Arts and Culture of Uzbekistan",
    }
    uz = api.get("/entities", params={"q": "arts", "country": "UZ"}).json()["items"]
    assert [o["name"] for o in uz] == ["State Institute of Arts and Culture of Uzbekistan"]


def test_an_entity_has_offices_acts_and_mentions(api: httpx.Client) -> None:
    hit = api.get("/entities", params={"q": "Akhmedyarov"}).json()["items"][0]
    body = api.get(hit["href"]).json()
    assert body["name"] == "Galim Akhmedyarov"
    assert "Akhmedyarov" in body["aliases"]
    assert body["offices"][0]["title"] == "Rector"
    assert body["offices"][0]["of_name"] == "Kazakh National University of Arts"
    assert {a["kind"] for a in body["acts"]} == {"MOU", "Meeting"}
    assert body["articles"] == 1
    assert body["mentions"][0]["article"]["id"] == "arts-memo"
    assert body["evidence"][0]["sentence"].startswith("Professor Galim Akhmedyarov")


def test_a_country_entity_links_to_wikidata(api: httpx.Client) -> None:
    body = api.get("/entities/country/KZ").json()
    assert body["wikidata"] == "https://www.wikidata.org/wiki/Q232"
    assert body["articles"] == 4


@pytest.mark.parametrize("ident", ["person/nobody-at-all", "robot/x", "person/", "person/a b"])
def test_unknown_entities_are_404(api: httpx.Client, ident: str) -> None:
    problem(api.get(f"/entities/{ident}"), 404)


# -- articles ------------------------------------------------------------------------------------


def test_articles_newest_first_and_filterable(api: httpx.Client) -> None:
    ids = [a["id"] for a in api.get("/articles").json()["items"]]
    assert ids == ["arts-memo", "kz-kr-minerals", "kz-eu-raw-materials", "allied-treaty"]
    assert [a["id"] for a in api.get("/articles?country=EU").json()["items"]] == [
        "kz-eu-raw-materials"
    ]
    assert [a["id"] for a in api.get("/articles?since=2024&q=KOREA").json()["items"]] == [
        "kz-kr-minerals"
    ]


def test_an_article_shows_what_was_extracted(api: httpx.Client) -> None:
    body = api.get("/articles/arts-memo").json()
    assert body["title"].startswith("Kazakh and Uzbek arts universities")
    assert [(t["a"]["code"], t["b"]["code"]) for t in body["ties"]] == [("KZ", "UZ")]
    assert _names(body["agreements"]) == ["Memorandum of Cooperation"]
    assert {e["type"] for e in body["entities"]} == {"Country", "Organization", "Person", "Place"}
    assert body["build_version"] == "cagraph-test 0.1"


def test_unknown_article_is_404(api: httpx.Client) -> None:
    problem(api.get("/articles/no-such-article"), 404)
    problem(api.get("/articles/..%2F..%2Fetc"), 404)  # no such route
    assert problem(api.get("/articles/a%20b%3E"), 400)["code"] == "bad-input"


def test_health_says_read_only(api: httpx.Client) -> None:
    body = api.get("/health").json()
    assert body == {
        "status": "ok",
        "version": body["version"],
        "store": "embedded",
        "writable": False,
        "query_timeout_s": 10.0,
        "query_row_cap": 100000,
    }
