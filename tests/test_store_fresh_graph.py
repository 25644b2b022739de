"""A graph stored for the first time goes in through the fast path and ends up the same."""

from __future__ import annotations

from datetime import UTC, datetime

import pyoxigraph as ox

from cagraph.store import GraphMeta, open_store

G = "https://w3id.org/cagraph/id/article/fresh"
META = GraphMeta(
    article_id="fresh",
    content_hash="abc",
    extractor_version="v1",
    built_at=datetime(2025, 1, 1, tzinfo=UTC),
)


def _quads(n: int) -> list[ox.Quad]:
    ex = "https://example.org/"
    return [
        ox.Quad(ox.NamedNode(f"{ex}s{i}"), ox.NamedNode(f"{ex}p"), ox.Literal(str(i)))
        for i in range(n)
    ]


def test_first_write_and_rewrite_of_a_graph_store_the_same_quads(tmp_path):
    first = open_store(tmp_path / "a")
    first.replace_graph(G, _quads(50), META)  # fast path: nothing stored yet
    second = open_store(tmp_path / "b")
    second.replace_graph(G, _quads(3), META)
    second.replace_graph(G, _quads(50), META)  # update path: replaces what is there
    assert first.dump("nquads") == second.dump("nquads")
    assert first.article_hashes() == {"fresh": "abc"}
    assert first.count(G) == 50


def test_rewriting_after_a_fast_first_write_leaves_no_stale_quad(tmp_path):
    store = open_store(tmp_path / "s")
    store.replace_graph(G, _quads(50), META)
    store.replace_graph(G, _quads(5), META)
    assert store.count(G) == 5
