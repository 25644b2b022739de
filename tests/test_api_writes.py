"""POST /articles and DELETE /articles/{id}: behind the token, extracted, stored, ties refreshed."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from test_api_support import TOKEN, LiveServer, build_store, problem, settings_for, shared_server

pytestmark = pytest.mark.server

AUTH = {"Authorization": f"Bearer {TOKEN}"}
TEXT = (
    "Kazakhstan and Kyrgyzstan signed a memorandum of understanding on water resources in "
    "Bishkek on 12 March 2025. President Kassym-Jomart Tokayev and President Sadyr Japarov "
    "attended the signing ceremony, which both sides described as a step toward closer "
    "regional cooperation on the Syr Darya basin."
)
HTML = (
    "<html><head><title>Uzbekistan and Tajikistan sign energy agreement</title></head><body>"
    "<nav>Home | World | Sport</nav><article><h1>Uzbekistan and Tajikistan sign energy "
    "agreement</h1><p>Uzbekistan and Tajikistan signed an agreement on the construction of two "
    "hydropower plants on the Zarafshan river in Dushanbe on 5 June 2024. The presidents of "
    "both countries attended the ceremony.</p></article></body></html>"
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    folder = build_store(tmp_path_factory.mktemp("writes") / "store")
    with LiveServer(settings_for(folder, token=TOKEN)) as live:
        yield live


@pytest.fixture()
def http(server: LiveServer) -> Iterator[httpx.Client]:
    with server.client() as client:
        yield client


def partners(http: httpx.Client, code: str) -> set[str]:
    return {p["country"]["code"] for p in http.get(f"/countries/{code}/ties").json()["partners"]}


def test_posting_an_article_extracts_stores_and_ties_it(http: httpx.Client) -> None:
    assert "KG" not in partners(http, "KZ")
    body = {"id": "kz-kg-water", "text": TEXT, "url": "https://news.example.org/kz-kg-water"}
    response = http.post("/articles", json=body, headers=AUTH)
    assert response.status_code == 201, response.text
    assert response.headers["location"] == "/articles/kz-kg-water"
    created = response.json()
    assert created["replaced"] is False and created["triples"] > 10
    extraction = created["extraction"]
    assert ["KG", "KZ"] in [sorted(t) for t in extraction["ties"]]
    assert any(a["kind"] == "MOU" for a in extraction["agreements"])
    assert "KG" in partners(http, "KZ")
    stored = http.get("/articles/kz-kg-water").json()
    assert stored["url"] == "https://news.example.org/kz-kg-water"
    tie = http.get("/ties/KZ/KG").json()
    (memo,) = [a for a in tie["agreements"] if a["kind"] == "MOU"]
    assert memo["evidence"][0]["article"]["id"] == "kz-kg-water"
    assert "memorandum of understanding" in memo["evidence"][0]["sentence"]


def test_a_tie_already_read_shows_a_new_article_at_once(http: httpx.Client) -> None:
    before = http.get("/ties/KZ/UZ").json()
    text = (
        "Kazakhstan and Uzbekistan signed an agreement on water resources in Tashkent on "
        "3 February 2026. The two countries also agreed to hold a joint forum."
    )
    http.post("/articles", json={"id": "kz-uz-water", "text": text}, headers=AUTH)
    after = http.get("/ties/KZ/UZ").json()
    assert after["counts"]["articles"] == before["counts"]["articles"] + 1
    assert after["agreements"][0]["evidence"][0]["article"]["id"] == "kz-uz-water"
    http.delete("/articles/kz-uz-water", headers=AUTH)
    assert http.get("/ties/KZ/UZ").json()["counts"] == before["counts"]


def test_new_people_are_found_by_the_entity_search_at_once(http: httpx.Client) -> None:
    http.post("/articles", json={"id": "kz-kg-water", "text": TEXT}, headers=AUTH)
    items = http.get("/entities", params={"q": "Zhaparov"}).json()["items"]
    assert items and items[0]["name"] in ("Sadyr Japarov", "Sadyr Zhaparov")


def test_posting_the_same_id_again_replaces_it(http: httpx.Client) -> None:
    http.post("/articles", json={"id": "again", "text": TEXT}, headers=AUTH)
    response = http.post("/articles", json={"id": "again", "text": TEXT}, headers=AUTH)
    assert response.status_code == 200
    assert response.json()["replaced"] is True
    ids = [a["id"] for a in http.get("/articles?limit=200").json()["items"]]
    assert ids.count("again") == 1


def test_an_article_without_id_gets_one_from_its_content(http: httpx.Client) -> None:
    first = http.post("/articles", json={"text": TEXT + " Talks continue."}, headers=AUTH)
    second = http.post("/articles", json={"text": TEXT + " Talks continue."}, headers=AUTH)
    assert first.json()["id"] == second.json()["id"]
    assert first.json()["id"].startswith("api-")
    assert second.status_code == 200


def test_html_is_ingested_without_its_page_chrome(http: httpx.Client) -> None:
    body = {"id": "uz-tj-html", "text": HTML, "format": "html"}
    created = http.post("/articles", json=body, headers=AUTH).json()
    assert created["extraction"]["title"].startswith("Uzbekistan and Tajikistan")
    assert "TJ" in partners(http, "UZ")
    stored = http.get("/articles/uz-tj-html").json()
    assert stored["agreements"]


def test_deleting_an_article_removes_it_and_its_ties(http: httpx.Client) -> None:
    http.post("/articles", json={"id": "to-delete", "text": HTML, "format": "html"}, headers=AUTH)
    http.delete("/articles/uz-tj-html", headers=AUTH)
    assert "TJ" in partners(http, "UZ")
    response = http.delete("/articles/to-delete", headers=AUTH)
    assert response.status_code == 204 and response.content == b""
    problem(http.get("/articles/to-delete"), 404)
    assert "TJ" not in partners(http, "UZ")
    problem(http.delete("/articles/to-delete", headers=AUTH), 404)


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"text": ""}, 422),
        ({"text": "   \n  "}, 400),
        ({"text": TEXT, "id": "../etc/passwd"}, 400),
        ({"text": TEXT, "id": "a b"}, 400),
        ({"text": TEXT, "format": "pdf"}, 422),
        ({"text": TEXT, "published": "the day before yesterday"}, 400),
        ({"text": TEXT, "unknown": 1}, 422),
        ({"body": TEXT}, 422),
    ],
)
def test_bad_articles_are_refused_with_a_problem(
    http: httpx.Client, body: dict[str, object], status: int
) -> None:
    problem(http.post("/articles", json=body, headers=AUTH), status)


def test_a_body_that_is_not_json_is_a_problem(http: httpx.Client) -> None:
    headers = {**AUTH, "Content-Type": "application/json"}
    problem(http.post("/articles", content=b"{not json", headers=headers), 422)


@pytest.mark.parametrize("authorization", [None, "Bearer nope", TOKEN, f"Token {TOKEN}"])
def test_writes_need_the_token(http: httpx.Client, authorization: str | None) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    response = http.post("/articles", json={"id": "x", "text": TEXT}, headers=headers)
    assert problem(response, 401)["code"] == "unauthorized"
    assert response.headers["www-authenticate"] == 'Bearer realm="cagraph"'
    problem(http.delete("/articles/arts-memo", headers=headers), 401)
    assert http.get("/articles/arts-memo").status_code == 200


def test_a_read_only_service_refuses_writes(tmp_path_factory: pytest.TempPathFactory) -> None:
    with shared_server(tmp_path_factory).client() as client:
        response = client.post("/articles", json={"text": TEXT}, headers=AUTH)
        assert problem(response, 403)["code"] == "forbidden"
        problem(client.delete("/articles/arts-memo", headers=AUTH), 403)


def test_health_says_writable(http: httpx.Client) -> None:
    assert http.get("/health").json()["writable"] is True
