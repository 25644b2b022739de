"""/sparql: operations, content negotiation, dataset, read-only default, token, SERVICE/LOAD."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import httpx
import pytest
import rdflib
from test_api_support import TOKEN, LiveServer, build_store, problem, settings_for, shared_server

pytestmark = pytest.mark.server

SELECT = (
    "SELECT ?code WHERE { ?c <https://w3id.org/cagraph/ontology#isoCode> ?code } ORDER BY ?code"
)
CONSTRUCT = (
    "CONSTRUCT { ?c <http://www.w3.org/2004/02/skos/core#prefLabel> ?l } WHERE { "
    "GRAPH <https://w3id.org/cagraph/id/graph/ties> { "
    "?c <http://www.w3.org/2004/02/skos/core#prefLabel> ?l } }"
)
ARTS = "https://w3id.org/cagraph/id/article/arts-memo"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def http(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    with shared_server(tmp_path_factory).client() as client:
        yield client


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    folder = build_store(tmp_path_factory.mktemp("sparql-rw") / "store")
    with LiveServer(settings_for(folder, token=TOKEN)) as server, server.client() as client:
        yield client


def codes(response: httpx.Response) -> list[str]:
    return [b["code"]["value"] for b in response.json()["results"]["bindings"]]


# -- the three ways to send a query --------------------------------------------------------------


def test_query_by_get(http: httpx.Client) -> None:
    response = http.get("/sparql", params={"query": SELECT})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/sparql-results+json"
    assert {"KZ", "UZ", "EU", "KR"} <= set(codes(response))


def test_query_by_post_form(http: httpx.Client) -> None:
    response = http.post("/sparql", data={"query": SELECT})
    assert {"KZ", "UZ"} <= set(codes(response))


@pytest.mark.parametrize(
    "content_type",
    ["application/sparql-query", "application/sparql-query;charset=utf-8",
     "application/sparql-query; charset=UTF-8"],
)  # fmt: skip
def test_query_by_post_direct(http: httpx.Client, content_type: str) -> None:
    response = http.post("/sparql", content=SELECT.encode(), headers={"Content-Type": content_type})
    assert {"KZ", "UZ"} <= set(codes(response))


def test_unicode_in_a_query_survives_every_method(http: httpx.Client) -> None:
    query = 'SELECT ("Qazaqstan — Ўзбекистон" AS ?code) {}'
    by_get = http.get("/sparql", params={"query": query})
    by_form = http.post("/sparql", data={"query": query})
    by_body = http.post(
        "/sparql", content=query.encode(), headers={"Content-Type": "application/sparql-query"}
    )
    assert codes(by_get) == codes(by_form) == codes(by_body) == ["Qazaqstan — Ўзбекистон"]


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("text/plain", SELECT.encode()),
        (None, b"query=ASK%20%7B%7D"),
        ("application/json", b'{"query": "ASK {}"}'),
        ("application/sparql-query; charset=latin-1", b"ASK {}"),
    ],
)
def test_other_post_bodies_are_415(
    http: httpx.Client, content_type: str | None, body: bytes
) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    problem(http.post("/sparql", content=body, headers=headers), 415)


@pytest.mark.parametrize(
    "params",
    [
        [("query", "ASK {}"), ("query", "ASK {}")],
        [("query", "ASK {}"), ("update", "CLEAR ALL")],
        [("query", "")],
        [("query", "ASK {"), ("default-graph-uri", "not an iri")],
    ],
)
def test_malformed_requests_are_400(http: httpx.Client, params: list[tuple[str, str]]) -> None:
    problem(http.get("/sparql", params=params), 400)


def test_a_syntax_error_says_where(http: httpx.Client) -> None:
    body = problem(http.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p }"}), 400)
    assert body["code"] == "bad-query"
    assert "at 1:25:" in str(body["detail"])  # the engine's position in the text as sent


def test_non_utf8_form_is_400(http: httpx.Client) -> None:
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    problem(http.post("/sparql", content=b"query=ASK%20%7B%7D%FF", headers=headers), 400)


def test_other_methods_are_405(http: httpx.Client) -> None:
    for method in ("PUT", "DELETE", "PATCH"):
        response = http.request(method, "/sparql", params={"query": "ASK {}"})
        assert "GET" in problem(response, 405)["detail"] or response.headers.get("allow")


# -- content negotiation -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        (None, "application/sparql-results+json"),
        ("*/*", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("application/xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("text/csv;q=0.4, text/tab-separated-values;q=0.8", "text/tab-separated-values"),
        ("application/sparql-results+json;q=0.1, text/*;q=0.5", "text/csv"),
        ("text/html, */*;q=0.1", "application/sparql-results+json"),
    ],
)
def test_select_results_are_negotiated(
    http: httpx.Client, accept: str | None, media_type: str
) -> None:
    headers = {"Accept": accept} if accept else {}
    response = http.get("/sparql", params={"query": SELECT}, headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type
    assert "Accept" in response.headers["vary"]
    if media_type.endswith("xml"):
        ET.fromstring(response.content)
    if media_type == "text/csv":
        rows = list(csv.reader(io.StringIO(response.text)))
        assert rows[0] == ["code"] and ["KZ"] in rows


@pytest.mark.parametrize(
    ("accept", "media_type", "rdflib_format"),
    [
        (None, "text/turtle", "turtle"),
        ("*/*", "text/turtle", "turtle"),
        ("application/sparql-results+json,*/*;q=0.9", "text/turtle", "turtle"),
        ("application/n-triples", "application/n-triples", "nt"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("application/json", "application/ld+json", "json-ld"),
        ("application/turtle,text/turtle", "text/turtle", "turtle"),
        ("application/sparql-results+xml, application/rdf+xml", "application/rdf+xml", "xml"),
        (
            "text/turtle;q=0.2,application/n-triples;q=0.9,application/ld+json;q=0.8",
            "application/n-triples",
            "nt",
        ),
    ],
)
def test_graph_results_are_negotiated(
    http: httpx.Client, accept: str | None, media_type: str, rdflib_format: str
) -> None:
    headers = {"Accept": accept} if accept else {}
    response = http.get("/sparql", params={"query": CONSTRUCT}, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == media_type
    graph = rdflib.Graph().parse(data=response.content, format=rdflib_format)
    labels = {str(o) for o in graph.objects()}
    assert {"Kazakhstan", "Uzbekistan", "South Korea"} <= labels


def test_describe_gives_rdf(http: httpx.Client) -> None:
    response = http.get("/sparql", params={"query": f"DESCRIBE <{ARTS}>"})
    graph = rdflib.Graph().parse(data=response.content, format="turtle")
    assert (rdflib.URIRef(ARTS), None, None) in graph


def test_ask_in_json_and_xml(http: httpx.Client) -> None:
    query = f"ASK {{ GRAPH <{ARTS}> {{ ?s ?p ?o }} }}"
    assert http.get("/sparql", params={"query": query}).json()["boolean"] is True
    xml = http.get("/sparql", params={"query": query}, headers={"Accept": "application/xml"})
    assert "<boolean>true</boolean>" in xml.text


def test_format_parameter_wins_over_accept(http: httpx.Client) -> None:
    response = http.get("/sparql", params={"query": SELECT, "format": "csv"})
    assert response.headers["content-type"].startswith("text/csv")
    response = http.get("/sparql", params={"query": CONSTRUCT, "output": "xml"})
    assert response.headers["content-type"] == "application/rdf+xml"
    response = http.get("/sparql", params={"query": SELECT, "results": "nonsense"})
    assert response.headers["content-type"] == "application/sparql-results+json"


@pytest.mark.parametrize(
    ("query", "accept"),
    [(CONSTRUCT, "text/csv"), (SELECT, "text/turtle"), (SELECT, "application/json;q=0")],
)
def test_nothing_acceptable_is_406(http: httpx.Client, query: str, accept: str) -> None:
    body = problem(http.get("/sparql", params={"query": query}, headers={"Accept": accept}), 406)
    assert "accept one of" in str(body["hint"])


# -- dataset -------------------------------------------------------------------------------------


def test_default_graph_is_the_union_of_all_graphs(http: httpx.Client) -> None:
    query = (
        "SELECT (COUNT(DISTINCT ?a) AS ?n) "
        "WHERE { ?a a <https://w3id.org/cagraph/ontology#Article> }"
    )
    assert (
        http.get("/sparql", params={"query": query}).json()["results"]["bindings"][0]["n"]["value"]
        == "4"
    )


def test_protocol_dataset_replaces_the_union(http: httpx.Client) -> None:
    query = "SELECT DISTINCT ?a WHERE { ?a a <https://w3id.org/cagraph/ontology#Article> }"
    response = http.get("/sparql", params={"query": query, "default-graph-uri": ARTS})
    assert [b["a"]["value"] for b in response.json()["results"]["bindings"]] == [ARTS]
    named = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    response = http.get("/sparql", params={"query": named, "named-graph-uri": ARTS})
    assert [b["g"]["value"] for b in response.json()["results"]["bindings"]] == [ARTS]


def test_from_in_the_query_is_honoured_and_overridden_by_the_protocol(http: httpx.Client) -> None:
    query = f"ASK FROM <{ARTS}> {{ ?t a <https://w3id.org/cagraph/ontology#Treaty> }}"
    assert http.get("/sparql", params={"query": query}).json()["boolean"] is False
    treaty = "https://w3id.org/cagraph/id/article/allied-treaty"
    params = {"query": query, "default-graph-uri": treaty}
    assert http.get("/sparql", params=params).json()["boolean"] is True


def test_rdflib_default_graph_placeholder_means_the_default_dataset(http: httpx.Client) -> None:
    params = {"query": SELECT, "default-graph-uri": "urn:x-rdflib:default"}
    assert "KZ" in codes(http.get("/sparql", params=params))


# -- service description -------------------------------------------------------------------------


def test_plain_get_describes_the_service(http: httpx.Client) -> None:
    response = http.get("/sparql", headers={"Accept": "application/rdf+xml"})
    graph = rdflib.Graph().parse(data=response.content, format="xml")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    endpoint = str(http.base_url).rstrip("/") + "/sparql"
    assert (None, sd.endpoint, rdflib.URIRef(endpoint)) in graph
    languages = set(graph.objects(None, sd.supportedLanguage))
    assert languages == {sd.SPARQL11Query}  # no token: no updates
    formats = {str(f).rsplit("/", 1)[-1] for f in graph.objects(None, sd.resultFormat)}
    assert {"SPARQL_Results_JSON", "SPARQL_Results_CSV", "Turtle", "JSON-LD"} <= formats


# -- updates -------------------------------------------------------------------------------------

INSERT = "INSERT DATA { GRAPH <urn:x-test:scratch> { <urn:x-test:s> <urn:x-test:p> 'o' } }"
SCRATCH = "ASK { GRAPH <urn:x-test:scratch> { <urn:x-test:s> <urn:x-test:p> 'o' } }"


@pytest.mark.parametrize("way", ["form", "direct", "get", "query-param"])
def test_read_only_service_refuses_updates(http: httpx.Client, way: str) -> None:
    if way == "form":
        response = http.post("/sparql", data={"update": INSERT}, headers=AUTH)
    elif way == "direct":
        headers = {**AUTH, "Content-Type": "application/sparql-update"}
        response = http.post("/sparql", content=INSERT.encode(), headers=headers)
    elif way == "get":
        response = http.get("/sparql", params={"update": INSERT})
    else:
        response = http.get("/sparql", params={"query": INSERT})
    assert 400 <= response.status_code < 500
    problem(response, response.status_code)
    if way in ("form", "direct"):
        assert response.status_code == 403
    assert http.get("/sparql", params={"query": SCRATCH}).json()["boolean"] is False


@pytest.mark.parametrize(
    "authorization", [None, "Bearer wrong", f"Basic {TOKEN}", "Bearer", f"bearer  {TOKEN}x"]
)
def test_updates_need_the_token(writable: httpx.Client, authorization: str | None) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    response = writable.post("/sparql", data={"update": INSERT}, headers=headers)
    assert problem(response, 401)["code"] == "unauthorized"
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert writable.get("/sparql", params={"query": SCRATCH}).json()["boolean"] is False


def test_an_update_with_the_token_is_applied(writable: httpx.Client) -> None:
    assert writable.post("/sparql", data={"update": INSERT}, headers=AUTH).status_code == 204
    assert writable.get("/sparql", params={"query": SCRATCH}).json()["boolean"] is True
    drop = "DROP GRAPH <urn:x-test:scratch>"
    headers = {**AUTH, "Content-Type": "application/sparql-update; charset=UTF-8"}
    assert writable.post("/sparql", content=drop.encode(), headers=headers).status_code == 204
    assert writable.get("/sparql", params={"query": SCRATCH}).json()["boolean"] is False


def test_an_update_that_changes_articles_refreshes_the_ties(writable: httpx.Client) -> None:
    before = writable.get("/countries/KZ/ties").json()["partners"]
    assert "KR" in {p["country"]["code"] for p in before}
    drop = "DROP GRAPH <https://w3id.org/cagraph/id/article/kz-kr-minerals>"
    assert writable.post("/sparql", data={"update": drop}, headers=AUTH).status_code == 204
    after = writable.get("/countries/KZ/ties").json()["partners"]
    assert "KR" not in {p["country"]["code"] for p in after}


def test_a_malformed_update_is_400(writable: httpx.Client) -> None:
    response = writable.post("/sparql", data={"update": "CLEAR XYZ"}, headers=AUTH)
    assert problem(response, 400)["code"] == "bad-query"


def test_service_description_lists_updates_when_writable(writable: httpx.Client) -> None:
    text = writable.get("/sparql", headers={"Accept": "application/n-triples"}).text
    assert "sparql-service-description#SPARQL11Update" in text


# -- reaching outside ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { service ?x { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE SILENT <https://query.wikidata.org/sparql> { ?s ?p ?o } }",
    ],
)
def test_service_is_refused(http: httpx.Client, query: str) -> None:
    body = problem(http.get("/sparql", params={"query": query}), 403)
    assert body["code"] == "external-access-disabled"


@pytest.mark.parametrize(
    "update", ["LOAD <http://127.0.0.1:9/data.ttl>", "LOAD <file:///etc/passwd> INTO GRAPH <urn:x>"]
)
def test_load_is_refused_even_with_the_token(writable: httpx.Client, update: str) -> None:
    response = writable.post("/sparql", data={"update": update}, headers=AUTH)
    assert problem(response, 403)["code"] == "external-access-disabled"


def test_the_words_service_and_load_in_data_are_fine(http: httpx.Client) -> None:
    query = 'SELECT ?x WHERE { BIND("SERVICE LOAD" AS ?x) } # SERVICE <http://x>'
    response = http.get("/sparql", params={"query": query})
    assert response.status_code == 200
    assert json.loads(response.text)["results"]["bindings"][0]["x"]["value"] == "SERVICE LOAD"
