"""Tie shapes: everything ``GET /ties/{a}/{b}`` shows about a tie, read once and kept ready.

The ties graph gives a tie's counts and its supporting acts (``cag:supportedBy``); the acts'
kinds, dates, topics, parties, evidence and people are in the article graphs. A tie's shape is
read from the store on its first request (``tie.rq``, ``tie_index.rq``, then ``act_details.rq``
and ``act_people.rq`` for its acts, a batch at a time) and kept: a request then filters and
pages the tie's acts, already sorted newest first, in memory. Reading a shape costs a few index
lookups per act; serving one costs no query at all.

Each shape also keeps the response bodies of its last ``PAGES_PER_TIE`` distinct requests (the
same path and query string give the same bytes while the shape lives), so a tie asked for again
costs a dictionary lookup.

Shapes are dropped after the service's own writes; with a store the service does not own (a
SPARQL server) they also expire after ``ttl_s`` seconds. At most ``max_ties`` are kept, least
recently used first out (a tie with 300 acts takes about 4 MB, plus up to ~50 KB per page kept).
"""

from __future__ import annotations

import json
import threading
import time
from collections import OrderedDict
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from pyoxigraph import NamedNode

from api import rq
from api.codes import CountryCodes
from api.models.common import Act, Person
from api.models.ties import TieCounts
from api.services.acts import ActFilter, kind_of_class, load_acts
from cagraph.rdf.topics import TopicMatcher
from cagraph.rdf.vocab import TOPIC
from cagraph.store import Store
from cagraph.store.sparql import Term

BATCH = 100  # acts per details query
PAGES_PER_TIE = 8  # response bodies kept per tie shape
NO_FILTER = ActFilter()


@dataclass(frozen=True)
class IndexedAct:
    act: Act
    date: str | None
    topics: frozenset[str]  # concept local names
    topic_labels: frozenset[str]  # lower-cased, as written
    json: bytes  # the act as the response shows it, serialized once


@dataclass(frozen=True)
class IndexedPerson:
    """A person of the tie, serialized once: the JSON up to their roles, their acts and each
    piece of evidence (with the article it is from) to pick from per page."""

    head: bytes  # '{"id":…,"iri":…,"name":…,"href":…,"roles":[…]'
    acts: tuple[tuple[str, bytes], ...]  # (act id, its JSON string)
    evidence: tuple[tuple[str, bytes], ...]  # (article IRI, evidence JSON)

    @classmethod
    def of(cls, person: Person) -> IndexedPerson:
        whole = person.model_dump_json(exclude={"acts", "evidence"}).encode()
        acts = tuple((a, json.dumps(a, ensure_ascii=False).encode()) for a in person.acts)
        evidence = tuple((e.article.iri, e.model_dump_json().encode()) for e in person.evidence)
        return cls(head=whole[:-1], acts=acts, evidence=evidence)

    def json(self, shown: Container[str], articles: Container[str]) -> bytes:
        acts = b",".join(j for a, j in self.acts if a in shown)
        evidence = b",".join(e for article, e in self.evidence if article in articles)
        return b"".join((self.head, b',"acts":[', acts, b'],"evidence":[', evidence, b"]}"))


@dataclass(frozen=True)
class TieShape:
    counts: TieCounts
    acts: tuple[IndexedAct, ...]  # newest first
    people: tuple[IndexedPerson, ...]  # everyone in any act of the tie, most active first
    people_by_act: Mapping[str, tuple[int, ...]]  # act id -> indexes into people
    pages: OrderedDict[bytes, bytes] = field(default_factory=OrderedDict, compare=False)

    @cached_property
    def counts_json(self) -> bytes:
        return self.counts.model_dump_json().encode()

    def page(self, request_key: bytes) -> bytes | None:
        """The body last made for this request (path and query string), if kept."""
        return self.pages.get(request_key)

    def keep_page(self, request_key: bytes, body: bytes) -> None:
        self.pages[request_key] = body
        while len(self.pages) > PAGES_PER_TIE:
            self.pages.popitem(last=False)

    def select(self, f: ActFilter) -> list[IndexedAct] | tuple[IndexedAct, ...]:
        """The acts that pass the filter, newest first."""
        if f == NO_FILTER:
            return self.acts
        concept, text = _topics(f)
        return [
            a
            for a in self.acts
            if (f.kind is None or a.act.kind == f.kind)
            and (concept is None or concept in a.topics)
            and (text is None or text in a.topic_labels)
            and _overlaps(a.date, f.since, f.until)
        ]

    def people_json(self, acts: Iterable[Act]) -> bytes:
        """The JSON list of the people of some of the tie's acts (a list of
        :class:`~api.models.common.Person`): their acts limited to those acts, their evidence
        to those acts' articles."""
        shown = {a.id: a for a in acts}
        articles = {e.article.iri for a in shown.values() for e in a.evidence}
        chosen = sorted({i for act in shown for i in self.people_by_act.get(act, ())})
        return b"[" + b",".join(self.people[i].json(shown, articles) for i in chosen) + b"]"


def _overlaps(date: str | None, since: str | None, until: str | None) -> bool:
    """Whether a partial date falls in [since, until], comparing at the shorter length."""
    if since is None and until is None:
        return True
    if date is None:
        return False
    if since and date[: len(since)] < since[: len(date)]:
        return False
    return not (until and date[: len(until)] > until[: len(date)])


def _topics(f: ActFilter) -> tuple[str | None, str | None]:
    """(concept, lower-cased text) a topic filter asks for."""
    if not f.topic:
        return None, None
    text = f.topic.strip()
    concepts = (text,) if text in TOPIC else TopicMatcher.default().match(text)
    return (concepts[0], None) if concepts else (None, text.lower())


def counts(rows: Iterable[Mapping[str, Term]]) -> TieCounts | None:
    """A tie's counts from the rows of ``tie.rq`` (None when there is no such tie)."""
    found: TieCounts | None = None
    by_kind: dict[str, int] = {}
    for row in rows:
        if found is None:
            found = TieCounts(
                agreements=rq.integer(row.get("agreements")),
                events=rq.integer(row.get("events")),
                articles=rq.integer(row.get("articles")),
                by_kind=by_kind,
                first_date=rq.text(row.get("first")),
                last_date=rq.text(row.get("last")),
            )
        kind = kind_of_class().get(rq.text(row.get("kind")) or "")
        if kind:
            by_kind[kind] = rq.integer(row.get("count"))
    if found is not None:
        found.by_kind = dict(sorted(by_kind.items()))
    return found


def read_shape(store: Store, countries: CountryCodes, tie: NamedNode) -> TieShape | None:
    """A tie's shape from the store (None when the ties graph has no such tie)."""
    found = counts(rq.rows(rq.run(store, "tie", {"tie": tie})))
    if found is None:
        return None
    listed = []
    for row in rq.rows(rq.run(store, "tie_index", {"tie": tie})):
        act = row.get("act")
        if isinstance(act, NamedNode) and isinstance(row.get("class"), NamedNode):
            listed.append(row)
    listed.sort(key=lambda r: rq.text(r.get("act")) or "")
    listed.sort(key=lambda r: rq.text(r.get("date")) or "", reverse=True)
    acts: list[Act] = []
    people: dict[str, Person] = {}
    for start in range(0, len(listed), BATCH):
        batch, batch_people = load_acts(store, listed[start : start + BATCH], countries)
        acts += batch
        for person in batch_people:
            known = people.get(person.iri)
            if known is None:
                people[person.iri] = person
            else:
                people[person.iri] = known.model_copy(
                    update={
                        "acts": known.acts + person.acts,
                        "evidence": known.evidence + person.evidence,
                        "roles": known.roles or person.roles,
                    }
                )
    indexed = tuple(
        IndexedAct(
            act=act,
            date=act.date,
            topics=frozenset(act.topics),
            topic_labels=frozenset(t.lower() for t in act.topic_labels),
            json=act.model_dump_json().encode(),
        )
        for act in acts
    )
    order = sorted(people.values(), key=lambda p: (-len(p.acts), p.name))
    by_act: dict[str, list[int]] = {}
    for i, person in enumerate(order):
        for act_id in person.acts:
            by_act.setdefault(act_id, []).append(i)
    return TieShape(
        counts=found,
        acts=indexed,
        people=tuple(IndexedPerson.of(p) for p in order),
        people_by_act={k: tuple(v) for k, v in by_act.items()},
    )


class TieIndex:
    def __init__(
        self,
        store: Store,
        countries: CountryCodes,
        *,
        ttl_s: float | None = None,
        max_ties: int = 256,
    ):
        self.store = store
        self.countries = countries
        self.ttl_s = ttl_s
        self.max_ties = max_ties
        self._lock = threading.Lock()
        self._shapes: OrderedDict[str, tuple[float, TieShape | None]] = OrderedDict()

    def invalidate(self) -> None:
        with self._lock:
            self._shapes.clear()

    def cached(self, tie: NamedNode) -> tuple[bool, TieShape | None]:
        """(known, shape) without touching the store."""
        now = time.monotonic()
        with self._lock:
            found = self._shapes.get(tie.value)
            if found is None or (self.ttl_s is not None and now - found[0] > self.ttl_s):
                return False, None
            self._shapes.move_to_end(tie.value)
            return True, found[1]

    def shape(self, tie: NamedNode) -> TieShape | None:
        """The tie's shape, read from the store on first use (blocking)."""
        known, shape = self.cached(tie)
        if known:
            return shape
        shape = read_shape(self.store, self.countries, tie)
        with self._lock:
            self._shapes[tie.value] = (time.monotonic(), shape)
            while len(self._shapes) > self.max_ties:
                self._shapes.popitem(last=False)
        return shape
