"""Agreements and events: filters as bindings, one page of acts, their details in one query.

Listing queries (``*_acts.rq``) return one row per act (?act ?class ?name ?date), newest first,
one page at a time; :func:`load_acts` then reads everything about that page's acts with
``act_details.rq`` and shapes it into :class:`~api.models.common.Act` and the people involved.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import cast

from pyoxigraph import Literal, NamedNode

from api import rq
from api.codes import CountryCodes
from api.ids import act_id, article_id, entity_id, entity_type, href_act, href_entity
from api.models.common import (
    Act,
    ArticleRef,
    Category,
    CountryRef,
    EntityRef,
    Evidence,
    Kind,
    Person,
    Role,
)
from cagraph.errors import ValidationError
from cagraph.rdf.mint import iso_of
from cagraph.rdf.topics import TopicMatcher
from cagraph.rdf.vocab import CAG, TOPIC, format_kinds
from cagraph.records import AGREEMENT_KINDS
from cagraph.store import QueryResult, Store
from cagraph.store.sparql import BindingValue, Term


@cache
def kind_of_class() -> dict[str, str]:
    """Class IRI -> kind code (MOU, Treaty, …)."""
    return {str(CAG[local]): code for code, local in format_kinds().items()}


def class_of_kind(code: str) -> NamedNode:
    return CAG.ox[format_kinds()[code]]


@dataclass(frozen=True)
class ActFilter:
    """What a listing may be narrowed by; every value is validated before it gets here."""

    kind: str | None = None  # a kind code
    topic: str | None = None  # a concept name or a topic as written
    since: str | None = None  # partial ISO date
    until: str | None = None

    def bindings(self) -> dict[str, BindingValue | None]:
        out: dict[str, BindingValue | None] = {
            "kind": class_of_kind(self.kind) if self.kind else None,
            "since": self.since,
            "until": self.until,
        }
        if self.topic:
            text = self.topic.strip()
            concepts = (text,) if text in TOPIC else TopicMatcher.default().match(text)
            if concepts:
                out["topic"] = TOPIC.ox[concepts[0]]
            else:
                out["topicLabel"] = text.lower()
        return out


def page_of(result: QueryResult, limit: int) -> tuple[list[dict[str, Term]], bool]:
    """The rows of a page query (fetched with one extra row) and whether more follow."""
    found = rq.rows(result)
    return found[:limit], len(found) > limit


# -- shaping -------------------------------------------------------------------------------------


@dataclass
class _Draft:
    iri: str
    kind: str
    name: str
    date: str | None
    refs: dict[str, dict[str, str]] = field(default_factory=dict)  # part -> iri -> label
    topics: dict[str, None] = field(default_factory=dict)
    topic_labels: dict[str, None] = field(default_factory=dict)
    countries: dict[str, None] = field(default_factory=dict)
    documents: int | None = None
    reports: dict[str, ArticleRef] = field(default_factory=dict)
    sentences: dict[str, dict[str, None]] = field(default_factory=dict)


@dataclass
class _PersonDraft:
    iri: str
    name: str
    acts: dict[str, None] = field(default_factory=dict)
    roles: dict[tuple[str, str | None], str | None] = field(default_factory=dict)
    sentences: dict[tuple[str, str], None] = field(default_factory=dict)


def entity_ref(iri: str, label: str | None) -> EntityRef:
    return EntityRef(
        id=entity_id(iri),
        iri=iri,
        name=label or iri.rsplit("/", 1)[-1],
        type=entity_type(iri),
        href=href_entity(iri),
    )


def country_ref(code: str, countries: CountryCodes) -> CountryRef:
    return CountryRef(code=code, name=countries.label(code), href=f"/countries/{code}")


def article_ref(iri: str, row: Mapping[str, Term]) -> ArticleRef:
    aid = article_id(iri) or iri
    return ArticleRef(
        id=aid,
        iri=iri,
        url=rq.text(row.get("url")),
        title=rq.text(row.get("title")),
        published=rq.text(row.get("published")),
        href=f"/articles/{aid}",
    )


def _iso(iri: str) -> str | None:
    try:
        return iso_of(iri)
    except ValidationError:
        return None


def _keep_label(labels: dict[str, str], iri: str, label: str | None) -> None:
    current = labels.get(iri)
    if current is None or (label is not None and (current == "" or label < current)):
        labels[iri] = label or ""


class _Assembler:
    def __init__(self, drafts: dict[str, _Draft]):
        self.drafts = drafts
        self.people: dict[str, _PersonDraft] = {}
        self.articles: dict[str, ArticleRef] = {}
        self.seen_in: set[tuple[str, str]] = set()

    def person(self, iri: str, label: str | None) -> _PersonDraft:
        found = self.people.get(iri)
        if found is None:
            found = self.people[iri] = _PersonDraft(iri, label or "")
        elif label and (not found.name or label < found.name):
            found.name = label
        return found

    def row(self, row: dict[str, Term]) -> None:
        act = rq.text(row.get("act")) or ""
        draft = self.drafts.get(act)
        if draft is None:
            return
        part = rq.text(row.get("part"))
        value, label = rq.text(row.get("value")), rq.text(row.get("label"))
        article = rq.text(row.get("article"))
        if part == "report" and article:
            ref = self.articles.get(article) or article_ref(article, row)
            self.articles[article] = draft.reports[article] = ref
        elif part == "evidence" and article:
            draft.sentences.setdefault(article, {})[rq.text(row.get("sentence")) or ""] = None
        elif part in ("party", "participant", "signatory", "location") and value:
            _keep_label(draft.refs.setdefault(part, {}), value, label)
            if entity_type(value) == "Person":
                self.person(value, label).acts[act] = None
                if article:
                    self.seen_in.add((value, article))
        elif part == "country" and value and (code := _iso(value)):
            draft.countries[code] = None
        elif part == "topic" and value and value.startswith(TOPIC.base):
            draft.topics[value[len(TOPIC.base) :]] = None
        elif part == "topicLabel" and label:
            draft.topic_labels[label] = None
        elif part == "documents" and value and value.isdigit():
            draft.documents = max(draft.documents or 0, int(value))
        elif part == "date" and value and (draft.date is None or value < draft.date):
            draft.date = value

    def person_row(self, row: dict[str, Term]) -> None:
        """A row of act_people.rq: a sentence about a person, or an office they held."""
        person, article = rq.text(row.get("person")), rq.text(row.get("article"))
        if person not in self.people or not article:
            return
        if rq.text(row.get("part")) == "evidence":
            sentence = rq.text(row.get("sentence")) or ""
            self.people[person].sentences[(article, sentence)] = None
        elif label := rq.text(row.get("label")):
            other = rq.text(row.get("other"))
            self.people[person].roles[(label, other)] = rq.text(row.get("otherLabel"))

    def person_pairs(self) -> list[tuple[NamedNode, NamedNode]]:
        """(person, article graph) for every person of the acts, where an act names them."""
        return [(NamedNode(p), NamedNode(a)) for p, a in sorted(self.seen_in)]

    def evidence(self, draft: _Draft) -> list[Evidence]:
        out = []
        for iri, ref in sorted(draft.reports.items(), key=lambda kv: kv[1].published or ""):
            sentences: list[str | None] = [s for s in draft.sentences.get(iri, {}) if s] or [None]
            out += [Evidence(sentence=s, article=ref) for s in sentences]
        return out

    def act(self, draft: _Draft, countries: CountryCodes) -> Act:
        kind = kind_of_class().get(draft.kind, "Agreement")
        category: Category = "agreement" if kind in AGREEMENT_KINDS else "event"

        def refs(part: str) -> list[EntityRef]:
            found = draft.refs.get(part, {})
            return sorted((entity_ref(i, n) for i, n in found.items()), key=lambda r: r.name)

        locations = refs("location")
        return Act(
            id=act_id(draft.iri) or draft.iri,
            iri=draft.iri,
            href=href_act(draft.iri) or "",
            category=category,
            kind=cast(Kind, kind),
            name=draft.name,
            date=draft.date,
            parties=refs("party"),
            participants=refs("participant"),
            signatories=refs("signatory"),
            countries=[country_ref(c, countries) for c in sorted(draft.countries)],
            location=locations[0] if locations else None,
            topics=sorted(draft.topics),
            topic_labels=sorted(draft.topic_labels),
            documents=draft.documents,
            evidence=self.evidence(draft),
        )

    def person_model(self, draft: _PersonDraft) -> Person:
        roles = [
            Role(title=title, of=entity_ref(other, label) if other else None)
            for (title, other), label in sorted(draft.roles.items(), key=lambda kv: kv[0][0])
        ]
        evidence = [
            Evidence(sentence=sentence or None, article=self.articles[article])
            for article, sentence in draft.sentences
            if article in self.articles
        ]
        return Person(
            id=entity_id(draft.iri),
            iri=draft.iri,
            name=draft.name or draft.iri.rsplit("/", 1)[-1],
            href=href_entity(draft.iri),
            roles=roles,
            acts=[act_id(a) or a for a in draft.acts],
            evidence=evidence,
        )


def load_acts(
    store: Store, rows: Sequence[Mapping[str, Term]], countries: CountryCodes
) -> tuple[list[Act], list[Person]]:
    """The acts of a page query's rows, in order, with the people involved in them."""
    drafts: dict[str, _Draft] = {}
    nodes: list[NamedNode] = []
    for row in rows:
        node = row.get("act")
        if not isinstance(node, NamedNode) or node.value in drafts:
            continue
        date = row.get("date")
        drafts[node.value] = _Draft(
            iri=node.value,
            kind=rq.text(row.get("class")) or "",
            name=rq.text(row.get("name")) or "",
            date=date.value if isinstance(date, Literal) else None,
        )
        nodes.append(node)
    if not nodes:
        return [], []
    assembler = _Assembler(drafts)
    for row in rq.rows(rq.run(store, "act_details", values=(("act",), [(n,) for n in nodes]))):
        assembler.row(row)
    pairs = assembler.person_pairs()
    if pairs:
        for row in rq.rows(rq.run(store, "act_people", values=(("person", "article"), pairs))):
            assembler.person_row(row)
    acts = [assembler.act(drafts[n.value], countries) for n in nodes]
    people = sorted(
        (assembler.person_model(p) for p in assembler.people.values()),
        key=lambda p: (-len(p.acts), p.name),
    )
    return acts, people
