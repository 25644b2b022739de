"""The extractor: Article in, ArticleExtraction out; one process or a pool of workers."""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.language import Language

from cagraph.nlp.assemble import Assembler
from cagraph.nlp.pipeline import build_nlp
from cagraph.nlp.resources import get_resources
from cagraph.nlp.state import DocState
from cagraph.records import Article, ArticleExtraction


class Extractor:
    def __init__(
        self, nlp: Language, data_dir: Path | None = None, model: str | None = None
    ) -> None:
        self.nlp = nlp
        self.data_dir = data_dir
        self.model = model
        self.assemble = Assembler(get_resources(data_dir))

    def extract(self, article: Article) -> ArticleExtraction:
        doc = self.nlp.make_doc(article.text)
        doc._.cag = DocState(article_id=article.id, published=article.published)
        for _name, proc in self.nlp.pipeline:
            doc = proc(doc)
        return self.assemble(doc, article)

    def extract_many(
        self, articles: Iterable[Article], workers: int = 1
    ) -> Iterator[ArticleExtraction]:
        """Extract in order; with ``workers`` > 1, articles are spread over a process pool."""
        if workers <= 1:
            for article in articles:
                yield self.extract(article)
            return
        ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
        with ctx.Pool(
            workers, initializer=_init_worker, initargs=(self.model, self.data_dir)
        ) as pool:
            for payload in pool.imap(_work, articles, chunksize=4):
                yield ArticleExtraction.model_validate_json(payload)


_WORKER: Extractor | None = None


def _init_worker(model: str | None, data_dir: Path | None) -> None:
    global _WORKER
    _WORKER = load_extractor(model=model, data_dir=data_dir)


def _work(article: Article) -> str:
    assert _WORKER is not None
    return _WORKER.extract(article).model_dump_json()


def load_extractor(model: str | None = None, data_dir: Path | None = None) -> Extractor:
    """Build the extractor (blank English + rules; ``model`` adds a trained pipeline's entities)."""
    return Extractor(build_nlp(model=model, data_dir=data_dir), data_dir=data_dir, model=model)
