"""The remote store against a real `oxigraph serve`: reachability and endpoint errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_store_support import (  # noqa: F401  (oxigraph_url is a fixture)
    G1,
    free_port,
    meta,
    oxigraph_url,
    start_server,
    triples,
)

from cagraph.errors import StoreError
from cagraph.store import RemoteStore, open_store


def test_unreachable_url_names_the_url_and_says_what_to_check() -> None:
    url = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    with pytest.raises(StoreError) as caught:
        open_store(url)
    text = str(caught.value)
    assert url in text
    assert "server running" in text
    assert "--store" in text


@pytest.fixture
def server_url(request: pytest.FixtureRequest) -> str:
    return str(request.getfixturevalue("oxigraph_url"))


@pytest.mark.server
def test_wrong_endpoint_path_is_a_store_error(server_url: str) -> None:
    with pytest.raises(StoreError, match="endpoint paths"):
        RemoteStore(server_url, query_path="/no-such-endpoint")


@pytest.mark.server
def test_server_going_away_gives_store_errors_and_loses_nothing(tmp_path: Path) -> None:
    location = tmp_path / "server-data"
    proc, url = start_server(location)
    try:
        store = open_store(url)
        store.replace_graph(G1, triples("a", 5), meta("article-1", "h1"))
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    with pytest.raises(StoreError, match="server running"):
        store.count(G1)
    with pytest.raises(StoreError, match="server running"):
        store.replace_graph(G1, triples("b", 1), meta("article-1", "h2"))
    store.close()
    proc, url = start_server(location)
    try:
        with open_store(url, read_only=True) as again:
            assert again.count(G1) == 5
            assert again.article_hashes() == {"article-1": "h1"}
    finally:
        proc.terminate()
        proc.wait(timeout=10)
