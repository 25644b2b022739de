"""The extractor: Article in, ArticleExtraction out; one process or a pool of workers."""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from spacy.language import Language

from cagraph.errors import InputError
from cagraph.nlp.assemble import Assembler
from cagraph.nlp.model import RULES_ONLY, resolve_model
from cagraph.nlp.pipeline import build_nlp
from cagraph.nlp.resources import get_resources
from cagraph.nlp.state import DocState
from cagraph.records import Article, ArticleExtraction

T = TypeVar("T")


class Extractor:
    def __init__(
        self, nlp: Language, data_dir: Path | None = None, model: str | None = None
    ) -> None:
        self.nlp = nlp
        self.data_dir = data_dir
        self.model = model
        self.assemble = Assembler(get_resources(data_dir))

    def extract(self, article: Article) -> ArticleExtraction:
        self.check_length(article)
        doc = self.nlp.make_doc(article.text)
        doc._.cag = DocState(article_id=article.id, published=article.published)
        for _name, proc in self.nlp.pipeline:
            doc = proc(doc)
        return self.assemble(doc, article)

    def check_length(self, article: Article) -> None:
        """Refuse, alone and in one line, an article longer than the pipeline takes (spaCy's
        ``max_length``, 1,000,000 characters: the rules' time grows faster than the length
        beyond it, so longer texts are not let through)."""
        limit = self.nlp.max_length
        if len(article.text) > limit:
            raise InputError(
                f"article is {len(article.text):,} characters long, over the extractor's "
                f"limit of {limit:,}",
                hint="split it into shorter articles",
                source=article.source_path or f"article {article.id}",
            )

    def extract_many(
        self, articles: Iterable[Article], workers: int = 1
    ) -> Iterator[ArticleExtraction]:
        """Extract in order; with ``workers`` > 1, articles are spread over a process pool."""
        if workers <= 1:
            for article in articles:
                yield self.extract(article)
            return
        for payload in self._pool_map(_work, articles, workers):
            yield ArticleExtraction.model_validate_json(payload)

    def extract_many_json(
        self, articles: Iterable[Article], workers: int = 1
    ) -> Iterator[tuple[str, str]]:
        """(article id, its FORMAT.md-shaped JSON text), in order. The workers validate and
        serialise, so the parent only passes small strings on: this is the path that scales."""
        if workers <= 1:
            for article in articles:
                result = self.extract(article)
                yield result.id, result.to_format_json()
            return
        yield from self._pool_map(_work_json, articles, workers)

    def _pool_map(
        self, fn: Callable[[Article], T], articles: Iterable[Article], workers: int
    ) -> Iterator[T]:
        global _WORKER
        if "fork" in mp.get_all_start_methods():
            # forked workers inherit this extractor: no second start-up per worker
            ctx = mp.get_context("fork")
            _WORKER = self
            pool = ctx.Pool(workers)
        else:
            model = self.model or RULES_ONLY
            pool = mp.get_context().Pool(
                workers, initializer=_init_worker, initargs=(model, self.data_dir)
            )
        with pool:
            yield from pool.imap(fn, articles, chunksize=16)


_WORKER: Extractor | None = None


def _init_worker(model: str | None, data_dir: Path | None) -> None:
    global _WORKER
    _WORKER = load_extractor(model=model, data_dir=data_dir)


def _work(article: Article) -> str:
    assert _WORKER is not None
    return _WORKER.extract(article).model_dump_json()


def _work_json(article: Article) -> tuple[str, str]:
    assert _WORKER is not None
    result = _WORKER.extract(article)
    return result.id, result.to_format_json()


def load_extractor(model: str | None = None, data_dir: Path | None = None) -> Extractor:
    """Build the extractor. ``model=None`` is the hybrid with the default trained pipeline (the
    rules alone, with a warning, when none is installed); ``"none"`` is the rules alone; any
    other name is that installed pipeline. ``Extractor.model`` is the pipeline in use or None."""
    name = resolve_model(model)
    return Extractor(build_nlp(model=name, data_dir=data_dir), data_dir=data_dir, model=name)
