"""The W3C SPARQL 1.1 test manifests in ../shared/conformance/w3c-sparql11, run against /sparql.

The runner reads the manifests with rdflib and sends every request exactly as written (method,
path and query string, headers, body in its character encoding) to a live server with an
in-memory store and a token; the manifests' ``/sparql/`` path prefix is replaced by ``/sparql``.
Every request carries the token, as an administrator's client would: the protocol's update
tests need write access, which this service grants only with it.

- protocol (34 tests): all must pass; ``ut:graphData`` graphs are loaded as named graphs first.
- service-description (3 tests): all must pass (the checks of kasei/sparql11-sdvalidator).
- json-res (4) and csv-tsv-res (6): result formats; each test's data is loaded into a named
  graph and the query asks for it as its default graph (``default-graph-uri``), since this
  service's own default graph is the union of all graphs, ontology and ties included. One is
  not passed, for a reason in the store engine (``ENGINE_LIMITS``): tsv03 expects an
  ``xsd:negativeInteger`` back, which Oxigraph stores as an ``xsd:integer``.
- graph-store-protocol (13 tests): deliberately not passed. cagraph does not implement the
  Graph Store HTTP Protocol (a separate recommendation, not in the service's scope): graphs are
  written through POST/DELETE /articles and SPARQL Update. They are listed as skipped, with
  that reason, so the count of what is not passed stays visible.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox
import pytest
import rdflib
from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.collection import Collection
from test_api_support import CONFORMANCE, TOKEN, LiveServer, settings_for

pytestmark = pytest.mark.server

W3C = CONFORMANCE / "w3c-sparql11"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
QT = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-query#")
HT = Namespace("http://www.w3.org/2011/http#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
SRX = "{http://www.w3.org/2005/sparql-results#}"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
DATA_GRAPH = "urn:x-cagraph-test:w3c-data"

ENGINE_LIMITS = {
    "tsv03": "Oxigraph stores an xsd:negativeInteger as an xsd:integer (it keeps integer values, "
    "not their derived datatype), so the TSV cannot give the datatype back",
}
NOT_PASSED = (
    "Graph Store HTTP Protocol: not implemented by design (graphs are written through "
    "POST/DELETE /articles and SPARQL Update)"
)

if not W3C.is_dir():
    pytest.skip("../shared/conformance is not beside the repo", allow_module_level=True)


# -- reading the manifests -----------------------------------------------------------------------


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    statuses: set[int]  # leading digits: {2, 3}
    fmt: str | None
    boolean: bool | None


@dataclass
class ProtocolTest:
    name: str
    requests: list[Request]
    graphs: list[tuple[Path, str]] = field(default_factory=list)


def _manifest(path: Path) -> Graph:
    base = "https://w3c.github.io/rdf-tests/sparql/sparql11/" + path.parent.name + "/"
    return Graph().parse(path, format="turtle", publicID=base + path.name)


def _entries(graph: Graph) -> list[URIRef]:
    head = next(graph.objects(None, MF.entries))
    return [URIRef(str(e)) for e in Collection(graph, head)]


def _local(graph: Graph, node: Any, base: Path) -> Path:
    return base / str(node).rsplit("/", 1)[-1]


def _request(graph: Graph, node: Any) -> Request:
    headers = {}
    head = graph.value(node, HT.headers)
    for h in Collection(graph, head) if head is not None else []:
        headers[str(graph.value(h, HT.fieldName))] = str(graph.value(h, HT.fieldValue))
    body = None
    content = graph.value(node, HT.body)
    if content is not None:
        encoding = str(graph.value(content, CNT.characterEncoding) or "UTF-8")
        body = str(graph.value(content, CNT.chars)).encode(encoding)
    resp = graph.value(node, HT.resp)
    statuses = {int(str(s)[-3]) for s in graph.objects(resp, MF.expectedStatus)}
    fmt = graph.value(resp, MF.expectedFormat)
    boolean = graph.value(resp, MF.expectedBoolean)
    path = str(graph.value(node, HT.absolutePath)).replace("/sparql/", "/sparql", 1)
    return Request(
        method=str(graph.value(node, HT.methodName)),
        path=path,
        headers=headers,
        body=body,
        statuses=statuses,
        fmt=str(fmt) if fmt is not None else None,
        boolean=bool(boolean.toPython()) if boolean is not None else None,
    )


def protocol_tests() -> list[ProtocolTest]:
    folder = W3C / "protocol"
    graph = _manifest(folder / "manifest.ttl")
    out = []
    for entry in _entries(graph):
        action = graph.value(entry, MF.action)
        requests = Collection(graph, graph.value(action, HT.requests))
        data = [
            (
                _local(graph, graph.value(d, UT.graph), folder),
                str(graph.value(d, rdflib.RDFS.label)),
            )
            for d in graph.objects(entry, UT.graphData)
        ]
        out.append(
            ProtocolTest(
                name=str(entry).rsplit("#", 1)[-1],
                requests=[_request(graph, r) for r in requests],
                graphs=data,
            )
        )
    return out


def result_tests(folder: str) -> list[Any]:
    """(name, query, data, expected result) of a result-format manifest; the tests the engine
    cannot pass are strict expected failures, with the reason."""
    base = W3C / folder
    graph = _manifest(base / "manifest.ttl")
    out = []
    for entry in _entries(graph):
        action = graph.value(entry, MF.action)
        name = str(entry).rsplit("#", 1)[-1]
        values = (
            name,
            _local(graph, graph.value(action, QT.query), base),
            _local(graph, graph.value(action, QT.data), base),
            _local(graph, graph.value(entry, MF.result), base),
        )
        marks = []
        if name in ENGINE_LIMITS:
            marks.append(pytest.mark.xfail(strict=True, reason=ENGINE_LIMITS[name]))
        out.append(pytest.param(*values, id=name, marks=marks))
    return out


def gsp_tests() -> list[str]:
    names = []
    for manifest in ("manifest-direct.ttl", "manifest-indirect.ttl"):
        graph = _manifest(W3C / "graph-store-protocol" / manifest)
        names += [str(e).rsplit("#", 1)[-1] for e in _entries(graph)]
    return names


# -- the server ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server() -> Iterator[LiveServer]:
    with LiveServer(settings_for(":memory:", token=TOKEN)) as live:
        yield live


@pytest.fixture(scope="module")
def http(server: LiveServer) -> Iterator[httpx.Client]:
    with server.client() as client:
        yield client


def update(http: httpx.Client, text: str) -> None:
    headers = {**AUTH, "Content-Type": "application/sparql-update"}
    response = http.post("/sparql", content=text.encode(), headers=headers)
    assert response.status_code == 204, response.text


def load(http: httpx.Client, graphs: list[tuple[Path, str]]) -> None:
    """Empty the store, then load each file into its named graph."""
    parts = ["DROP ALL"]
    for path, name in graphs:
        fmt = ox.RdfFormat.TURTLE if path.suffix == ".ttl" else ox.RdfFormat.N_TRIPLES
        quads = ox.parse(path=path, format=fmt, base_iri=path.resolve().as_uri())
        triples = (ox.serialize(quads, format=ox.RdfFormat.N_TRIPLES) or b"").decode()
        parts.append(f"INSERT DATA {{ GRAPH <{name}> {{ {triples} }} }}")
    update(http, " ;\n".join(parts))


# -- checking responses --------------------------------------------------------------------------


RDF_FORMATS = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
}


def parse_rdf(response: httpx.Response) -> Graph:
    kind = response.headers["content-type"].split(";")[0].strip()
    return Graph().parse(data=response.content, format=RDF_FORMATS[kind])


def _boolean(response: httpx.Response) -> bool:
    kind = response.headers["content-type"]
    if "json" in kind:
        return bool(response.json()["boolean"])
    root = ET.fromstring(response.content)
    found = root.find(f"{SRX}boolean")
    assert found is not None and found.text is not None, response.text
    return found.text.strip() == "true"


def _check_format(request: Request, response: httpx.Response) -> None:
    kind = response.headers["content-type"].split(";")[0].strip()
    if request.fmt == "boolean":
        assert kind in ("application/sparql-results+json", "application/sparql-results+xml")
        value = _boolean(response)
        if request.boolean is not None:
            assert value is request.boolean
    elif request.fmt == "tabular":
        assert kind in (
            "application/sparql-results+json",
            "application/sparql-results+xml",
            "text/csv",
            "text/tab-separated-values",
        )
        if "json" in kind:
            assert "vars" in response.json()["head"]
    elif request.fmt == "RDF":
        assert kind in ("application/rdf+xml", "text/turtle", "application/n-triples")
        parse_rdf(response)


@pytest.mark.parametrize("test", protocol_tests(), ids=lambda t: t.name)
def test_w3c_protocol(http: httpx.Client, test: ProtocolTest) -> None:
    load(http, test.graphs)
    for request in test.requests:
        response = http.request(
            request.method,
            request.path,
            headers={**request.headers, **AUTH},
            content=request.body,
        )
        assert response.status_code // 100 in request.statuses, (
            f"{request.method} {request.path}: {response.status_code} {response.text[:300]}"
        )
        if response.status_code // 100 == 2 and request.fmt is not None:
            _check_format(request, response)


def test_protocol_manifest_has_every_test() -> None:
    assert len(protocol_tests()) == 34


# -- service description -------------------------------------------------------------------------


def _description(http: httpx.Client) -> Graph:
    response = http.get("/sparql")
    assert response.status_code == 200
    return parse_rdf(response)


def test_w3c_service_description_returns_rdf(http: httpx.Client) -> None:
    graph = _description(http)
    assert (None, RDF.type, SD.Service) in graph


def test_w3c_service_description_has_endpoint_triple(
    http: httpx.Client, server: LiveServer
) -> None:
    graph = _description(http)
    assert (None, SD.endpoint, URIRef(server.url + "/sparql")) in graph


def test_w3c_service_description_conforms_to_schema(http: httpx.Client) -> None:
    graph = _description(http)
    named = list(graph.subjects(RDF.type, SD.NamedGraph))
    assert named
    assert all(graph.value(n, SD.name) is not None for n in named)


# -- result formats ------------------------------------------------------------------------------


def _bnodes_blank(value: str) -> str:
    return "_:" if value.startswith("_:") else value


def _json_rows(data: dict[str, Any]) -> tuple[list[str], list[dict[str, tuple[str, str, str]]]]:
    rows = []
    for binding in data["results"]["bindings"]:
        row = {}
        for var, term in binding.items():
            value = "_:" if term["type"] == "bnode" else term["value"]
            row[var] = (term["type"].replace("typed-literal", "literal"), value,
                        term.get("datatype", term.get("xml:lang", "")))  # fmt: skip
        rows.append(row)
    return data["head"]["vars"], rows


@pytest.mark.parametrize(("name", "query", "data", "expected"), result_tests("json-res"))
def test_w3c_json_results(
    http: httpx.Client, name: str, query: Path, data: Path, expected: Path
) -> None:
    load(http, [(data, DATA_GRAPH)])
    response = http.get(
        "/sparql",
        params={"query": query.read_text(), "default-graph-uri": DATA_GRAPH},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert response.status_code == 200, response.text
    want = json.loads(expected.read_text())
    got = response.json()
    if "boolean" in want:
        assert got["boolean"] is want["boolean"]
        return
    want_vars, want_rows = _json_rows(want)
    got_vars, got_rows = _json_rows(got)
    assert sorted(got_vars) == sorted(want_vars)
    assert got_rows == want_rows  # the queries ORDER BY every column


def _csv_rows(text: str) -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(text)))
    return rows[0], [[_bnodes_blank(c) for c in r] for r in rows[1:] if r]


def _tsv_term(cell: str) -> object:
    if not cell:
        return None
    if cell.startswith("_:"):
        return "_:"
    term = rdflib.util.from_n3(cell)
    if isinstance(term, rdflib.Literal) and term.datatype is not None:
        return (str(term.datatype), term.toPython())
    return term


def _tsv_rows(text: str) -> tuple[list[str], list[list[object]]]:
    lines = [line for line in text.replace("\r\n", "\n").split("\n") if line]
    header = [v.lstrip("?") for v in lines[0].split("\t")]
    return header, [[_tsv_term(c) for c in line.split("\t")] for line in lines[1:]]


def _by_header(header: list[str], rows: list[list[Any]], order: list[str]) -> list[list[Any]]:
    index = [header.index(v) for v in order]
    return [[row[i] if i < len(row) else None for i in index] for row in rows]


@pytest.mark.parametrize(("name", "query", "data", "expected"), result_tests("csv-tsv-res"))
def test_w3c_csv_tsv_results(
    http: httpx.Client, name: str, query: Path, data: Path, expected: Path
) -> None:
    load(http, [(data, DATA_GRAPH)])
    tsv = expected.suffix == ".tsv"
    response = http.get(
        "/sparql",
        params={"query": query.read_text(), "default-graph-uri": DATA_GRAPH},
        headers={"Accept": "text/tab-separated-values" if tsv else "text/csv"},
    )
    assert response.status_code == 200, response.text
    parse = _tsv_rows if tsv else _csv_rows
    want_head, want_rows = parse(expected.read_text())
    got_head, got_rows = parse(response.text)
    assert sorted(got_head) == sorted(want_head)  # column order of SELECT * is not fixed
    got = _by_header(got_head, got_rows, want_head)
    want = _by_header(want_head, want_rows, want_head)
    if "01" in name or "03" in name:  # SELECT * … ORDER BY ?s ?p ?o: same order
        assert got == want
    else:
        assert sorted(map(str, got)) == sorted(map(str, want))


# -- what is deliberately not passed -------------------------------------------------------------


@pytest.mark.parametrize("name", gsp_tests())
def test_w3c_graph_store_protocol(name: str) -> None:
    pytest.skip(NOT_PASSED)


def test_graph_store_manifests_list_thirteen_tests() -> None:
    assert len(gsp_tests()) == 13
