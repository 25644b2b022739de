"""Every write the service makes, one at a time: article ingest and removal, SPARQL updates.

Each write is followed by :func:`cagraph.build.derived.refresh_derived` (the ontology and ties
graphs, rewritten when what they derive from changed), under the same lock, so the REST
endpoints never read ties older than the articles. Extraction runs outside the lock.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pyoxigraph import Literal as OxLiteral

from api.sparql.execute import execute_update
from api.sparql.protocol import Operation
from cagraph.build.derived import TIES, refresh_derived, replace_derived
from cagraph.ingest import article_from_text, validate_article_id
from cagraph.rdf.mapping import map_extraction
from cagraph.records import ArticleExtraction
from cagraph.resolve.resolver import Resolver
from cagraph.store import META_GRAPH, GraphMeta, Store
from cagraph.store.records import META_NS

if TYPE_CHECKING:
    from cagraph.nlp import Extractor

_STORED = (
    f"PREFIX m: <{META_NS}> ASK {{ GRAPH <{META_GRAPH}> {{ ?g m:articleId ?id }} }}"
)  # fmt: skip


@dataclass(frozen=True)
class NewArticle:
    text: str
    format: Literal["text", "html"] = "text"
    id: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None


@dataclass(frozen=True)
class Ingested:
    article_id: str
    graph: str
    replaced: bool
    triples: int
    extraction: ArticleExtraction


class Writer:
    """Writes to the store; built only when the service has a token (and so allows writes)."""

    def __init__(
        self,
        store: Store,
        extractor: Extractor,
        resolver: Resolver,
        *,
        allow_external: bool,
        on_change: Callable[[], None] = lambda: None,
    ):
        self.store = store
        self.extractor = extractor
        self.resolver = resolver
        self.allow_external = allow_external
        self.on_change = on_change
        self.lock = threading.Lock()

    def _after_write(self, *, recompute_ties: bool = False) -> None:
        """Bring the derived graphs up to date. After an article write their digests tell
        whether they changed; after a raw SPARQL update (which may change article graphs
        without their bookkeeping) the ties are recomputed regardless."""
        if recompute_ties:
            replace_derived(self.store, TIES.graph, TIES.quads(self.store), TIES.digest(self.store))
        refresh_derived(self.store)
        self.on_change()

    def ingest(self, new: NewArticle) -> Ingested:
        """Extract an article, store its graph (replacing one of the same id), refresh ties."""
        digest = hashlib.sha256(new.text.encode("utf-8", "surrogatepass")).hexdigest()
        article_id = validate_article_id(new.id) if new.id else f"api-{digest[:16]}"
        article = article_from_text(
            article_id,
            new.text,
            url=new.url,
            title=new.title,
            published=new.published,
            fmt=new.format,
            content_hash=digest,
        )
        extraction = self.extractor.extract(article)
        graph = map_extraction(extraction, self.resolver)
        meta = GraphMeta(
            article_id=article.id,
            content_hash=article.content_hash,
            extractor_version=extraction.extractor,
        )
        with self.lock:
            replaced = bool(
                self.store.query(_STORED, bindings={"id": OxLiteral(article.id)}).boolean
            )
            self.store.replace_graph(graph.graph.value, graph.quads, meta)
            self._after_write()
        return Ingested(article.id, graph.graph.value, replaced, len(graph.quads), extraction)

    def delete(self, article_id: str) -> list[str]:
        """Remove an article's graph(s) (NotFoundError if none), refresh ties."""
        with self.lock:
            graphs = self.store.remove_article(validate_article_id(article_id))
            self._after_write()
        return graphs

    def update(self, op: Operation, *, base: str) -> None:
        """Apply a SPARQL update, then refresh the derived graphs."""
        with self.lock:
            execute_update(self.store, op, base=base, allow_external=self.allow_external)
            self._after_write(recompute_ties=True)
