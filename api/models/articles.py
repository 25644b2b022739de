"""Responses of ``/articles`` and ``/articles/{id}``."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from api.models.acts import TieRef
from api.models.common import Act, EntityRef, Page, Person


class ArticleSummary(BaseModel):
    id: str
    iri: str
    href: str
    title: str | None
    url: str | None
    published: str | None


class Articles(BaseModel):
    items: list[ArticleSummary]
    page: Page


class ArticleDetail(ArticleSummary):
    attribution: list[str]
    content_hash: str | None
    extractor: str | None
    built_at: str | None
    build_version: str | None
    entities: list[EntityRef]
    ties: list[TieRef] = Field(description="the bilateral ties it reports")
    agreements: list[Act]
    events: list[Act]
    people: list[Person]


class NewArticleIn(BaseModel):
    """An article to ingest: its text (plain or HTML) and what is known about it."""

    model_config = {"extra": "forbid"}

    text: str = Field(min_length=1, description="the article: plain text, or HTML with format=html")
    format: str = Field(default="text", pattern="^(text|html)$")
    id: str | None = Field(
        default=None,
        max_length=128,
        description="article id (letters, digits, '.', '_', '-'); default: from its content",
    )
    url: str | None = Field(default=None, max_length=2000)
    title: str | None = Field(default=None, max_length=1000)
    published: str | None = Field(default=None, max_length=100, description="publication date")


class Ingested(BaseModel):
    id: str
    graph: str
    href: str
    replaced: bool = Field(description="an article with this id was stored before")
    triples: int
    extraction: dict[str, Any] = Field(description="what was extracted (the FORMAT.md shape)")
