"""The store commands (load, query, stats, validate, remove) through typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from test_store_support import (  # noqa: F401  (oxigraph_url is a fixture)
    G1,
    G2,
    REPO,
    STORE_DATA,
    meta,
    oxigraph_url,
    triples,
)
from typer.testing import CliRunner, Result

from cagraph.cli import store_cmds
from cagraph.errors import ConfigError, InputError, NotFoundError, QueryError, QueryLimitError
from cagraph.store import open_store

COUNTRY = "http://example.org/Country"


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    local = typer.Typer(pretty_exceptions_enable=False)
    store_cmds.register(local)
    return local


@pytest.fixture
def store_dir(tmp_path: Path) -> str:
    return str(tmp_path / "store")


def run(app: typer.Typer, *args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def loaded(app: typer.Typer, store_dir: str, name: str = "sample.ttl", graph: str = G1) -> None:
    result = run(app, "load", str(STORE_DATA / name), "--graph", graph, "--store", store_dir)
    assert result.exit_code == 0, result.output


def test_load_puts_a_file_into_the_named_graph(app: typer.Typer, store_dir: str) -> None:
    result = run(app, "load", str(STORE_DATA / "sample.ttl"), "--graph", G1, "--store", store_dir)
    assert result.exit_code == 0
    assert "loaded 4 quads" in result.output
    with open_store(store_dir, read_only=True) as store:
        assert store.count(G1) == 4


def test_load_of_a_malformed_file_names_it_and_stores_nothing(
    app: typer.Typer, store_dir: str
) -> None:
    loaded(app, store_dir)
    bad = STORE_DATA / "bad" / "bad.ttl"
    result = run(app, "load", str(bad), "--graph", G2, "--store", store_dir)
    assert isinstance(result.exception, InputError)
    assert str(bad) in str(result.exception)
    assert "line 4" in str(result.exception)
    with open_store(store_dir, read_only=True) as store:
        assert store.graphs() == [G1]


def test_query_prints_a_table_by_default(app: typer.Typer, store_dir: str) -> None:
    loaded(app, store_dir)
    result = run(app, "query", "SELECT ?c WHERE { ?c a ?t } ORDER BY ?c", "--store", store_dir)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].strip() == "?c"
    assert lines[2:4] == ["<http://example.org/kz>", "<http://example.org/uz>"]
    assert lines[-1] == "(2 rows)"


def test_query_as_csv_and_json(app: typer.Typer, store_dir: str) -> None:
    loaded(app, store_dir)
    sparql = "SELECT ?c WHERE { ?c a ?t } ORDER BY ?c"
    csv_out = run(app, "query", sparql, "--format", "csv", "--store", store_dir).output
    assert csv_out.splitlines() == ["c", "http://example.org/kz", "http://example.org/uz"]
    data = json.loads(run(app, "query", sparql, "--format", "json", "--store", store_dir).output)
    assert [b["c"]["value"] for b in data["results"]["bindings"]] == [
        "http://example.org/kz",
        "http://example.org/uz",
    ]


def test_query_from_a_file(app: typer.Typer, store_dir: str) -> None:
    loaded(app, store_dir)
    result = run(app, "query", "--file", str(STORE_DATA / "countries.rq"), "--store", store_dir)
    assert result.exit_code == 0
    assert "Kazakhstan@en" in result.output
    assert result.output.index("Kazakhstan") < result.output.index("Uzbekistan")


def test_construct_query_prints_turtle(app: typer.Typer, store_dir: str) -> None:
    loaded(app, store_dir)
    result = run(app, "query", "CONSTRUCT WHERE { ?c a ?t }", "--store", store_dir)
    assert result.exit_code == 0
    assert f"<{COUNTRY}>" in result.output


def test_query_errors_are_raised_not_printed_as_results(app: typer.Typer, store_dir: str) -> None:
    loaded(app, store_dir)
    bad = run(app, "query", "SELEC ?x", "--store", store_dir)
    assert isinstance(bad.exception, QueryError)
    capped = run(app, "query", "SELECT * { ?s ?p ?o }", "--row-cap", "2", "--store", store_dir)
    assert isinstance(capped.exception, QueryLimitError)
    both = run(app, "query", "ASK {}", "--file", str(STORE_DATA / "countries.rq"))
    assert isinstance(both.exception, InputError)


def test_query_does_not_create_a_store(app: typer.Typer, tmp_path: Path) -> None:
    missing = tmp_path / "typo"
    result = run(app, "query", "ASK {}", "--store", str(missing))
    assert "no store here" in str(result.exception)
    assert not missing.exists()


def test_stats_counts_triples_graphs_articles_and_classes(app: typer.Typer, store_dir: str) -> None:
    with open_store(store_dir) as store:
        store.replace_graph(G2, triples("a", 3), meta("article-2"))
    loaded(app, store_dir)
    text = run(app, "stats", "--store", store_dir).output
    assert "triples   7" in text
    assert "articles  1" in text
    data = json.loads(run(app, "stats", "--json", "--store", store_dir).output)
    assert data == {"triples": 7, "graphs": 2, "articles": 1, "classes": {COUNTRY: 2}}


def test_remove_drops_an_article_and_refuses_unknown_ids(app: typer.Typer, store_dir: str) -> None:
    with open_store(store_dir) as store:
        store.replace_graph(G1, triples("a", 3), meta("article-1"))
        store.replace_graph(G2, triples("b", 3), meta("article-2"))
    result = run(app, "remove", "article-1", "--store", store_dir)
    assert result.exit_code == 0
    assert G1 in result.output
    missing = run(app, "remove", "article-1", "--store", store_dir)
    assert isinstance(missing.exception, NotFoundError)
    with open_store(store_dir, read_only=True) as store:
        assert store.article_hashes() == {"article-2": "sha-1"}


def test_validate_passes_conforming_data(app: typer.Typer, store_dir: str) -> None:
    loaded(app, store_dir)
    shapes = str(STORE_DATA / "shapes.ttl")
    result = run(app, "validate", "--shapes", shapes, "--store", store_dir)
    assert result.exit_code == 0, result.output
    assert '"conforms": true' in result.output


def test_validate_exits_1_and_reports_violations(app: typer.Typer, store_dir: str) -> None:
    loaded(app, store_dir)
    loaded(app, store_dir, "country-without-label.ttl", G2)
    shapes = str(STORE_DATA / "shapes.ttl")
    result = run(app, "validate", "--shapes", shapes, "--store", store_dir)
    assert result.exit_code == 1
    assert "http://example.org/tm" in result.output
    assert "MinCount" in result.output
    alone = run(app, "validate", "--shapes", shapes, "--graph", G1, "--store", store_dir)
    assert alone.exit_code == 0


def test_validate_without_shapes_file_is_a_config_error(
    app: typer.Typer, store_dir: str, tmp_path: Path
) -> None:
    loaded(app, store_dir)
    result = run(app, "validate", "--shapes", str(tmp_path / "none.ttl"), "--store", store_dir)
    assert isinstance(result.exception, ConfigError)
    assert "none.ttl" in str(result.exception)


def test_validate_uses_the_project_shapes_by_default(app: typer.Typer, store_dir: str) -> None:
    if not (REPO / "ontology" / "shapes.ttl").is_file():
        pytest.skip("ontology/shapes.ttl is not written yet")
    with open_store(store_dir) as store:
        store.replace_graph(G1, triples("a", 2), meta("article-1"))
    result = run(app, "validate", "--store", store_dir)
    assert result.exit_code == 0, result.output
    assert '"conforms": true' in result.output


@pytest.mark.server
def test_commands_work_against_a_sparql_server(
    app: typer.Typer, request: pytest.FixtureRequest
) -> None:
    url = str(request.getfixturevalue("oxigraph_url"))
    with open_store(url) as store:
        store.update("DROP ALL")
    loaded(app, url)
    result = run(app, "query", "--file", str(STORE_DATA / "countries.rq"), "--store", url)
    assert result.exit_code == 0
    assert "(2 rows)" in result.output
    stats = json.loads(run(app, "stats", "--json", "--store", url).output)
    assert stats["classes"] == {COUNTRY: 2}
