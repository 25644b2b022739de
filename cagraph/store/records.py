"""Typed records of the store layer: per-article bookkeeping and store statistics."""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import Field, field_validator

from cagraph.records import Record

META_GRAPH = "https://w3id.org/cagraph/id/graph/meta"
"""Bookkeeping named graph: one node per article graph (the graph IRI) with its GraphMeta."""

META_NS = "https://w3id.org/cagraph/meta#"
"""Vocabulary of the bookkeeping graph (kept apart from the domain ontology)."""


class GraphMeta(Record):
    """What was built into one article's named graph, and from what."""

    article_id: str = Field(min_length=1)
    content_hash: str = Field(description="sha256 of the article's raw input")
    extractor_version: str = ""
    built_at: datetime = Field(default_factory=lambda: datetime.now(UTC))

    @field_validator("built_at")
    @classmethod
    def _aware(cls, v: datetime) -> datetime:
        return v if v.tzinfo else v.replace(tzinfo=UTC)


class StoreStats(Record):
    """Size of a store. `triples` and `graphs` leave the bookkeeping graph out."""

    triples: int
    graphs: int
    articles: int
    classes: dict[str, int] = Field(default_factory=dict, description="class IRI -> instances")
