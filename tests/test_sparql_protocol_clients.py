"""Real SPARQL clients against /sparql: every recorded request shape replayed, and the clients
themselves (SPARQLWrapper, rdflib's SPARQLStore/SPARQLUpdateStore, YASGUI's requests).

``../shared/conformance/clients-observed/requests.jsonl`` records what SPARQLWrapper, rdflib,
Jena, curl and YASGUI send (method, Accept, Content-Type, parameter names, body kind). Each line
is replayed with a query that fits it, against a server with a token (the recorded updates are
sent with it), and must get a 2xx answer in a format the request accepts.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore
from SPARQLWrapper import CSV, JSON, JSONLD, TSV, TURTLE, XML, SPARQLWrapper
from test_api_support import CONFORMANCE, TOKEN, LiveServer, build_store, settings_for

pytestmark = pytest.mark.server

RECORDED = CONFORMANCE / "clients-observed" / "requests.jsonl"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTS = "https://w3id.org/cagraph/id/article/arts-memo"
SELECT = (
    "PREFIX cag: <https://w3id.org/cagraph/ontology#> "
    "SELECT ?code WHERE { ?c cag:isoCode ?code } ORDER BY ?code"
)
CONSTRUCT = (
    "PREFIX cag: <https://w3id.org/cagraph/ontology#> "
    "CONSTRUCT { ?c cag:isoCode ?code } WHERE { ?c cag:isoCode ?code }"
)
GRAPH_TYPES = (
    "text/turtle", "application/turtle", "application/n-triples", "application/rdf+xml",
    "application/ld+json", "application/x-json+ld",
)  # fmt: skip
RDFLIB_FORMATS = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    folder = build_store(tmp_path_factory.mktemp("clients") / "store")
    with LiveServer(settings_for(folder, token=TOKEN)) as live:
        yield live


@pytest.fixture(scope="module")
def endpoint(server: LiveServer) -> str:
    return server.url + "/sparql"


# -- replaying the recorded requests -------------------------------------------------------------


def recorded() -> list[Any]:
    lines = [json.loads(line) for line in RECORDED.read_text().splitlines() if line.strip()]
    return [
        pytest.param(r, id=f"{i:02d}-{r['tool'].split()[0]}-{r['method']}-{r['body_kind']}")
        for i, r in enumerate(lines)
    ]


def _first_type(accept: str | None) -> str:
    return (accept or "*/*").split(",")[0].split(";")[0].strip()


def _format_value(accept: str | None) -> str:
    """What SPARQLWrapper puts in format=/output=/results= for this Accept."""
    first = _first_type(accept)
    for needle, value in (
        ("ld+json", "json-ld"), ("turtle", "turtle"), ("rdf+xml", "xml"), ("json", "json"),
        ("xml", "xml"), ("csv", "csv"), ("tab-separated", "tsv"),
    ):  # fmt: skip
        if needle in first:
            return value
    return "json"


def _queries(record: dict[str, Any]) -> list[str]:
    """The queries a recorded request shape is replayed with."""
    kind = record["content_type"] or ""
    if "sparql-update" in kind:
        return ["INSERT DATA { GRAPH <urn:x-test:replay> { <urn:x-test:s> <urn:x-test:p> 1 } }"]
    accept = record["accept"]
    if _first_type(accept) in GRAPH_TYPES:
        return [CONSTRUCT]
    if accept is None or "*/*" in _first_type(accept) or "rdf+xml" in accept:
        return [SELECT, CONSTRUCT]  # this client sends the same Accept for every query form
    return [SELECT]


def _request(record: dict[str, Any], text: str) -> dict[str, Any]:
    headers = dict(AUTH)
    if record["accept"] is not None:
        headers["Accept"] = record["accept"]
    if record["content_type"] is not None:
        headers["Content-Type"] = record["content_type"]
    params: list[tuple[str, str]] = []
    for name in record["query_params"]:
        if name == "query":
            params.append(("query", text))
        elif name in ("format", "output", "results"):
            params.append((name, _format_value(record["accept"])))
        elif name == "default-graph-uri":
            graph = "urn:x-rdflib:default" if record["tool"].startswith("rdflib") else ARTS
            params.append((name, graph))
    content: bytes | None = None
    if record["body_kind"] == "form":
        content = httpx.QueryParams({"query": text}).__str__().encode()
    elif record["body_kind"] == "sparql":
        content = text.encode()
    return {"method": record["method"], "params": params, "headers": headers, "content": content}


def _accepted(accept: str | None, media_type: str) -> bool:
    if accept is None:
        return True
    ranges = [r.split(";")[0].strip() for r in accept.split(",")]
    main = media_type.split("/")[0]
    aliases = {"application/ld+json": "application/json", "application/rdf+xml": "application/xml"}
    return any(r in (media_type, f"{main}/*", "*/*", aliases.get(media_type)) for r in ranges)


def _parses(response: httpx.Response) -> None:
    media = response.headers["content-type"].split(";")[0]
    if media == "application/sparql-results+json":
        json.loads(response.text)
    elif media == "application/sparql-results+xml":
        ET.fromstring(response.content)
    elif media in ("text/csv", "text/tab-separated-values"):
        assert response.text.splitlines()[0]
    else:
        rdflib.Graph().parse(data=response.content, format=RDFLIB_FORMATS[media])


@pytest.mark.parametrize("record", recorded())
def test_recorded_client_request_succeeds(server: LiveServer, record: dict[str, Any]) -> None:
    with server.client() as client:
        for text in _queries(record):
            response = client.request(url="/sparql", **_request(record, text))
            assert 200 <= response.status_code < 300, response.text
            if response.status_code == 204:
                continue
            media = response.headers["content-type"].split(";")[0]
            format_param = any(n in record["query_params"] for n in ("format", "output"))
            assert format_param or _accepted(record["accept"], media), media
            _parses(response)


def test_every_recorded_request_is_replayed() -> None:
    assert len(recorded()) == len(RECORDED.read_text().strip().splitlines()) == 29


# -- SPARQLWrapper -------------------------------------------------------------------------------


def _wrapper(endpoint: str, fmt: str, method: str = "GET") -> SPARQLWrapper:
    sparql = SPARQLWrapper(endpoint)
    sparql.setReturnFormat(fmt)
    sparql.setMethod(method)
    return sparql


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_select_json_and_xml(endpoint: str, method: str) -> None:
    sparql = _wrapper(endpoint, JSON, method)
    sparql.setQuery(SELECT)
    rows = sparql.queryAndConvert()["results"]["bindings"]  # type: ignore[index]
    assert {"KZ", "UZ", "EU", "KR"} <= {r["code"]["value"] for r in rows}
    sparql = _wrapper(endpoint, XML, method)
    sparql.setQuery(SELECT)
    document = sparql.queryAndConvert()
    assert "KZ" in document.toxml()  # type: ignore[union-attr]


@pytest.mark.parametrize("fmt", [CSV, TSV])
def test_sparqlwrapper_select_csv_tsv(endpoint: str, fmt: str) -> None:
    sparql = _wrapper(endpoint, fmt)
    sparql.setQuery(SELECT)
    text = sparql.queryAndConvert().decode()  # type: ignore[union-attr]
    delimiter = "," if fmt == CSV else "\t"
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    assert rows[0] in (["code"], ["?code"]) and ["KZ"] in rows


def test_sparqlwrapper_ask(endpoint: str) -> None:
    sparql = _wrapper(endpoint, JSON)
    sparql.setQuery(f"ASK {{ GRAPH <{ARTS}> {{ ?s ?p ?o }} }}")
    assert sparql.queryAndConvert()["boolean"] is True  # type: ignore[index]


@pytest.mark.parametrize("fmt", [TURTLE, XML, JSONLD])
def test_sparqlwrapper_construct(endpoint: str, fmt: str) -> None:
    sparql = _wrapper(endpoint, fmt)
    sparql.setQuery(CONSTRUCT)
    graph = sparql.queryAndConvert()
    if not isinstance(graph, rdflib.Graph):
        graph = rdflib.Graph().parse(data=graph, format="turtle")
    codes = {str(o) for o in graph.objects()}
    assert {"KZ", "UZ"} <= codes


def test_sparqlwrapper_update_with_a_bearer_token(endpoint: str) -> None:
    sparql = SPARQLWrapper(endpoint)
    sparql.setMethod("POST")
    sparql.addCustomHttpHeader("Authorization", f"Bearer {TOKEN}")
    sparql.setQuery("INSERT DATA { GRAPH <urn:x-test:wrapper> { <urn:x:s> <urn:x:p> 'w' } }")
    sparql.query()
    check = _wrapper(endpoint, JSON)
    check.setQuery("ASK { GRAPH <urn:x-test:wrapper> { <urn:x:s> <urn:x:p> 'w' } }")
    assert check.queryAndConvert()["boolean"] is True  # type: ignore[index]


# -- rdflib --------------------------------------------------------------------------------------


def test_rdflib_sparqlstore_queries(endpoint: str) -> None:
    graph = rdflib.Graph(SPARQLStore(endpoint))
    rows = list(graph.query(SELECT))
    assert {"KZ", "UZ"} <= {str(r[0]) for r in rows}  # type: ignore[index]
    built = graph.query(CONSTRUCT).graph
    assert built is not None and len(built) >= 4
    ask = graph.query(f"ASK {{ GRAPH <{ARTS}> {{ ?s ?p ?o }} }}")
    assert ask.askAnswer is True


def test_rdflib_sparqlstore_triples(endpoint: str) -> None:
    graph = rdflib.Graph(SPARQLStore(endpoint))
    label = rdflib.URIRef("http://www.w3.org/2004/02/skos/core#prefLabel")
    kz = rdflib.URIRef("https://w3id.org/cagraph/id/country/KZ")
    assert rdflib.Literal("Kazakhstan") in set(graph.objects(kz, label))


def test_rdflib_sparqlupdatestore_adds_with_a_bearer_token(endpoint: str) -> None:
    store = SPARQLUpdateStore(endpoint, endpoint, headers=dict(AUTH))
    graph = rdflib.Graph(store, identifier=rdflib.URIRef("urn:x-test:rdflib"))
    triple = (rdflib.URIRef("urn:x:a"), rdflib.URIRef("urn:x:b"), rdflib.Literal("c"))
    graph.add(triple)
    reader = rdflib.Graph(SPARQLStore(endpoint))
    ask = reader.query("ASK { GRAPH <urn:x-test:rdflib> { <urn:x:a> <urn:x:b> 'c' } }")
    assert ask.askAnswer is True


# -- YASGUI (browser) ----------------------------------------------------------------------------


def test_yasgui_form_post_with_cors(server: LiveServer) -> None:
    origin = {"Origin": "http://yasgui.example"}
    with server.client() as client:
        preflight = client.options(
            "/sparql",
            headers={
                **origin,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type, authorization",
            },
        )
        assert preflight.status_code == 200
        assert "POST" in preflight.headers["access-control-allow-methods"]
        response = client.post(
            "/sparql",
            data={"query": SELECT},
            headers={**origin, "Accept": "application/sparql-results+json,*/*;q=0.9"},
        )
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"
    assert response.headers["content-type"] == "application/sparql-results+json"
