"""CSV for every REST listing (``?format=csv`` or ``Accept: text/csv``), read the way analysts
read it: ``pandas.read_csv`` on the URL of a live server gives one row per item of the JSON page,
with named, flat columns."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import httpx
import pandas as pd
import pytest
from test_api_support import LiveServer, problem, shared_server

from api.app import create_app
from api.listing_csv import listing_rows
from cagraph.settings import Settings

pytestmark = pytest.mark.server


def listing_paths() -> list[str]:
    """Every listing of the app: the GET routes whose response is a page of items."""
    paths: list[str] = create_app(Settings(store=":memory:")).state.csv_listings
    return paths


LISTINGS = sorted(listing_paths())
DOCUMENTED = create_app(Settings(store=":memory:")).openapi()["paths"]
EXAMPLES = {"/countries/{code}/ties": "/countries/KZ/ties"}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> LiveServer:
    return shared_server(tmp_path_factory)


@pytest.fixture(scope="module")
def client(server: LiveServer) -> Iterator[httpx.Client]:
    with server.client() as c:
        yield c


def rows_field(page: dict[str, Any]) -> str:
    (field,) = [k for k, v in page.items() if isinstance(v, list) and k != "page"]
    return field


def test_every_listing_has_a_csv_form_and_the_main_ones_are_among_them() -> None:
    expected = {"/agreements", "/events", "/countries", "/countries/{code}/ties", "/entities"}
    expected |= {"/articles"}
    assert expected <= set(LISTINGS), LISTINGS
    for path in LISTINGS:  # and the OpenAPI says so
        get = DOCUMENTED[path]["get"]
        assert "text/csv" in get["responses"]["200"]["content"]
        assert "format" in {p["name"] for p in get["parameters"]}
    app = create_app(Settings(store=":memory:"))
    if any(getattr(r, "path", None) == "/people" for r in app.routes):
        assert "/people" in LISTINGS  # the people listing, once it is served


@pytest.mark.parametrize("template", LISTINGS)
def test_pandas_reads_one_row_per_item_of_the_json_page_with_named_columns(
    server: LiveServer, client: httpx.Client, template: str
) -> None:
    path = EXAMPLES.get(template, template)
    page = client.get(path, params={"limit": 200}).json()
    items = page[rows_field(page)]
    assert items, f"{path} lists nothing in the test graph"
    frame = pd.read_csv(
        f"{server.url}{path}?format=csv&limit=200", dtype=str, keep_default_na=False
    )
    assert len(frame) == len(items)
    assert all(isinstance(c, str) and c and not c.startswith("Unnamed") for c in frame.columns)
    assert len(set(frame.columns)) == len(frame.columns)
    first = items[0]
    for key, value in first.items():  # every scalar field is a column of the same name
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            assert frame[key].iloc[0] == str(value), key


def test_agreements_and_events_flatten_lists_and_nested_objects_into_aligned_columns(
    client: httpx.Client,
) -> None:
    for path in ("/agreements", "/events"):
        items = client.get(path).json()["items"]
        frame = pd.read_csv(io.StringIO(client.get(path, params={"format": "csv"}).text), dtype=str)
        frame = frame.fillna("")
        assert list(frame["id"]) == [item["id"] for item in items]
        for row, item in zip(frame.to_dict("records"), items, strict=True):
            assert row["countries.code"] == " | ".join(c["code"] for c in item["countries"])
            assert row["parties.name"] == " | ".join(p["name"] for p in item["parties"])
            sentences = [e["sentence"] or "" for e in item["evidence"]]
            assert row["evidence.sentence"] == " | ".join(sentences)
            assert row["evidence.article.id"] == " | ".join(
                e["article"]["id"] for e in item["evidence"]
            )
            assert row["location.name"] == ((item["location"] or {}).get("name") or "")


def test_accept_text_csv_asks_for_csv_and_json_stays_the_default(client: httpx.Client) -> None:
    as_csv = client.get("/agreements", headers={"Accept": "text/csv"})
    assert as_csv.status_code == 200
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert as_csv.text.startswith("id,iri,href,")
    assert "Accept" in as_csv.headers["vary"]
    for accept in ("*/*", "application/json", "text/csv;q=0.5, application/json", None):
        headers = {"Accept": accept} if accept else {}
        answer = client.get("/agreements", headers=headers)
        assert answer.headers["content-type"].startswith("application/json"), accept
    assert client.get("/agreements?format=json", headers={"Accept": "text/csv"}).json()["items"]


def test_an_empty_page_still_has_its_header(client: httpx.Client, server: LiveServer) -> None:
    frame = pd.read_csv(f"{server.url}/agreements?format=csv&offset=100000")
    assert len(frame) == 0
    assert {"id", "kind", "name", "date", "parties.name", "evidence.sentence"} <= set(frame.columns)


def test_the_next_page_is_in_the_link_header_and_keeps_csv(client: httpx.Client) -> None:
    first = client.get("/entities", params={"format": "csv", "limit": 2})
    link = first.headers["link"]
    assert link.endswith('>; rel="next"') and "format=csv" in link and "offset=2" in link
    second = client.get(link[1 : link.index(">")])
    assert second.headers["content-type"].startswith("text/csv")
    ids = list(pd.read_csv(io.StringIO(first.text))["id"])
    ids += list(pd.read_csv(io.StringIO(second.text))["id"])
    expected = [e["id"] for e in client.get("/entities", params={"limit": 4}).json()["items"]]
    assert ids == expected


def test_errors_stay_problem_documents_and_an_unknown_format_is_refused(
    client: httpx.Client,
) -> None:
    problem(client.get("/agreements", params={"format": "csv", "country": "Atlantis"}), 404)
    body = problem(client.get("/agreements", params={"format": "xlsx"}), 422)
    assert "xlsx" in body["detail"] and "csv" in body["hint"]
    problem(client.get("/agreements", params={"format": "csv", "limit": 0}), 422)


def test_other_endpoints_keep_their_own_format_parameter(client: httpx.Client) -> None:
    answer = client.get(
        "/sparql", params={"query": "SELECT ?x { VALUES ?x { 1 } }", "format": "csv"}
    )
    assert answer.status_code == 200
    assert answer.text.replace("\r\n", "\n") == "x\n1\n"
    assert listing_rows(dict) is None
