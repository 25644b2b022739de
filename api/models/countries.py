"""Responses of ``/countries`` and ``/countries/{code}``."""

from __future__ import annotations

from pydantic import BaseModel, Field

from api.models.common import Act, Page
from api.models.ties import Partner


class CountryCounts(BaseModel):
    partners: int = Field(description="countries it has a bilateral tie with")
    agreements: int = Field(description="distinct agreements supporting its ties")
    events: int = Field(description="distinct events supporting its ties")
    articles: int = Field(description="articles that name it")


class CountrySummary(BaseModel):
    code: str
    iso3: str | None
    name: str
    region: str | None
    wikidata: str | None = Field(description="Wikidata item URL")
    href: str
    counts: CountryCounts


class Countries(BaseModel):
    """The countries the graph names, most connected first."""

    countries: list[CountrySummary]
    page: Page


class CountryDetail(BaseModel):
    code: str
    iso3: str | None
    name: str
    official_name: str | None
    names: list[str] = Field(description="other names news use")
    demonyms: list[str]
    capital: str | None
    region: str | None
    wikidata: str | None = Field(description="Wikidata item URL")
    qid: str | None
    counts: CountryCounts
    partners: list[Partner] = Field(description="its heaviest ties (all: /countries/{code}/ties)")
    recent_agreements: list[Act] = Field(description="the latest agreements involving it")
