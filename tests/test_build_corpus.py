"""The seeds + dev corpus built into one store: SHACL, a no-op rebuild, one node per thing."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from test_build_support import TIES, article_graph, corpus_store

from cagraph.build import BuildReport, build_graph
from cagraph.nlp import Extractor
from cagraph.rdf.shapes import shape_report
from cagraph.store import Store

pytestmark = pytest.mark.corpus

TOKAYEV = "https://w3id.org/cagraph/id/person/kasim-jomart-tokaev"


# Violations the stored graph shows today, which come from outside the build (see the reasons).
@pytest.fixture(scope="session")
def corpus_graph(
    tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path, extractor: Extractor
) -> tuple[Store, BuildReport]:
    return corpus_store(tmp_path_factory, corpus_dir, extractor)


def test_every_seed_and_dev_article_is_built(corpus_graph: tuple[Store, BuildReport]) -> None:
    store, report = corpus_graph
    assert report.read == 20 and len(report.added) == 20
    assert report.failed == [] and report.ingest.skipped == []
    assert store.stats().articles == 20
    assert report.article_triples > 1000 and report.derived[TIES] > 100


def test_rebuilding_seeds_and_dev_writes_nothing(
    corpus_graph: tuple[Store, BuildReport], corpus_dir: Path, extractor: Extractor
) -> None:
    store, _ = corpus_graph
    before = store.dump("nquads")
    again = build_graph([corpus_dir / "seeds", corpus_dir / "dev"], store, extractor=extractor)
    assert (again.unchanged, again.triples_written, again.changed) == (20, 0, False)
    assert store.dump("nquads") == before


def test_every_stored_article_graph_and_the_ties_graph_pass_shacl(
    corpus_graph: tuple[Store, BuildReport],
) -> None:
    store, _ = corpus_graph
    dataset = ox.Store()
    dataset.load(store.dump("nquads"), format=ox.RdfFormat.N_QUADS)
    graphs = [*store.meta(), TIES]
    failures: dict[str, str] = {}
    for graph in graphs:
        report = shape_report(dataset.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
        if not report.conforms:
            failures[graph] = report.text
    assert not failures, "\n\n".join(f"{g}:\n{text}" for g, text in failures.items())


def test_tokayev_is_one_node_however_the_articles_spell_him(
    corpus_graph: tuple[Store, BuildReport],
) -> None:
    store, _ = corpus_graph
    rows = store.query(
        "SELECT DISTINCT ?g ?name WHERE { GRAPH ?g { ?who ?label ?name } VALUES ?label { "
        "<http://www.w3.org/2004/02/skos/core#prefLabel> "
        "<http://www.w3.org/2004/02/skos/core#altLabel> } }",
        bindings={"who": ox.NamedNode(TOKAYEV)},
    ).rows
    names = {(row[0].value, row[1].value) for row in rows if row[0] and row[1]}
    graphs = {g for g, _ in names}
    assert {article_graph("d10"), article_graph("d15"), article_graph("002_8d7216b4d8c792c0")} <= (
        graphs
    )
    assert any("Toqaev" in name for g, name in names if g == article_graph("d10"))
    spelled = store.query(
        "SELECT (COUNT(DISTINCT ?who) AS ?n) WHERE { "
        "?who a <https://w3id.org/cagraph/ontology#Person> ; ?label ?name . "
        "FILTER (CONTAINS(?name, 'Tokayev') || CONTAINS(?name, 'Toqaev')) }"
    ).rows
    assert spelled[0][0] is not None and spelled[0][0].value == "1"
