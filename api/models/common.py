"""Shapes shared by several resources: references, evidence, acts, pages."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Category = Literal["agreement", "event"]
Kind = Literal["MOU", "Agreement", "Treaty", "Declaration", "Program", "Summit", "Meeting", "Forum"]


class CountryRef(BaseModel):
    code: str = Field(description="ISO 3166-1 alpha-2 (EU for the European Union)")
    name: str
    href: str


class EntityRef(BaseModel):
    id: str | None = Field(description="entity id (person/<key>, org/<key>…), None if not one")
    iri: str
    name: str
    type: str = Field(description="Person, Organization, Place, Country or Agent")
    href: str | None = None


class ArticleRef(BaseModel):
    id: str
    iri: str
    url: str | None = None
    title: str | None = None
    published: str | None = None
    href: str


class Evidence(BaseModel):
    """Where something was read: the sentence (when kept) and its article."""

    sentence: str | None = None
    article: ArticleRef


class Role(BaseModel):
    title: str
    of: EntityRef | None = None


class Person(BaseModel):
    """A person who signed or took part in one of the listed acts."""

    id: str | None
    iri: str
    name: str
    href: str | None
    roles: list[Role] = Field(default_factory=list)
    acts: list[str] = Field(default_factory=list, description="ids of the listed acts")
    evidence: list[Evidence] = Field(default_factory=list)


class Act(BaseModel):
    """An agreement or an event with everything the graph says about it."""

    id: str
    iri: str
    href: str
    category: Category
    kind: Kind
    name: str
    date: str | None = Field(description="its own date, else the first reporting article's")
    parties: list[EntityRef] = Field(default_factory=list)
    participants: list[EntityRef] = Field(default_factory=list)
    signatories: list[EntityRef] = Field(default_factory=list)
    countries: list[CountryRef] = Field(default_factory=list)
    location: EntityRef | None = None
    topics: list[str] = Field(default_factory=list, description="topic concepts (topics.ttl)")
    topic_labels: list[str] = Field(default_factory=list, description="topics as written")
    documents: int | None = Field(default=None, description="number of documents signed")
    evidence: list[Evidence] = Field(default_factory=list)


class Page(BaseModel):
    limit: int
    offset: int
    next: str | None = Field(description="URL of the next page, None on the last one")
