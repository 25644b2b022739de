"""``build_graph``: articles in, one named graph per article in the store, derived graphs after.

ingest → (skip unchanged) → extract → map (one shared Resolver, so one node per thing however
articles name it) → write: new articles in batches (``Store.write_new_graphs``: up to
``BATCH_ARTICLES`` articles / ``BATCH_QUADS`` quads per transaction, each article with its
GraphMeta), a changed article with ``Store.replace_graph`` in a transaction of its own → prune →
rewrite the derived graphs whose sources changed (ontology, ties).

Whatever stops a build midway (an error, a kill), every article graph is either as it was or
entirely new (a kill during a batch loses the whole batch, never part of an article); the next
build carries on from there and repairs the derived graphs.
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Iterable
from itertools import chain
from pathlib import Path

from tqdm import tqdm

from cagraph.build.derived import refresh_derived
from cagraph.build.fingerprint import build_version
from cagraph.build.isolate import extract_each, failure_reason
from cagraph.build.plan import Planner
from cagraph.build.report import BuildReport
from cagraph.errors import CagraphError, InputError, StoreError
from cagraph.ingest import SkippedInput, iter_articles
from cagraph.nlp import Extractor, load_extractor
from cagraph.nlp.model import RULES_ONLY, resolve_model
from cagraph.rdf.mapping import map_extraction
from cagraph.records import Article, ArticleExtraction
from cagraph.refdata import load_reference
from cagraph.resolve.resolver import Resolver
from cagraph.settings import Settings, get_settings
from cagraph.store import GraphMeta, NewGraph, Store
from cagraph.store.bulk import staged_first_build

PathsArg = Iterable[Path | str] | Path | str


def _as_paths(paths: PathsArg) -> list[Path]:
    if isinstance(paths, (str, Path)):
        return [Path(paths)]
    return [Path(p) for p in paths]


BATCH_ARTICLES = 500
"""Most new articles written in one transaction."""
BATCH_QUADS = 50_000
"""A batch of new articles is written once it holds this many quads."""


class ArticleWriter:
    """Maps each extraction and writes its graph, recording the outcome in the report.

    New articles (no stored graph) are held back and written in batches, each one transaction
    of whole articles (:meth:`Store.write_new_graphs`); a changed article first writes the batch
    held, then replaces its own graph in one transaction. :meth:`flush` writes what is held.
    """

    def __init__(
        self,
        store: Store,
        report: BuildReport,
        planner: Planner,
        resolver: Resolver,
        *,
        batch_articles: int = BATCH_ARTICLES,
        batch_quads: int = BATCH_QUADS,
    ) -> None:
        self.store = store
        self.report = report
        self.planner = planner
        self.resolver = resolver
        self.batch_articles = batch_articles
        self.batch_quads = batch_quads
        self._held: list[tuple[NewGraph, str]] = []  # (graph, source) of new articles
        self._held_quads = 0

    def write(self, x: ArticleExtraction) -> None:
        pending = self.planner.take(x.id)
        try:
            graph = map_extraction(x, self.resolver)
        except CagraphError as exc:
            reason = f"cannot map the extraction: {exc}"
            self.report.failed.append(SkippedInput(path=pending.source, reason=reason))
            return
        meta = GraphMeta(
            article_id=x.id,
            content_hash=pending.content_hash,
            extractor_version=self.report.version,
        )
        name = graph.graph.value
        if pending.status == "added":
            if any(held.graph == name for held, _ in self._held):
                self.flush()  # the same graph twice: the later one replaces the earlier
            self._held.append((NewGraph(name, graph.quads, meta), pending.source))
            self._held_quads += len(graph.quads)
            if len(self._held) >= self.batch_articles or self._held_quads >= self.batch_quads:
                self.flush()
            return
        self.flush()
        try:
            self.store.replace_graph(name, graph.quads, meta)
        except CagraphError as exc:
            raise self._stopped(f"article {x.id} ({pending.source})", exc) from exc
        self.report.article_triples += len(graph.quads)
        self.report.updated.append(x.id)

    @property
    def held(self) -> int:
        """New articles extracted and waiting to be written with their batch."""
        return len(self._held)

    def flush(self) -> None:
        """Write the new articles held, in one transaction."""
        if not self._held:
            return
        batch = [graph for graph, _ in self._held]
        first, last = self._held[0], self._held[-1]
        try:
            self.store.write_new_graphs(batch)
        except CagraphError as exc:
            which = f"article {first[0].meta.article_id} ({first[1]})"
            if len(batch) > 1:
                which = f"the {len(batch)} new articles {first[0].meta.article_id} ({first[1]}) "
                which += f"to {last[0].meta.article_id} ({last[1]})"
            raise self._stopped(which, exc) from exc
        self._held = []
        self._held_quads = 0
        self.report.article_triples += sum(len(graph.quads) for graph in batch)
        self.report.added.extend(graph.meta.article_id for graph in batch)

    def _stopped(self, which: str, exc: CagraphError) -> StoreError:
        done = len(self.report.added) + len(self.report.updated)
        return StoreError(
            f"build stopped at {which}: {exc}",
            source=self.store.spec,
            hint=f"the {done} articles written before are kept; fix the store and run "
            "the build again to carry on",
        )


def build_graph(
    paths: PathsArg,
    store: Store,
    *,
    extractor: Extractor | None = None,
    prune: bool = False,
    workers: int = 1,
    progress: bool = False,
    settings: Settings | None = None,
    bulk: bool = True,
) -> BuildReport:
    """Build (or bring up to date) the graph of the articles under ``paths`` in ``store``.

    Unchanged articles (same content hash, same build version) are skipped without extracting
    them; changed ones replace their named graph in one transaction; with ``prune`` the stored
    articles the inputs no longer hold are removed. The derived graphs are rewritten when
    anything they derive from changed. ``extractor`` defaults to the rule-based extractor (with
    the ``CAGRAPH_MODEL`` pipeline if set), loaded only if an article needs extracting;
    ``progress`` shows a bar on stderr. With ``bulk``, a first build into an empty embedded store
    folder is bulk-loaded beside it and swapped in at the end (:mod:`cagraph.store.bulk`: about
    twice as fast; a kill before the end leaves the store empty rather than partly built).
    """
    settings = settings or get_settings()
    if workers < 1:
        raise InputError(f"workers must be at least 1, not {workers}", source="workers")
    inputs = _as_paths(paths)
    started = time.perf_counter()
    # the pipeline the extractor will use (the hybrid's default when none is set)
    model = extractor.model if extractor is not None else resolve_model(settings.model)
    data_dir = (extractor.data_dir if extractor is not None else None) or settings.data_dir
    report = BuildReport(store=store.spec, version=build_version(model, data_dir))
    stored = store.meta()
    bar = tqdm(desc="build", unit=" articles", file=sys.stderr, disable=not progress)
    planner = Planner(stored, report.version, on_unchanged=lambda: bar.update(1))
    try:
        pending = planner.select(iter_articles(inputs, settings=settings, report=report.ingest))
        first = next(pending, None)
        if first is not None:
            active = extractor or load_extractor(model=model or RULES_ONLY, data_dir=data_dir)
            with staged_first_build(store, enabled=bulk) as target:
                report.bulk = target is not store
                writer = ArticleWriter(target, report, planner, Resolver(load_reference(data_dir)))

                def failed(article: Article, exc: BaseException) -> None:
                    pending_article = planner.take(article.id)
                    reason = failure_reason(exc)
                    report.failed.append(SkippedInput(path=pending_article.source, reason=reason))
                    bar.update(1)

                results = extract_each(
                    lambda batch: active.extract_many(batch, workers),
                    chain([first], pending),
                    failed,
                    active.extract,
                )
                try:
                    for x in results:
                        writer.write(x)
                        bar.update(1)
                        bar.set_postfix(
                            added=len(report.added) + writer.held,
                            updated=len(report.updated),
                            unchanged=planner.unchanged,
                            refresh=False,
                        )
                except BaseException:
                    with contextlib.suppress(CagraphError):
                        writer.flush()  # the articles extracted before a stop are kept
                    raise
                writer.flush()
        report.unchanged = planner.unchanged
        if prune:
            _prune(store, planner, inputs, report, stored)
        if report.read or report.removed:
            report.derived = refresh_derived(store)
    finally:
        bar.close()
    report.seconds = time.perf_counter() - started
    return report


def _prune(
    store: Store,
    planner: Planner,
    inputs: list[Path],
    report: BuildReport,
    stored: dict[str, GraphMeta],
) -> None:
    ids, refused = planner.removable(inputs, report.ingest)
    if refused is not None:
        report.notes.append(refused)
        return
    graphs = {meta.article_id: graph for graph, meta in stored.items()}
    for article_id in ids:
        size = store.count(graphs[article_id])
        store.remove_article(article_id)
        report.removed.append(article_id)
        report.removed_triples += size
