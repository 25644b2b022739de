"""QueryResult serializations: SPARQL results formats and RDF graph formats, read back."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest

from cagraph.errors import InputError
from cagraph.store import QueryResult, Store, open_store

EX = "http://example.org/"


@pytest.fixture(scope="module")
def store() -> Store:
    memory = open_store(":memory:")
    memory.update(
        f"""INSERT DATA {{ GRAPH <{EX}g> {{
        <{EX}kz> <{EX}name> "Kazakhstan"@en , "Қазақстан"@kk ;
                 <{EX}founded> 1991 ;
                 <{EX}partner> _:b1 .
        <{EX}uz> <{EX}name> "Uzbekistan, \\"UZ\\"\\ttab"@en .
        }} }}"""
    )
    return memory


SELECT = "SELECT ?s ?o ?missing WHERE { ?s ?p ?o } ORDER BY ?s ?o"


def rows_of(result: QueryResult) -> list[tuple[ox.NamedNode | ox.Literal | None, ...]]:
    return [tuple(None if isinstance(t, ox.BlankNode) else t for t in r) for r in result.rows]


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv"])
def test_select_results_read_back_identically(store: Store, fmt: str) -> None:
    result = store.query(SELECT)
    parsed = ox.parse_query_results(
        result.serialize(fmt), ox.QueryResultsFormat.from_extension(fmt)
    )
    assert isinstance(parsed, ox.QuerySolutions)
    assert [v.value for v in parsed.variables] == ["s", "o", "missing"]
    back = [tuple(None if isinstance(t, ox.BlankNode) else t for t in s) for s in parsed]
    assert back == rows_of(result)
    assert len(back) == 5


def test_select_as_csv_has_a_header_and_plain_values(store: Store) -> None:
    text = store.query(SELECT).serialize("csv").decode()
    table = list(csv.reader(io.StringIO(text)))
    assert table[0] == ["s", "o", "missing"]
    assert [EX + "uz", 'Uzbekistan, "UZ"\ttab', ""] in table


def test_json_results_follow_the_sparql_json_shape(store: Store) -> None:
    data = json.loads(store.query(SELECT).serialize("json"))
    bindings = data["results"]["bindings"]
    assert data["head"]["vars"] == ["s", "o", "missing"]
    objects = [b["o"] for b in bindings]
    assert bindings[0]["s"] == {"type": "uri", "value": EX + "kz"}
    assert {"type": "literal", "value": "Kazakhstan", "xml:lang": "en"} in objects
    assert {
        "type": "literal",
        "value": "1991",
        "datatype": "http://www.w3.org/2001/XMLSchema#integer",
    } in objects
    assert [o["type"] for o in objects].count("bnode") == 1
    assert all("missing" not in b for b in bindings)


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_ask_serializes_in_every_results_format(store: Store, fmt: str) -> None:
    assert b"true" in store.query(f"ASK {{ <{EX}kz> ?p ?o }}").serialize(fmt)
    assert b"false" in store.query(f"ASK {{ <{EX}tj> ?p ?o }}").serialize(fmt)


@pytest.mark.parametrize(
    ("fmt", "rdf_format"),
    [
        ("turtle", ox.RdfFormat.TURTLE),
        ("ntriples", ox.RdfFormat.N_TRIPLES),
        ("rdfxml", ox.RdfFormat.RDF_XML),
        ("jsonld", ox.RdfFormat.JSON_LD),
        ("text/turtle", ox.RdfFormat.TURTLE),
    ],
)
def test_construct_reads_back_as_the_same_triples(
    store: Store, fmt: str, rdf_format: ox.RdfFormat
) -> None:
    result = store.query(f"CONSTRUCT WHERE {{ ?s <{EX}name> ?o }}")
    back = {(q.subject, q.predicate, q.object) for q in ox.parse(result.serialize(fmt), rdf_format)}
    assert back == {(t.subject, t.predicate, t.object) for t in result.triples}
    assert len(back) == 3
    assert result.media_type(fmt) == rdf_format.media_type


def test_unknown_formats_are_input_errors(store: Store) -> None:
    with pytest.raises(InputError, match="results format"):
        store.query(SELECT).serialize("yaml")
    with pytest.raises(InputError, match="RDF format"):
        store.query("CONSTRUCT WHERE { ?s ?p ?o }").serialize("csv")
