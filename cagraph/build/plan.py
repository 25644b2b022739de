"""Incremental builds: which articles need extracting, and which stored ones the inputs dropped.

An article is unchanged, and skipped without extracting it, when the store holds a graph for
its id built from the same content hash with the same build version. Otherwise it is added (a
new id) or updated (a stored id with other content or an older version).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from cagraph.errors import CagraphError
from cagraph.ingest import IngestReport, article_id_from_path
from cagraph.records import Article
from cagraph.store import GraphMeta

Status = Literal["added", "updated"]


@dataclass(frozen=True)
class Pending:
    """An article on its way to the store."""

    status: Status
    content_hash: str
    source: str


def content_hash(article: Article) -> str:
    """The article's content hash; the hash of its text when ingestion gave none."""
    return article.content_hash or hashlib.sha256(article.text.encode("utf-8")).hexdigest()


class Planner:
    """Sorts the articles read into unchanged and pending, remembering every id seen."""

    def __init__(
        self,
        stored: Mapping[str, GraphMeta],
        version: str,
        *,
        on_unchanged: Callable[[], None] | None = None,
    ) -> None:
        self.stored = {meta.article_id: meta for meta in stored.values()}
        self.version = version
        self.on_unchanged = on_unchanged
        self.seen: set[str] = set()
        self.unchanged = 0
        self._pending: dict[str, Pending] = {}

    def is_unchanged(self, article_id: str, digest: str) -> bool:
        old = self.stored.get(article_id)
        return old is not None and (old.content_hash, old.extractor_version) == (
            digest,
            self.version,
        )

    def select(self, articles: Iterable[Article]) -> Iterator[Article]:
        """The articles that need extracting, in input order; the others are counted."""
        for article in articles:
            self.seen.add(article.id)
            digest = content_hash(article)
            if self.is_unchanged(article.id, digest):
                self.unchanged += 1
                if self.on_unchanged is not None:
                    self.on_unchanged()
                continue
            status: Status = "updated" if article.id in self.stored else "added"
            source = article.source_path or article.id
            self._pending[article.id] = Pending(status, digest, source)
            yield article

    def take(self, article_id: str) -> Pending:
        """What was decided for an article that comes back from the extractor."""
        return self._pending.pop(article_id)

    def removable(
        self, paths: Sequence[Path], ingest: IngestReport
    ) -> tuple[list[str], str | None]:
        """Stored article ids the inputs no longer hold, or none and the reason pruning is off.

        Only articles whose inputs were read and no longer hold them go. So pruning is refused
        (nothing is removed) when an input path is missing, when the inputs gave no article, when
        a JSONL line could not be read, or when a JSONL file or a folder could not be read at
        all: the articles they hold cannot be told from removed ones. An input file that could
        not be read keeps the article of its file name.
        """
        missing = [str(p) for p in paths if not p.exists()]
        if missing:
            return [], f"prune skipped: input {', '.join(missing)} not found"
        if ingest.unreadable:
            shown = ", ".join(ingest.unreadable[:5])
            more = f" and {len(ingest.unreadable) - 5} more" if len(ingest.unreadable) > 5 else ""
            return [], (
                f"prune skipped: {shown}{more} could not be read, so nothing was removed "
                "(the articles it holds cannot be told from removed ones); fix it and rebuild"
            )
        if not ingest.articles:
            return [], "prune skipped: the inputs gave no article (use `cagraph remove ID`)"
        if any(item.line is not None for item in ingest.skipped):
            return [], "prune skipped: some JSONL lines could not be read; fix them and rebuild"
        kept = set(self.seen)
        for item in ingest.skipped:
            try:
                kept.add(article_id_from_path(Path(item.path)))
            except CagraphError:
                continue
        return sorted(set(self.stored) - kept), None
