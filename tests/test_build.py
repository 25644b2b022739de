"""build_graph on real components: incremental writes, pruning, derived graphs, resolution."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_build_support import (
    META,
    ONTOLOGY,
    TIES,
    V2,
    about,
    article_graph,
    fresh_lines,
    in_graph,
    inputs,
    lines,
)
from typer.testing import CliRunner

from cagraph.build import BuildReport, build_graph
from cagraph.cli.main import app
from cagraph.nlp import Extractor
from cagraph.records import Article, ArticleExtraction, Tie
from cagraph.settings import Settings, get_settings
from cagraph.store import NewGraph, Store, open_store

SKOS_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"


class CountingExtractor(Extractor):
    """The real extractor, noting which articles it was asked to read."""

    def __init__(self, inner: Extractor) -> None:
        super().__init__(inner.nlp, data_dir=inner.data_dir, model=inner.model)
        self.seen: list[str] = []

    def extract(self, article: Article) -> ArticleExtraction:
        self.seen.append(article.id)
        return super().extract(article)


class SelfTieExtractor(CountingExtractor):
    """The real extractor, but one article gets a tie the mapping refuses (KZ with itself)."""

    def __init__(self, inner: Extractor, broken: str) -> None:
        super().__init__(inner)
        self.broken = broken

    def extract(self, article: Article) -> ArticleExtraction:
        x = super().extract(article)
        if article.id != self.broken:
            return x
        return x.model_copy(update={"ties": [Tie(a="KZ", b="KZ")]})


class FailingExtractor(CountingExtractor):
    """The real extractor, failing with an unexpected error on one article."""

    def __init__(self, inner: Extractor, broken: str) -> None:
        super().__init__(inner)
        self.broken = broken

    def extract(self, article: Article) -> ArticleExtraction:
        if article.id == self.broken:
            raise RuntimeError("the extractor broke")
        return super().extract(article)


def record_writes(store: Store) -> list[tuple[str, list[str]]]:
    """Note every article write of the store: ("new", ids of one batch) or ("replace", [id])."""
    calls: list[tuple[str, list[str]]] = []
    write_new, replace = store.write_new_graphs, store.replace_graph

    def recording_write_new(batch: list[NewGraph]) -> None:
        calls.append(("new", [item.meta.article_id for item in batch]))
        write_new(batch)

    def recording_replace(graph: str, quads: Any, meta: Any) -> None:
        calls.append(("replace", [meta.article_id]))
        replace(graph, quads, meta)

    store.write_new_graphs = recording_write_new  # type: ignore[method-assign]
    store.replace_graph = recording_replace  # type: ignore[method-assign]
    return calls


@pytest.fixture
def counting(extractor: Extractor) -> CountingExtractor:
    return CountingExtractor(extractor)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return inputs(tmp_path / "in")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "store") as opened:
        yield opened


def build(folder: Path, store: Store, extractor: Extractor, **options: Any) -> BuildReport:
    return build_graph([folder], store, extractor=extractor, **options)


# -- first build, rebuild ------------------------------------------------------------------


def test_first_build_writes_one_graph_per_article_with_its_hash_and_version(
    folder: Path, store: Store, extractor: Extractor
) -> None:
    report = build(folder, store, extractor)
    assert report.read == 3
    assert sorted(report.added) == ["kg_tj_water", "kz_uz_energy", "kz_uz_forum"]
    assert (report.updated, report.removed, report.unchanged, report.failed) == ([], [], 0, [])
    meta = store.meta()
    assert sorted(meta) == [article_graph(a) for a in sorted(report.added)]
    assert {m.extractor_version for m in meta.values()} == {report.version}
    assert report.version.startswith("cagraph-extractor/") and " data=" in report.version
    hashes = store.article_hashes()
    assert all(len(h) == 64 for h in hashes.values()) and len(set(hashes.values())) == 3
    written = sum(store.count(g) for g in meta)
    assert report.article_triples == written > 0
    assert report.triples_written == written + store.count(TIES) + store.count(ONTOLOGY)


def test_rebuild_without_changes_extracts_nothing_and_writes_nothing(
    folder: Path, store: Store, extractor: Extractor, counting: CountingExtractor
) -> None:
    build(folder, store, extractor)
    before = store.dump("nquads")
    report = build(folder, store, counting)
    assert counting.seen == []
    assert (report.read, report.unchanged, report.triples_written) == (3, 3, 0)
    assert not report.changed and report.derived == {}
    assert store.dump("nquads") == before
    assert "0 written" in report.summary()


def test_rebuild_without_changes_does_not_load_an_extractor(
    folder: Path, store: Store, extractor: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(folder, store, extractor)

    def refuse(*args: object, **kwargs: object) -> Extractor:
        raise AssertionError("the extractor was loaded for a build with nothing to extract")

    monkeypatch.setattr("cagraph.build.pipeline.load_extractor", refuse)
    assert build_graph([folder], store).unchanged == 3


# -- changes ----------------------------------------------------------------------------------


def test_changed_article_is_rebuilt_alone_and_leaves_no_stale_triple(
    tmp_path: Path, folder: Path, store: Store, extractor: Extractor, counting: CountingExtractor
) -> None:
    build(folder, store, extractor)
    assert any("tie/KG-TJ>" in line for line in lines(store))
    shutil.copy(V2 / "kg_tj_water.txt", folder / "kg_tj_water.txt")
    report = build(folder, store, counting)
    assert counting.seen == ["kg_tj_water"]
    assert (report.updated, report.added, report.unchanged) == (["kg_tj_water"], [], 2)
    after = lines(store)
    assert after == fresh_lines(tmp_path / "fresh", folder, extractor)
    # the old article said Tajikistan, the new one Turkmenistan: no tie KG-TJ is left anywhere
    assert not any("tie/KG-TJ>" in line for line in after)
    assert any("tie/KG-TM>" in line for line in after)


def test_new_articles_go_in_together_and_a_changed_one_in_a_transaction_of_its_own(
    tmp_path: Path, folder: Path, store: Store, extractor: Extractor
) -> None:
    calls = record_writes(store)
    build(folder, store, extractor, bulk=False)
    assert calls == [("new", ["kg_tj_water", "kz_uz_energy", "kz_uz_forum"])]
    calls.clear()
    shutil.copy(V2 / "kg_tj_water.txt", folder / "kg_tj_water.txt")
    shutil.copy(folder / "kz_uz_forum.txt", folder / "zz_forum_again.txt")
    report = build(folder, store, extractor)
    assert (report.updated, report.added) == (["kg_tj_water"], ["zz_forum_again"])
    assert calls == [("replace", ["kg_tj_water"]), ("new", ["zz_forum_again"])]
    assert lines(store) == fresh_lines(tmp_path / "fresh", folder, extractor)


def test_an_extractor_failure_is_that_articles_alone_and_the_build_goes_on(
    tmp_path: Path, folder: Path, store: Store, extractor: Extractor
) -> None:
    failing = FailingExtractor(extractor, broken="kz_uz_energy")
    first = build(folder, store, failing)
    assert first.added == ["kg_tj_water", "kz_uz_forum"]
    (failed,) = first.failed
    assert failed.path.endswith("kz_uz_energy.txt")
    assert failed.reason == "the extractor failed: RuntimeError: the extractor broke"
    assert sorted(store.article_hashes()) == ["kg_tj_water", "kz_uz_forum"]
    report = build(folder, store, extractor)
    assert (report.added, report.unchanged) == (["kz_uz_energy"], 2)
    assert lines(store) == fresh_lines(tmp_path / "fresh", folder, extractor)


def test_prune_removes_exactly_the_statements_of_an_article_no_longer_in_the_inputs(
    tmp_path: Path, folder: Path, store: Store, extractor: Extractor
) -> None:
    build(folder, store, extractor)
    before = lines(store)
    gone = article_graph("kz_uz_forum")
    (folder / "kz_uz_forum.txt").unlink()
    report = build(folder, store, extractor, prune=True)
    assert (report.removed, report.unchanged) == (["kz_uz_forum"], 2)
    assert report.removed_triples == sum(n for line, n in before.items() if in_graph(line, gone))
    after = lines(store)

    def its_own(line: str) -> bool:
        return in_graph(line, gone) or about(line, gone)

    def ties(line: str) -> bool:
        return in_graph(line, TIES) or about(line, TIES)

    assert all(its_own(line) or ties(line) for line in before - after)
    assert not any(its_own(line) for line in after)
    assert {line for line in before if not its_own(line) and not ties(line)} <= set(after)
    assert after == fresh_lines(tmp_path / "fresh", folder, extractor)


def test_without_prune_an_article_no_longer_in_the_inputs_stays(
    folder: Path, store: Store, extractor: Extractor
) -> None:
    build(folder, store, extractor)
    (folder / "kz_uz_forum.txt").unlink()
    report = build(folder, store, extractor)
    assert report.removed == [] and len(store.meta()) == 3


def test_cagraph_remove_then_build_repairs_the_ties_graph(
    tmp_path: Path, folder: Path, store: Store, extractor: Extractor
) -> None:
    build(folder, store, extractor)
    store_dir = store.spec
    store.close()
    result = CliRunner().invoke(app, ["remove", "kz_uz_forum", "--store", store_dir])
    assert result.exit_code == 0, result.output
    (folder / "kz_uz_forum.txt").unlink()
    with open_store(store_dir) as again:
        report = build(folder, again, extractor)
        assert report.unchanged == 2 and not report.changed
        assert list(report.derived) == [TIES]
        assert lines(again) == fresh_lines(tmp_path / "fresh", folder, extractor)


def test_prune_is_refused_when_an_input_path_is_missing(
    tmp_path: Path, folder: Path, store: Store, extractor: Extractor
) -> None:
    build(folder, store, extractor)
    report = build_graph(
        [folder / "kz_uz_energy.txt", tmp_path / "typo"], store, extractor=extractor, prune=True
    )
    assert report.removed == [] and len(store.meta()) == 3
    assert any("prune skipped" in note and "typo" in note for note in report.notes)
    assert any("no such file" in s.reason for s in report.skipped)


def test_unreadable_input_is_reported_and_keeps_its_stored_article_under_prune(
    folder: Path, store: Store, extractor: Extractor
) -> None:
    build(folder, store, extractor)
    (folder / "kz_uz_forum.txt").write_bytes(b"")
    report = build(folder, store, extractor, prune=True)
    assert [(Path(s.path).name, "empty" in s.reason) for s in report.skipped] == [
        ("kz_uz_forum.txt", True)
    ]
    assert report.removed == [] and "kz_uz_forum" in store.article_hashes()
    assert "kz_uz_forum.txt" in report.summary()


def test_article_that_cannot_be_mapped_is_reported_and_its_stored_graph_kept(
    folder: Path, store: Store, extractor: Extractor
) -> None:
    build(folder, store, extractor)
    graph = article_graph("kz_uz_energy")
    before = {line for line in lines(store) if in_graph(line, graph) or about(line, graph)}
    path = folder / "kz_uz_energy.txt"
    path.write_text(path.read_text() + "\nThe talks will continue in Tashkent.\n")
    report = build(folder, store, SelfTieExtractor(extractor, broken="kz_uz_energy"))
    assert [Path(s.path).name for s in report.failed] == ["kz_uz_energy.txt"]
    assert "KZ and itself" in report.failed[0].reason
    assert report.updated == []
    assert {line for line in lines(store) if in_graph(line, graph) or about(line, graph)} == before
    assert build(folder, store, extractor).updated == ["kz_uz_energy"]


def test_changed_reference_data_rebuilds_every_article(
    tmp_path: Path, folder: Path, store: Store
) -> None:
    data = tmp_path / "data"
    shutil.copytree(get_settings().data_dir, data, ignore=shutil.ignore_patterns("samples"))
    settings = Settings(data_dir=data)
    first = build_graph([folder], store, settings=settings)
    assert build_graph([folder], store, settings=settings).unchanged == 3
    (data / "lexicon" / "notes.txt").write_text("a new lexicon file\n")
    again = build_graph([folder], store, settings=settings)
    assert sorted(again.updated) == ["kg_tj_water", "kz_uz_energy", "kz_uz_forum"]
    assert again.version != first.version


def test_two_workers_build_the_same_store_as_one(
    tmp_path: Path, folder: Path, store: Store, extractor: Extractor
) -> None:
    report = build(folder, store, extractor, workers=2)
    assert len(report.added) == 3
    assert lines(store) == fresh_lines(tmp_path / "fresh", folder, extractor)


def test_workers_below_one_are_refused(folder: Path, store: Store) -> None:
    from cagraph.errors import InputError

    with pytest.raises(InputError, match="workers"):
        build_graph([folder], store, workers=0)


# -- derived graphs and resolution ---------------------------------------------------------------


def test_ontology_and_ties_graphs_are_written_with_what_they_derive_from(
    folder: Path, store: Store, extractor: Extractor
) -> None:
    report = build(folder, store, extractor)
    assert set(report.derived) == {TIES, ONTOLOGY}
    assert report.derived[TIES] == store.count(TIES) > 0
    assert report.derived[ONTOLOGY] == store.count(ONTOLOGY) > 0
    digest = "<https://w3id.org/cagraph/meta#sourceDigest>"
    digests = store.query(f"SELECT ?g ?d WHERE {{ GRAPH <{META}> {{ ?g {digest} ?d }} }}")
    assert sorted(str(row[0].value) for row in digests.rows if row[0] is not None) == [
        ONTOLOGY,
        TIES,
    ]
    assert store.stats().articles == 3  # derived graphs are not articles


def test_same_person_and_ministry_named_differently_in_two_articles_are_one_node(
    folder: Path, store: Store, extractor: Extractor
) -> None:
    build(folder, store, extractor)
    result = store.query(
        """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?s (COUNT(DISTINCT ?g) AS ?articles) (GROUP_CONCAT(DISTINCT ?name; separator="|")
        AS ?names) WHERE { GRAPH ?g { ?s skos:prefLabel|skos:altLabel ?name }
        FILTER (CONTAINS(?name, "Tokayev") || CONTAINS(?name, "Toqaev")
        || CONTAINS(?name, "Energy Ministry") || CONTAINS(?name, "Energy of Uzbekistan"))
        } GROUP BY ?s"""
    )
    found = {}
    for subject, articles, names in result.rows:
        assert subject and articles and names
        found[subject.value] = (articles.value, set(names.value.split("|")))
    assert len(found) == 2, found
    (person,) = [k for k in found if "/person/" in k]
    (ministry,) = [k for k in found if "/org/" in k]
    assert found[person] == ("2", {"Kassym-Jomart Tokayev", "Kassym-Jomart Toqaev"})
    assert found[ministry][0] == "2"
    assert {"Ministry of Energy of Uzbekistan", "Uzbek Energy Ministry"} <= found[ministry][1]


def test_report_summary_counts_what_the_build_did(
    folder: Path, store: Store, extractor: Extractor
) -> None:
    build(folder, store, extractor)
    shutil.copy(V2 / "kg_tj_water.txt", folder / "kg_tj_water.txt")
    (folder / "kz_uz_forum.txt").unlink()
    (folder / "notes.txt").write_bytes(b"\x00\x01binary")
    report = build(folder, store, extractor, prune=True)
    text = report.summary()
    assert "Ingest: 2 articles" in text
    assert "2 articles read: 0 added, 1 updated, 1 unchanged, 1 removed, 0 not written" in text
    assert "notes.txt" in text and "Removed: kz_uz_forum" in text
    data = report.as_dict()
    assert (data["read"], data["updated"], data["removed"]) == (2, ["kg_tj_water"], ["kz_uz_forum"])
    assert data["triples_written"] == report.triples_written > 0
