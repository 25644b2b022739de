"""Ingestion: files (.txt .html .htm .pdf .jsonl) in, typed :class:`cagraph.records.Article` out."""

from cagraph.ingest.article import article_from_text, read_article
from cagraph.ingest.batch import iter_articles
from cagraph.ingest.ids import article_id_from_path, validate_article_id
from cagraph.ingest.report import IngestReport, SkippedInput

__all__ = [
    "IngestReport",
    "SkippedInput",
    "article_from_text",
    "article_id_from_path",
    "iter_articles",
    "read_article",
    "validate_article_id",
]
