"""SPARQL text the store layer writes: query forms, projections and bound VALUES blocks.

Each VALUES injection is checked by running the rewritten query on a real pyoxigraph store and
comparing with the query where the variable is written out as the bound IRI.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from cagraph.errors import QueryError
from cagraph.store.sparql import (
    inject_values,
    normalize_bindings,
    projected,
    query_form,
)

EX = "http://example.org/"
KZ, UZ = ox.NamedNode(EX + "kz"), ox.NamedNode(EX + "uz")
NAME = ox.NamedNode(EX + "name")


@pytest.fixture(scope="module")
def engine() -> ox.Store:
    store = ox.Store()
    for node, name in ((KZ, "Kazakhstan"), (UZ, "Uzbekistan")):
        store.add(ox.Quad(node, NAME, ox.Literal(name), ox.NamedNode(EX + "g")))
        note = ox.Literal("{ } # '")
        store.add(ox.Quad(node, ox.NamedNode(EX + "note"), note, ox.DefaultGraph()))
    return store


def answer(engine: ox.Store, sparql: str) -> object:
    result = engine.query(sparql, use_default_graph_as_union=True)
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        return sorted(tuple(str(s[n]) for n in names) for s in result)
    return sorted(str(t) for t in result)


@pytest.mark.parametrize(
    ("sparql", "form"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "select"),
        ("  # a comment with SELECT\nask { }", "ask"),
        ("PREFIX ex: <http://e/>\nBASE <http://b/>\nCONSTRUCT WHERE { ?s ?p ?o }", "construct"),
        ("PREFIX : <http://example.org/> DESCRIBE :kz", "describe"),
        ("INSERT DATA { <http://a> <http://b> <http://c> }", None),
        ("", None),
    ],
)
def test_query_form_is_read_after_the_prologue(sparql: str, form: str | None) -> None:
    assert query_form(sparql) == form


@pytest.mark.parametrize(
    ("sparql", "names"),
    [
        ("SELECT ?s ?o WHERE { ?s ?p ?o }", {"s", "o"}),
        ("SELECT DISTINCT ?s (COUNT(?o) AS ?n) { ?s ?p ?o } GROUP BY ?s", {"s", "n"}),
        ("SELECT * { ?s ?p ?o }", None),
        ("SELECT (COUNT(*) AS ?n) FROM <http://g> WHERE { ?s ?p ?o }", {"n"}),
        ("ASK { ?s ?p ?o }", None),
    ],
)
def test_projected_variables_of_a_select(sparql: str, names: set[str] | None) -> None:
    assert projected(sparql) == names


CASES = [
    f"SELECT ?name WHERE {{ ?s <{EX}name> ?name }}",
    f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s <{EX}name> ?name }}",
    f"SELECT ?name {{ ?s <{EX}name> ?name FILTER(?name != '}}') }}",
    f"SELECT ?name WHERE {{ {{ SELECT * WHERE {{ ?s <{EX}name> ?name }} }} }}",
    f'SELECT ?n WHERE {{ ?s <{EX}note> ?n FILTER(?n = "{{ }} # \'") }}',
    f"SELECT ?name # a comment {{ with a brace\nWHERE {{ ?s <{EX}name> ?name }}",
    f"SELECT (EXISTS {{ ?s ?p ?o }} AS ?e) WHERE {{ ?s <{EX}name> ?name }}",
    f"ASK {{ ?s <{EX}name> 'Uzbekistan' }}",
    f"CONSTRUCT {{ ?s <{EX}label> ?name }} WHERE {{ ?s <{EX}name> ?name }}",
    f"CONSTRUCT WHERE {{ ?s <{EX}name> ?name }}",
    f"DESCRIBE ?s WHERE {{ ?s <{EX}name> ?name }}",
]


@pytest.mark.parametrize("sparql", CASES)
def test_values_block_answers_as_if_the_variable_were_replaced(
    engine: ox.Store, sparql: str
) -> None:
    rewritten = inject_values(sparql, {"s": KZ})
    assert "VALUES (?s)" in rewritten
    oracle = sparql.replace("?s", str(KZ))  # these queries never project ?s
    assert answer(engine, rewritten) == answer(engine, oracle)
    assert answer(engine, sparql) != answer(engine, oracle)  # the binding matters here


def test_values_block_sits_inside_the_where_pattern() -> None:
    query = "SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o"
    assert inject_values(query, {"s": KZ}) == (
        f"SELECT ?o WHERE {{ VALUES (?s) {{ (<{EX}kz>) }}  ?s ?p ?o }} ORDER BY ?o"
    )


def test_short_forms_get_a_trailing_values_clause() -> None:
    rewritten = inject_values("DESCRIBE ?s", {"s": KZ})
    assert rewritten == f"DESCRIBE ?s\nVALUES (?s) {{ (<{EX}kz>) }}"


def test_trailing_values_cannot_be_doubled() -> None:
    with pytest.raises(QueryError, match="VALUES"):
        inject_values("DESCRIBE ?s VALUES ?s { <http://a> }", {"s": KZ})


def test_hostile_literal_stays_one_escaped_term(engine: ox.Store) -> None:
    hostile = 'x" } } ; DROP ALL #\n'
    bindings = normalize_bindings({"v": hostile})
    rewritten = inject_values("SELECT ?v WHERE { BIND(?v AS ?w) }", bindings)
    result = engine.query(rewritten)
    assert isinstance(result, ox.QuerySolutions)
    assert [s["v"] for s in result] == [ox.Literal(hostile)]


def test_python_values_become_typed_literals() -> None:
    xsd = "http://www.w3.org/2001/XMLSchema#"
    terms = normalize_bindings({"a": 3, "b": True, "c": 1.5, "d": "text", "$e": KZ})
    assert terms == {
        "a": ox.Literal("3", datatype=ox.NamedNode(xsd + "integer")),
        "b": ox.Literal("true", datatype=ox.NamedNode(xsd + "boolean")),
        "c": ox.Literal("1.5", datatype=ox.NamedNode(xsd + "double")),
        "d": ox.Literal("text"),
        "e": KZ,
    }


def test_blank_nodes_cannot_be_bound_remotely() -> None:
    with pytest.raises(QueryError, match="blank node"):
        inject_values("SELECT * { ?s ?p ?o }", {"s": ox.BlankNode()})


def test_bindings_need_a_query() -> None:
    with pytest.raises(QueryError, match="SELECT, ASK"):
        inject_values("DROP ALL", {"s": KZ})
