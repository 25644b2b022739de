"""Responses of ``/entities`` and ``/entities/{id}``."""

from __future__ import annotations

from pydantic import BaseModel, Field

from api.models.common import Act, ArticleRef, CountryRef, Evidence, Page


class EntityHit(BaseModel):
    id: str
    iri: str
    type: str
    name: str
    aliases: list[str]
    country: CountryRef | None
    href: str
    score: float = Field(description="0-100; 100 when a name or alias matches exactly")
    matched: str = Field(description="the name or alias that matched best")


class EntityHits(BaseModel):
    """Entities whose names or aliases match the query, best first."""

    q: str | None
    items: list[EntityHit]
    page: Page


class Office(BaseModel):
    title: str
    of: str | None = Field(default=None, description="IRI of the organisation or country")
    of_name: str | None = None
    start: str | None = None
    end: str | None = None
    reported: list[str] = Field(default_factory=list, description="dates of reporting articles")


class Mention(BaseModel):
    article: ArticleRef
    sentence: str | None


class EntityDetail(BaseModel):
    id: str
    iri: str
    type: str
    types: list[str] = Field(description="every class it has (a country may be an Organization)")
    name: str
    aliases: list[str]
    country: CountryRef | None
    wikidata: str | None
    offices: list[Office]
    articles: int = Field(description="number of articles that name it")
    mentions: list[Mention] = Field(description="the latest articles that name it")
    acts: list[Act] = Field(description="the latest acts it is party to, took part in or signed")
    evidence: list[Evidence] = Field(description="sentences about it in those acts' articles")
