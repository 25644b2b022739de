"""Responses of ``/ties/{a}/{b}`` and ``/countries/{code}/ties``."""

from __future__ import annotations

from pydantic import BaseModel, Field

from api.models.common import Act, CountryRef, Page, Person


class TieCounts(BaseModel):
    agreements: int
    events: int
    articles: int
    by_kind: dict[str, int] = Field(description="acts per kind (MOU, Treaty, Summit…)")
    first_date: str | None
    last_date: str | None


class TieFilters(BaseModel):
    since: str | None = None
    until: str | None = None
    kind: str | None = None
    topic: str | None = None


class Tie(BaseModel):
    """Everything between two countries: the acts supporting their tie, newest first (one page),
    and the people who signed or took part in them, each with evidence."""

    a: CountryRef
    b: CountryRef
    iri: str
    counts: TieCounts = Field(description="over the whole tie, whatever the filters")
    filters: TieFilters
    agreements: list[Act]
    events: list[Act]
    people: list[Person]
    page: Page


class Partner(BaseModel):
    country: CountryRef
    tie: str = Field(description="IRI of the tie")
    href: str = Field(description="the tie's resource: /ties/{a}/{b}")
    weight: int = Field(description="acts supporting the tie (of the filtered kind, if any)")
    counts: TieCounts


class Partners(BaseModel):
    country: CountryRef
    partners: list[Partner]
    page: Page
