"""Typed records passed between the stages of cagraph.

ingest  -> :class:`Article`
nlp     -> :class:`ArticleExtraction` (entities, agreements, events, ties, each with evidence)
resolve -> same records, names merged across articles
rdf     -> triples built from these records

The JSON written by ``cagraph extract`` is ``ArticleExtraction.to_format()``: the shape of the
gold annotation format (``../shared/corpus/FORMAT.md``) plus evidence and confidence fields.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, field_validator

EntityType = Literal["Person", "Organization", "Country", "Place"]
AgreementKind = Literal["MOU", "Agreement", "Treaty", "Declaration", "Program"]
EventKind = Literal["Summit", "Meeting", "Forum"]

AGREEMENT_KINDS: tuple[str, ...] = ("MOU", "Agreement", "Treaty", "Declaration", "Program")
EVENT_KINDS: tuple[str, ...] = ("Summit", "Meeting", "Forum")
ENTITY_TYPES: tuple[str, ...] = ("Person", "Organization", "Country", "Place")

# ISO 8601 date, year-month or year, as FORMAT.md allows ("a month alone gives YYYY-MM").
_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_ISO_CODE = re.compile(r"^[A-Z]{2}$")


def _check_partial_date(value: str | None) -> str | None:
    if value is None:
        return None
    if not _PARTIAL_DATE.match(value):
        raise ValueError(f"not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): {value!r}")
    if len(value) == 10:
        date.fromisoformat(value)
    return value


PartialDate = Annotated[str | None, Field(default=None, description="YYYY, YYYY-MM or YYYY-MM-DD")]


class Record(BaseModel):
    """Base of every record: immutable, no unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class SetAside(Record):
    """A piece of an input file that is not the article's prose, kept out of mining."""

    reason: str = Field(description="menu, credit, reference-list, also-read, markup, non-english…")
    text: str


class Article(Record):
    """One article as ingestion delivers it: prose to mine plus metadata."""

    id: str = Field(min_length=1)
    text: str = Field(description="the article's prose; evidence offsets refer to this string")
    title: str | None = None
    url: str | None = None
    published: str | None = None
    attribution: list[str] = Field(default_factory=list, description="'Source: x' credit lines")
    source_path: str | None = None
    content_hash: str = Field(default="", description="sha256 of the raw input")
    set_aside: list[SetAside] = Field(default_factory=list)
    skipped_non_english: int = 0

    @field_validator("published")
    @classmethod
    def _date(cls, v: str | None) -> str | None:
        return _check_partial_date(v)

    @property
    def word_count(self) -> int:
        return len(self.text.split())


class Evidence(Record):
    """Where an extracted item came from."""

    article_id: str
    sentence: str
    start: int = Field(ge=0, description="character offset of the sentence in Article.text")
    end: int = Field(ge=0)
    component: str = Field(description="registered component name (cagraph.agreements.v1)")
    confidence: float = Field(ge=0.0, le=1.0)


class Role(Record):
    title: str
    of: str | None = Field(default=None, description="organisation or country name")
    of_iso: str | None = Field(default=None, description="ISO code when `of` is a country")


class Entity(Record):
    type: EntityType
    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)
    iso: str | None = Field(default=None, description="ISO 3166-1 alpha-2 (countries; EU)")
    country: str | None = Field(default=None, description="ISO code of the country it belongs to")
    qid: str | None = Field(default=None, description="Wikidata QID when known")
    roles: list[Role] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)

    @field_validator("iso", "country")
    @classmethod
    def _iso(cls, v: str | None) -> str | None:
        if v is not None and not _ISO_CODE.match(v):
            raise ValueError(f"not an ISO 3166-1 alpha-2 code: {v!r}")
        return v


class Agreement(Record):
    kind: AgreementKind
    name: str
    parties: list[str] = Field(default_factory=list)
    countries: list[str] = Field(default_factory=list)
    date: PartialDate = None
    location: str | None = None
    topics: list[str] = Field(default_factory=list)
    signatories: list[str] = Field(default_factory=list, description="persons who signed")
    count: int | None = Field(default=None, description="'19 agreements were signed' → 19")
    evidence: Evidence | None = None
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)

    @field_validator("date")
    @classmethod
    def _date(cls, v: str | None) -> str | None:
        return _check_partial_date(v)


class Event(Record):
    kind: EventKind
    name: str
    location: str | None = None
    date: PartialDate = None
    participants: list[str] = Field(default_factory=list)
    countries: list[str] = Field(default_factory=list)
    evidence: Evidence | None = None
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)

    @field_validator("date")
    @classmethod
    def _date(cls, v: str | None) -> str | None:
        return _check_partial_date(v)


class Tie(Record):
    """An unordered pair of state-level actors with the acts that support it."""

    a: str
    b: str
    basis: list[str] = Field(default_factory=list, description="'agreement:MOU', 'event:Meeting'…")
    evidence: list[Evidence] = Field(default_factory=list)
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)

    @property
    def pair(self) -> tuple[str, str]:
        return (self.a, self.b) if self.a <= self.b else (self.b, self.a)


class ArticleExtraction(Record):
    """Everything the extractor read out of one article."""

    id: str
    published: str | None = None
    url: str | None = None
    title: str | None = None
    attribution: list[str] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    agreements: list[Agreement] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    ties: list[Tie] = Field(default_factory=list)
    extractor: str = ""
    content_hash: str = ""
    skipped_non_english: int = 0

    def to_format(self) -> dict[str, Any]:
        """The FORMAT.md shape (ties as pairs), with evidence kept as extra fields."""
        data = self.model_dump(mode="json", exclude={"ties"})
        data["ties"] = [list(t.pair) for t in self.ties]
        data["tie_evidence"] = [t.model_dump(mode="json") for t in self.ties]
        return data

    def to_format_json(self, indent: int | None = None) -> str:
        """:meth:`to_format` as JSON text (serialised by pydantic's core when not indented)."""
        if indent is not None:
            return json.dumps(self.to_format(), ensure_ascii=False, indent=indent)
        body = self.model_dump_json(exclude={"ties"})
        pairs = json.dumps([list(t.pair) for t in self.ties])
        evidence = _TIES.dump_json(self.ties).decode()
        return f'{body[:-1]},"ties":{pairs},"tie_evidence":{evidence}}}'


_TIES: TypeAdapter[list[Tie]] = TypeAdapter(list[Tie])


def output_json_schema() -> dict[str, Any]:
    """JSON Schema of what ``cagraph extract`` writes per article."""
    schema = ArticleExtraction.model_json_schema(mode="serialization")
    props = schema.setdefault("properties", {})
    props["ties"] = {
        "type": "array",
        "items": {"type": "array", "items": {"type": "string"}, "minItems": 2, "maxItems": 2},
        "description": "unordered pairs of state-level actors (ISO codes)",
    }
    props["tie_evidence"] = {"type": "array", "items": {"$ref": "#/$defs/Tie"}}
    defs = schema.setdefault("$defs", {})
    defs["Tie"] = Tie.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "cagraph article extraction"
    return schema
