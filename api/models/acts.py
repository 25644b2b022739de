"""Responses of ``/agreements`` and ``/events``."""

from __future__ import annotations

from pydantic import BaseModel, Field

from api.models.common import Act, CountryRef, Page, Person


class Acts(BaseModel):
    """One page of agreements or events, newest first."""

    items: list[Act]
    page: Page


class TieRef(BaseModel):
    a: CountryRef
    b: CountryRef
    href: str


class ActDetail(BaseModel):
    act: Act
    ties: list[TieRef] = Field(description="the bilateral ties it supports")
    people: list[Person] = Field(description="people who signed it or took part")
