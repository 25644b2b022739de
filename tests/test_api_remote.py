"""The service over a SPARQL server (a real ``oxigraph serve``) instead of an embedded store."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from test_api_support import LiveServer, build_store, free_socket, settings_for

pytestmark = pytest.mark.server

ARTS = "https://w3id.org/cagraph/id/article/arts-memo"


def _oxigraph() -> str | None:
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.exists() else shutil.which("oxigraph")


@pytest.fixture(scope="module")
def sparql_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    binary = _oxigraph()
    if binary is None:
        pytest.skip("the oxigraph server binary is not installed")
    sock = free_socket()
    port = sock.getsockname()[1]
    sock.close()
    location = tmp_path_factory.mktemp("oxigraph")
    args = [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(url + "/query", params={"query": "ASK {}"}, timeout=2)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise RuntimeError("oxigraph serve did not start") from None
                time.sleep(0.1)
        build_store(url)  # type: ignore[arg-type]
        yield url
    finally:
        process.kill()
        process.wait(10)


@pytest.fixture(scope="module")
def http(sparql_server: str) -> Iterator[httpx.Client]:
    with LiveServer(settings_for(sparql_server)) as server, server.client() as client:
        yield client


def test_rest_answers_from_a_sparql_server(http: httpx.Client) -> None:
    assert http.get("/health").json()["store"] == "remote"
    tie = http.get("/ties/KZ/UZ").json()
    assert "Memorandum of Cooperation" in [a["name"] for a in tie["agreements"]]
    partners = http.get("/countries/KZ/ties").json()["partners"]
    assert {p["country"]["code"] for p in partners} == {"UZ", "EU", "KR"}
    assert http.get("/entities", params={"q": "Toqaev"}).json()["items"][0]["name"] == (
        "Kassym-Jomart Tokayev"
    )


def test_sparql_datasets_reach_the_server(http: httpx.Client) -> None:
    treaty = "ASK { ?s a <https://w3id.org/cagraph/ontology#Treaty> }"
    assert http.get("/sparql", params={"query": treaty}).json()["boolean"] is True
    scoped = {"query": treaty, "default-graph-uri": ARTS}
    assert http.get("/sparql", params=scoped).json()["boolean"] is False
    own = f"ASK FROM <{ARTS}> {{ ?s a <https://w3id.org/cagraph/ontology#Treaty> }}"
    assert http.get("/sparql", params={"query": own}).json()["boolean"] is False
