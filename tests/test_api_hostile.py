"""Hostile input: huge bodies, malformed and engine-killing SPARQL, injection attempts in paths
and parameters, and queries past the row cap or the time limit. Every answer is a problem (never
a 5xx for bad input, never a truncated body), the data is unchanged and the service keeps
serving.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from test_api_support import (
    LiveServer,
    ServerProcess,
    build_store,
    problem,
    settings_for,
    shared_server,
)

pytestmark = pytest.mark.server

ALL = "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"
FOREVER = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


@pytest.fixture(scope="module")
def http(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    with shared_server(tmp_path_factory).client() as client:
        yield client


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("hostile") / "store")


@pytest.fixture(scope="module")
def tight(store: Path) -> Iterator[httpx.Client]:
    """A service with a small body limit and a row cap of 5."""
    settings = settings_for(store, max_body_bytes=20_000, query_row_cap=5)
    with LiveServer(settings) as server, server.client() as client:
        yield client


def intact(http: httpx.Client) -> None:
    """The graph still holds the four test articles and the KZ–UZ tie."""
    assert len(http.get("/articles").json()["items"]) == 4
    assert http.get("/ties/KZ/UZ").json()["counts"]["agreements"] == 2


# -- bodies --------------------------------------------------------------------------------------


def test_a_body_over_the_limit_is_413_before_anything_reads_it(tight: httpx.Client) -> None:
    big = "#" * 30_000 + "\nASK {}"
    body = problem(tight.post("/sparql", data={"query": big}), 413)
    assert body["code"] == "content-too-large"
    problem(tight.post("/articles", json={"text": "x" * 30_000}), 413)


def test_a_streamed_body_over_the_limit_is_413(tight: httpx.Client) -> None:
    def chunks() -> Iterator[bytes]:
        yield b"query=ASK%20%7B%7D%20%23"
        for _ in range(40):
            yield b"x" * 1_000

    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    response = tight.post("/sparql", content=chunks(), headers=headers)
    assert "content-length" not in response.request.headers
    problem(response, 413)
    assert tight.get("/health").status_code == 200


def test_a_body_over_the_default_limit_is_413(http: httpx.Client) -> None:
    problem(http.post("/sparql", content=b"A" * 3_000_000, headers={"Content-Type":
        "application/sparql-query"}), 413)  # fmt: skip


# -- malformed and engine-killing SPARQL ---------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "# only a comment",
        "SELECT",
        "SELECT * WHERE { ?s ?p ?o",
        "ASK {} }",
        "DROP ALL",
        "INSERT DATA { <a> <b> <c> }",
        "SELECT * WHERE { ?s ?p ?o } LIMIT -1",
        "SELECT ?x WHERE { BIND(\u0000 AS ?x) }",
        "SELECT * WHERE { ?s <http://bad iri> ?o }",
        "\ufeffSELECT * { ?s ?p 'unterminated }",
        "SELECT * WHERE { ?s ?p ?o } " + "ORDER BY ?s " * 3,
    ],
)
def test_malformed_queries_are_400(http: httpx.Client, query: str) -> None:
    assert problem(http.get("/sparql", params={"query": query}), 400)["code"] in (
        "bad-query",
        "bad-input",
    )


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE " + "{" * 5_000 + "}" * 5_000,
        "SELECT * WHERE { FILTER(" + "(" * 5_000 + "1" + ")" * 5_000 + ") }",
        "ASK { ?s " + "/".join(["<http://p>"] * 1_000) + " ?o }",
        "ASK { ?s <http://p> (" + " ".join(["1"] * 2_000) + ") }",
        "ASK { " + " ".join(f"?s <http://p> ?o{i} ." for i in range(600)) + " }",
        "ASK { " + " ".join(f"BIND({i} AS ?b{i})" for i in range(3_000)) + " }",
        "ASK { ?s ?p ?o " + " ".join(f"OPTIONAL {{ ?s <http://p> ?o{i} }}" for i in range(500)),
        "ASK { " + "{ } UNION " * 10_000 + "{ } }",
        "ASK { " + " ".join(f"?s <http://p> ?o{i} ." for i in range(300)) + " }",
    ],
    ids=["braces", "parens", "path", "list", "bgp", "binds", "optionals", "unions", "star"],
)
def test_queries_the_engine_cannot_survive_or_plan_are_refused(
    http: httpx.Client, query: str
) -> None:
    """Each of these crashes the engine's process (stack overflow) or takes it a minute to
    plan; the service refuses them and goes on."""
    body = problem(http.post("/sparql", data={"query": query}), 400)
    assert body["code"] == "query-too-complex"
    assert http.get("/health").status_code == 200


def test_long_values_blocks_are_fine(http: httpx.Client) -> None:
    values = " ".join(f'"{i}"' for i in range(5_000))
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?x {{ {values} }} }}"
    body = http.post("/sparql", data={"query": query}).json()
    assert body["results"]["bindings"][0]["n"]["value"] == "5000"


# -- injection attempts --------------------------------------------------------------------------

PAYLOADS = [
    '"> } DROP ALL ; #',
    "KZ> } ; CLEAR ALL #",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "%00",
    "\u202eXQ",
    "../../../../etc/passwd",
    "${jndi:ldap://x}",
    "KZ\nUZ",
    "x" * 500,
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_injection_in_paths_is_a_client_error(http: httpx.Client, payload: str) -> None:
    quoted = quote(payload, safe="")
    for path in (
        f"/countries/{quoted}",
        f"/countries/{quoted}/ties",
        f"/ties/KZ/{quoted}",
        f"/agreements/{quoted}",
        f"/events/{quoted}",
        f"/entities/person/{quoted}",
        f"/articles/{quoted}",
    ):
        response = http.get(path)
        assert 400 <= response.status_code < 500, (path, response.status_code, response.text)
        problem(response, response.status_code)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_injection_in_parameters_changes_nothing(http: httpx.Client, payload: str) -> None:
    for path, name in (
        ("/ties/KZ/UZ", "topic"),
        ("/ties/KZ/UZ", "since"),
        ("/agreements", "topic"),
        ("/agreements", "country"),
        ("/events", "kind"),
        ("/entities", "q"),
        ("/entities", "country"),
        ("/articles", "q"),
        ("/countries", "q"),
    ):
        response = http.get(path, params={name: payload})
        assert response.status_code < 500, (path, name, response.text)
        if response.status_code >= 400:
            problem(response, response.status_code)
    intact(http)


def test_an_injected_topic_is_only_ever_a_value(http: httpx.Client) -> None:
    body = http.get("/ties/KZ/UZ", params={"topic": '") } UNION { ?act ?p ?o } #'}).json()
    assert body["agreements"] == [] and body["events"] == []


# -- limits --------------------------------------------------------------------------------------


def test_a_result_over_the_row_cap_is_refused_whole(tight: httpx.Client) -> None:
    for query in (ALL, "CONSTRUCT WHERE { ?s ?p ?o }"):
        response = tight.get("/sparql", params={"query": query}, headers={"Accept": "*/*"})
        body = problem(response, 503)
        assert body["code"] == "query-limit"
        assert "row cap" in str(body["detail"]) and "nothing was returned" in str(body["detail"])
    small = tight.get("/sparql", params={"query": ALL + " LIMIT 5"}).json()
    assert len(small["results"]["bindings"]) == 5


def test_a_query_that_would_run_forever_is_stopped_while_others_are_served(
    store: Path,
) -> None:
    env = {"CAGRAPH_QUERY_TIMEOUT_S": "1.5"}
    with ServerProcess(store, **env) as server, httpx.Client(base_url=server.url) as client:
        outcome: dict[str, object] = {}

        def slow() -> None:
            started = time.monotonic()
            with httpx.Client(base_url=server.url, timeout=60) as other:
                outcome["response"] = other.get("/sparql", params={"query": FOREVER})
            outcome["seconds"] = time.monotonic() - started

        worker = threading.Thread(target=slow)
        worker.start()
        time.sleep(0.3)
        served = []
        while worker.is_alive():
            t0 = time.monotonic()
            response = client.get("/ties/KZ/UZ", timeout=10)
            served.append((response.status_code, time.monotonic() - t0))
            time.sleep(0.05)
        worker.join()
        response = outcome["response"]
        assert isinstance(response, httpx.Response)
        body = problem(response, 503)
        assert body["code"] == "query-limit"
        assert "time limit of 1.5 s" in str(body["detail"])
        assert float(str(outcome["seconds"])) < 6
        assert served and all(status == 200 for status, _ in served)
        assert max(seconds for _, seconds in served) < 1.0
        after = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
        assert after.json()["boolean"] is True


# -- the one error shape -------------------------------------------------------------------------


def test_unknown_routes_methods_and_parameters_are_problems(http: httpx.Client) -> None:
    assert problem(http.get("/nowhere"), 404)["code"] == "not-found"
    response = http.post("/countries")
    assert problem(response, 405)["code"] == "method-not-allowed"
    assert "GET" in response.headers["allow"]
    body = problem(http.get("/countries?limit=abc&offset=-1"), 422)
    assert {e["location"] for e in body["errors"]} == {"query.limit", "query.offset"}
