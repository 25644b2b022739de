"""The Store interface, run against the embedded store and a real Oxigraph server."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Triple, parse
from test_store_support import (  # noqa: F401  (oxigraph_url is a fixture)
    EX,
    G1,
    G2,
    STORE_DATA,
    meta,
    oxigraph_url,
    triples,
)

from cagraph.errors import InputError, NotFoundError, QueryError, QueryLimitError, StoreError
from cagraph.store import META_GRAPH, EmbeddedStore, NewGraph, RemoteStore, Store, open_store

RDFS_LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")


@pytest.fixture(params=["embedded", pytest.param("remote", marks=pytest.mark.server)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """A fresh, empty read-write store of each kind."""
    if request.param == "embedded":
        opened: Store = open_store(tmp_path / "store", timeout_s=5, row_cap=1000)
    else:
        url = request.getfixturevalue("oxigraph_url")
        opened = open_store(url, timeout_s=5, row_cap=1000)
        opened.update("DROP ALL")
    yield opened
    opened.close()


def values(store: Store, graph: str) -> set[str]:
    rows = store.query(f"SELECT ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}").rows
    return {r[0].value for r in rows if r[0] is not None}


def canonical(store: Store) -> list[str]:
    return sorted(store.dump("nquads").decode().splitlines())


# -- article graphs and bookkeeping ----------------------------------------------------------


def test_replace_graph_swaps_old_content_for_new(store: Store) -> None:
    store.replace_graph(G1, triples("old", 3), meta("article-1", "hash-a"))
    store.replace_graph(G1, triples("new", 2), meta("article-1", "hash-b"))
    assert store.count(G1) == 2
    assert values(store, G1) == {"new 0", "new 1"}
    assert store.article_hashes() == {"article-1": "hash-b"}


def test_replace_graph_leaves_other_graphs_alone(store: Store) -> None:
    store.replace_graph(G1, triples("one", 3), meta("article-1"))
    store.replace_graph(G2, triples("two", 4), meta("article-2"))
    store.replace_graph(G1, triples("uno", 1), meta("article-1"))
    assert store.count(G2) == 4
    assert values(store, G2) == {f"two {i}" for i in range(4)}


def test_replace_graph_puts_every_quad_into_the_named_graph(store: Store) -> None:
    other = NamedNode(EX + "elsewhere")
    quads = [Quad(t.subject, t.predicate, t.object, other) for t in triples("q", 2)]
    store.replace_graph(G1, quads, meta("article-1"))
    assert store.count(G1) == 2
    assert store.graphs() == [G1]


def test_meta_records_hash_version_and_build_time(store: Store) -> None:
    given = meta("article-1", "abc123")
    store.replace_graph(G1, triples("a", 1), given)
    assert store.meta() == {G1: given}


def test_article_hashes_list_every_article(store: Store) -> None:
    store.replace_graph(G1, triples("a", 1), meta("article-1", "h1"))
    store.replace_graph(G2, triples("b", 1), meta("article-2", "h2"))
    assert store.article_hashes() == {"article-1": "h1", "article-2": "h2"}


def test_drop_graph_removes_the_graph_and_its_meta(store: Store) -> None:
    store.replace_graph(G1, triples("a", 2), meta("article-1"))
    store.replace_graph(G2, triples("b", 2), meta("article-2"))
    store.drop_graph(G1)
    assert store.graphs() == [G2]
    assert store.count(G1) == 0
    assert store.article_hashes() == {"article-2": "sha-1"}


def test_remove_article_drops_its_graph_and_meta_together(store: Store) -> None:
    store.replace_graph(G1, triples("a", 2), meta("article-1"))
    store.replace_graph(G2, triples("b", 2), meta("article-2"))
    assert store.remove_article("article-1") == [G1]
    assert store.graphs() == [G2]
    assert store.article_hashes() == {"article-2": "sha-1"}


def test_remove_unknown_article_raises_not_found_and_changes_nothing(store: Store) -> None:
    store.replace_graph(G1, triples("a", 2), meta("article-1"))
    before = canonical(store)
    with pytest.raises(NotFoundError, match="no-such-article"):
        store.remove_article("no-such-article")
    assert canonical(store) == before


def test_graphs_hide_the_bookkeeping_graph_unless_asked(store: Store) -> None:
    store.replace_graph(G1, triples("a", 1), meta("article-1"))
    assert store.graphs() == [G1]
    assert store.graphs(include_meta=True) == sorted([G1, META_GRAPH])


def test_bookkeeping_graph_cannot_be_replaced_directly(store: Store) -> None:
    with pytest.raises(InputError, match="bookkeeping"):
        store.replace_graph(META_GRAPH, triples("a", 1), meta("x"))


def test_invalid_graph_iri_is_refused(store: Store) -> None:
    with pytest.raises(InputError, match="not a valid graph IRI"):
        store.replace_graph("not an iri", triples("a", 1), meta("x"))


def test_count_without_graph_counts_every_quad(store: Store) -> None:
    store.replace_graph(G1, triples("a", 3), meta("article-1"))
    store.update(f'INSERT DATA {{ <{EX}s> <{EX}p> "in the default graph" }}')
    assert store.count() == 3 + 4 + 1  # data, four bookkeeping triples, default graph


def test_literals_with_quotes_braces_and_escapes_survive_a_replace(store: Store) -> None:
    nasty = 'say "hi" } ; DROP ALL # \\u0022 \n\t é ☃'
    quads = [Triple(NamedNode(EX + "s"), RDFS_LABEL, Literal(nasty, language="en"))]
    store.replace_graph(G1, quads, meta("article-1"))
    assert values(store, G1) == {nasty}


# -- queries ---------------------------------------------------------------------------------


def test_query_kinds_are_reported(store: Store) -> None:
    store.replace_graph(G1, triples("a", 2), meta("article-1"))
    select = store.query("SELECT ?s ?o WHERE { ?s <http://example.org/value> ?o }")
    assert (select.kind, select.variables, len(select.rows)) == ("select", ("s", "o"), 2)
    assert store.query("ASK { ?s ?p 'a 1' }").boolean is True
    construct = store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert construct.kind == "construct"
    assert len(construct.triples) == 2 + 4
    describe = store.query(f"DESCRIBE <{EX}a/0>")
    assert describe.kind == "describe"
    assert len(describe.triples) == 1


def test_default_graph_is_the_union_of_named_graphs(store: Store) -> None:
    store.replace_graph(G1, triples("a", 2), meta("article-1"))
    store.replace_graph(G2, triples("b", 3), meta("article-2"))
    result = store.query(f"SELECT ?o WHERE {{ ?s <{EX}value> ?o }}")
    assert len(result.rows) == 5


def test_bindings_restrict_projected_and_unprojected_variables(store: Store) -> None:
    store.replace_graph(G1, triples("a", 3), meta("article-1"))
    subject = NamedNode(EX + "a/1")
    star = store.query("SELECT * WHERE { ?s ?p ?o }", bindings={"s": subject})
    assert [b["o"].value for b in star.bindings()] == ["a 1"]
    hidden = store.query("SELECT ?o WHERE { ?s ?p ?o }", bindings={"s": subject})
    assert hidden.rows == ((Literal("a 1"),),)
    counted = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", bindings={"?s": subject})
    assert counted.rows[0][0] == Literal("1", datatype=NamedNode(XSD_INTEGER))
    assert store.query("ASK { ?s ?p ?o }", bindings={"o": "a 2"}).boolean is True
    assert store.query("ASK { ?s ?p ?o }", bindings={"o": "a 9"}).boolean is False
    graph = store.query("CONSTRUCT WHERE { ?s ?p ?o }", bindings={"s": subject})
    assert len(graph.triples) == 1


XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"


def test_binding_values_cannot_inject_sparql(store: Store) -> None:
    attack = '" } } ; DROP ALL ; SELECT * { ?s ?p "'
    store.replace_graph(G1, [Triple(NamedNode(EX + "x"), RDFS_LABEL, Literal(attack))], meta("a"))
    store.replace_graph(G2, triples("b", 2), meta("b"))
    found = store.query("SELECT ?s WHERE { ?s ?p ?label }", bindings={"label": attack})
    assert found.rows == ((NamedNode(EX + "x"),),)
    assert store.count(G2) == 2


def test_bad_binding_name_is_a_query_error(store: Store) -> None:
    with pytest.raises(QueryError, match="variable name"):
        store.query("SELECT * WHERE { ?s ?p ?o }", bindings={"s } DROP ALL": "x"})


def test_malformed_query_raises_query_error_with_the_parser_message(store: Store) -> None:
    with pytest.raises(QueryError, match=r"1:\d+") as caught:
        store.query("SELEC ?s WHERE { ?s ?p ?o }")
    assert not isinstance(caught.value, QueryLimitError)


def test_update_applies_and_a_malformed_one_changes_nothing(store: Store) -> None:
    store.update(f"INSERT DATA {{ GRAPH <{G1}> {{ <{EX}s> <{EX}p> <{EX}o> }} }}")
    assert store.count(G1) == 1
    with pytest.raises(QueryError):
        store.update(f"INSERT DATA {{ GRAPH <{G1}> {{ <{EX}s2> <{EX}p> <{EX}o> }} }} ; DROP ALLL")
    assert store.count(G1) == 1


def test_row_cap_raises_instead_of_truncating(store: Store) -> None:
    store.replace_graph(G1, triples("a", 10), meta("article-1"))
    query = f"SELECT ?s WHERE {{ ?s <{EX}value> ?o }}"
    assert len(store.query(query, row_cap=10).rows) == 10
    with pytest.raises(QueryLimitError, match="more than 9 rows"):
        store.query(query, row_cap=9)
    with pytest.raises(QueryLimitError):
        store.query(f"CONSTRUCT WHERE {{ ?s <{EX}value> ?o }}", row_cap=3)


SLOW = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f "
    "FILTER(STR(?b) < STR(?d) && STR(?d) < STR(?f)) }"
)


def test_slow_query_is_stopped_at_the_time_limit_while_others_are_served(store: Store) -> None:
    store.replace_graph(G1, triples("a", 250), meta("article-1"))  # ~2 s unlimited
    outcome: dict[str, object] = {}

    def slow() -> None:
        started = time.monotonic()
        try:
            store.query(SLOW, timeout_s=0.5)
        except QueryLimitError as exc:
            outcome["error"] = exc
        outcome["seconds"] = time.monotonic() - started

    worker = threading.Thread(target=slow)
    worker.start()
    time.sleep(0.1)
    started = time.monotonic()
    assert store.query("ASK { ?s ?p 'a 7' }").boolean is True
    quick = time.monotonic() - started
    worker.join(timeout=10)
    assert isinstance(outcome.get("error"), QueryLimitError)
    assert "time limit" in str(outcome["error"])
    assert 0.4 < float(str(outcome["seconds"])) < 1.5
    assert quick < 0.4


# -- load, dump, conversion ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["sample.ttl", "sample.nt", "sample.rdf", "sample.jsonld"])
def test_load_triple_files_into_a_named_graph(store: Store, name: str) -> None:
    assert store.load(STORE_DATA / name, graph=G1) == 4
    assert store.count(G1) == 4
    labels = store.query(f"SELECT ?l WHERE {{ ?c <{RDFS_LABEL.value}> ?l }} ORDER BY ?l").rows
    assert [r[0] for r in labels] == [
        Literal("Kazakhstan", language="en"),
        Literal("Uzbekistan", language="en"),
    ]


@pytest.mark.parametrize("name", ["sample.trig", "sample.nq"])
def test_load_dataset_files_keeps_their_graphs(store: Store, name: str) -> None:
    assert store.load(STORE_DATA / name) == 4
    assert store.graphs() == [EX + "g1", EX + "g2"]
    assert store.count(EX + "g1") == 2


@pytest.mark.parametrize(
    ("name", "line"),
    [
        ("bad.ttl", 4),
        ("bad.nt", 4),
        ("bad.trig", 4),
        ("bad.nq", 4),
        ("bad.rdf", 5),
        ("bad.jsonld", 4),
    ],
)
def test_malformed_file_names_file_and_line_and_loads_nothing(
    store: Store, name: str, line: int
) -> None:
    store.replace_graph(G1, triples("a", 2), meta("article-1"))
    before = canonical(store)
    path = STORE_DATA / "bad" / name
    with pytest.raises(InputError) as caught:
        store.load(path, graph=G2)
    assert str(path) in str(caught.value)
    assert f"line {line}" in str(caught.value)
    assert canonical(store) == before


def test_unknown_extension_asks_for_a_format(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "data.txt"
    path.write_text("<http://a> <http://b> <http://c> .\n")
    with pytest.raises(InputError, match="--format"):
        store.load(path)
    assert store.load(path, fmt="ntriples", graph=G1) == 1


def test_dump_and_reload_reproduces_the_store(store: Store, tmp_path: Path) -> None:
    store.replace_graph(G1, triples("a", 3), meta("article-1"))
    store.load(STORE_DATA / "sample.trig")
    dump = tmp_path / "dump.nq"
    dump.write_bytes(store.dump("nquads"))
    copy = open_store(":memory:")
    copy.load(dump)
    assert canonical(copy) == canonical(store)


def test_dump_one_graph_in_a_triple_format(store: Store) -> None:
    store.replace_graph(G1, triples("a", 3), meta("article-1"))
    parsed = list(parse(store.dump("turtle", graph=G1), RdfFormat.TURTLE))
    assert len(parsed) == 3
    assert store.dump("ntriples", graph=EX + "missing") == b""
    with pytest.raises(InputError, match="name the graph"):
        store.dump("turtle")


def test_to_rdflib_holds_the_same_quads(store: Store) -> None:
    store.replace_graph(G1, triples("a", 3), meta("article-1"))
    dataset = store.to_rdflib()
    assert len(list(dataset.quads((None, None, None, None)))) == store.count()
    assert len(dataset.graph(G1)) == 3


def test_stats_count_data_graphs_articles_and_classes(store: Store) -> None:
    store.replace_graph(G1, triples("a", 3), meta("article-1"))
    store.load(STORE_DATA / "sample.ttl", graph=G2)
    stats = store.stats()
    assert (stats.triples, stats.graphs, stats.articles) == (7, 2, 1)
    assert stats.classes == {EX + "Country": 2}


def test_new_graphs_written_in_one_batch_equal_graphs_written_one_by_one(
    store: Store, tmp_path: Path
) -> None:
    g3 = EX + "graph/article-3"
    batch = [
        NewGraph(G1, triples("a", 3), meta("article-1", "h1")),
        NewGraph(G2, triples("b", 2), meta("article-2", "h2")),
        NewGraph(g3, [], meta("article-3", "h3")),  # an article that gave no statement
    ]
    store.write_new_graphs(batch)
    with open_store(tmp_path / "one-by-one") as single:
        for item in batch:
            single.replace_graph(item.graph, item.quads, item.meta)
        assert canonical(store) == canonical(single)
    assert store.meta() == {item.graph: item.meta for item in batch}
    assert values(store, G2) == {"b 0", "b 1"}


def test_a_batch_naming_a_stored_graph_replaces_it_and_leaves_no_stale_quad(store: Store) -> None:
    store.replace_graph(G1, triples("old", 5), meta("article-1", "old"))
    store.write_new_graphs(
        [
            NewGraph(G2, triples("b", 2), meta("article-2", "h2")),
            NewGraph(G1, triples("new", 1), meta("article-1", "new")),
        ]
    )
    assert values(store, G1) == {"new 0"}
    assert store.article_hashes() == {"article-1": "new", "article-2": "h2"}


def test_a_batch_naming_a_graph_twice_or_the_bookkeeping_graph_writes_nothing(
    store: Store,
) -> None:
    store.replace_graph(G1, triples("a", 2), meta("article-1"))
    before = canonical(store)
    twice = [
        NewGraph(G2, triples("b", 1), meta("article-2")),
        NewGraph(G2, triples("c", 1), meta("article-2", "other")),
    ]
    with pytest.raises(InputError, match="same graph twice"):
        store.write_new_graphs(twice)
    with pytest.raises(InputError, match="bookkeeping"):
        store.write_new_graphs(
            [NewGraph(G2, triples("b", 1), meta("b")), NewGraph(META_GRAPH, [], meta("x"))]
        )
    assert canonical(store) == before


# -- read-only -------------------------------------------------------------------------------


def test_read_only_store_refuses_every_write(store: Store, tmp_path: Path) -> None:
    store.replace_graph(G1, triples("a", 2), meta("article-1"))
    store.close()
    if isinstance(store, EmbeddedStore):
        reader: Store = open_store(tmp_path / "store", read_only=True)
    else:
        assert isinstance(store, RemoteStore)
        reader = open_store(store.spec, read_only=True)
    writes = [
        lambda: reader.replace_graph(G2, triples("b", 1), meta("b")),
        lambda: reader.write_new_graphs([NewGraph(G2, triples("b", 1), meta("b"))]),
        lambda: reader.drop_graph(G1),
        lambda: reader.remove_article("article-1"),
        lambda: reader.update("DROP ALL"),
        lambda: reader.load(STORE_DATA / "sample.ttl", graph=G2),
    ]
    for write in writes:
        with pytest.raises(StoreError, match="read-only"):
            write()
    assert reader.count(G1) == 2
    assert reader.article_hashes() == {"article-1": "sha-1"}
    reader.close()
