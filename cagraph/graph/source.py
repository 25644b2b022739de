"""What the projections read from a store: typed records, one named query each.

The queries live in ``cagraph/graph/queries/*.rq`` and run through :meth:`Store.query` with bound
values, so the reader works the same on the embedded store and on a SPARQL server. Each part is
read once, when first asked for: the ties projection never reads persons or offices.
"""

from __future__ import annotations

import sys
import threading
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Literal

from pyoxigraph import Literal as OxLiteral
from pyoxigraph import NamedNode

from cagraph.build.fingerprint import articles_digest
from cagraph.errors import InputError, NotFoundError, ValidationError
from cagraph.rdf import mint
from cagraph.rdf.vocab import CAG, CAG_NS, ID_NS, TOPIC_NS, format_kinds
from cagraph.records import AGREEMENT_KINDS
from cagraph.store import QueryResult, Store
from cagraph.store.sparql import BindingValue, Term

QUERIES = Path(__file__).resolve().parent / "queries"
EXPORT_TIMEOUT_S = 600.0
COUNTRY_PREFIX = ID_NS + "country/"

AgentType = Literal["Country", "Person", "Organization", "Agent"]
_AGENT_PRIORITY: tuple[AgentType, ...] = ("Country", "Person", "Organization", "Agent")


@dataclass(frozen=True)
class ArticleInfo:
    iri: str
    id: str
    title: str | None
    url: str | None
    published: str | None


@dataclass(frozen=True)
class Act:
    """An agreement or an event, merged over every article that states it."""

    iri: str
    kind: str  # FORMAT kind code: MOU, Agreement, … Summit, Meeting, Forum
    label: str
    date: str | None  # its own earliest date, else the earliest date of an article stating it
    articles: tuple[str, ...]  # article (graph) IRIs

    @property
    def category(self) -> Literal["agreement", "event"]:
        return "agreement" if self.kind in AGREEMENT_KINDS else "event"


@dataclass(frozen=True)
class Agent:
    iri: str
    type: AgentType
    label: str
    iso: str | None  # countries
    country: str | None  # ISO code of the country a person or organisation belongs to


@dataclass(frozen=True)
class Membership:
    iri: str
    person: str
    organization: str | None
    role: str


@dataclass(frozen=True)
class StoredTie:
    iri: str
    pair: tuple[str, str]  # ISO codes, sorted
    first_date: str | None
    last_date: str | None
    acts: tuple[str, ...]
    articles: tuple[str, ...]


@cache
def query_text(name: str) -> str:
    path = QUERIES / f"{name}.rq"
    if not path.is_file():
        raise NotFoundError(f"no projection query named {name!r}", source=str(QUERIES))
    return path.read_text(encoding="utf-8")


def _value(term: Term | None) -> str | None:
    return term.value if isinstance(term, NamedNode | OxLiteral) else None


def _local(iri: str, base: str) -> str:
    return iri[len(base) :] if iri.startswith(base) else iri


class StoreReader:
    """Reads the parts of a store the projections need, each part once."""

    def __init__(self, store: Store, *, timeout_s: float = EXPORT_TIMEOUT_S):
        self.store = store
        self.timeout_s = timeout_s

    def run(self, name: str, **bindings: BindingValue) -> QueryResult:
        """One named query with bound values, without the interactive row cap."""
        return self.store.query(
            query_text(name), bindings=bindings, timeout_s=self.timeout_s, row_cap=sys.maxsize
        )

    def _rows(self, name: str, **bindings: BindingValue) -> list[tuple[str | None, ...]]:
        return [tuple(_value(t) for t in row) for row in self.run(name, **bindings).rows]

    @cached_property
    def articles(self) -> dict[str, ArticleInfo]:
        out: dict[str, ArticleInfo] = {}
        for iri, ident, title, url, published in self._rows("articles"):
            if iri and ident:
                out[iri] = ArticleInfo(iri, ident, title, url, published)
        return out

    @cached_property
    def acts(self) -> dict[str, Act]:
        kind_of = {CAG_NS + local: code for code, local in format_kinds().items()}
        kinds: dict[str, str] = {}
        labels: dict[str, set[str]] = defaultdict(set)
        dates: dict[str, set[str]] = defaultdict(set)
        published: dict[str, set[str]] = defaultdict(set)
        articles: dict[str, set[str]] = defaultdict(set)
        for act, kind, label, when, article, day in self._rows("acts"):
            if act is None or kind is None or article is None:
                continue
            kinds.setdefault(act, kind_of[kind])
            articles[act].add(article)
            if label:
                labels[act].add(label)
            if when:
                dates[act].add(when)
            if day:
                published[act].add(day)
        return {
            act: Act(
                iri=act,
                kind=kind,
                label=min(labels[act], default=act.rsplit("/", 1)[-1]),
                date=min(dates[act], default=None) or min(published[act], default=None),
                articles=tuple(sorted(articles[act])),
            )
            for act, kind in sorted(kinds.items())
        }

    @cached_property
    def act_links(self) -> dict[str, list[tuple[str, str]]]:
        """Act IRI -> (relation, agent IRI): party, participant, signatory, involvesCountry."""
        links: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for act, relation, agent in self._rows("act_links"):
            if act and relation and agent:
                links[act].append((_local(relation, CAG_NS), agent))
        return links

    @cached_property
    def act_topics(self) -> dict[str, tuple[str, ...]]:
        topics: dict[str, set[str]] = defaultdict(set)
        for act, topic in self._rows("act_topics"):
            if act and topic:
                topics[act].add(_local(topic, TOPIC_NS))
        return {act: tuple(sorted(t)) for act, t in topics.items()}

    def act_countries(self, act: str) -> tuple[str, ...]:
        """ISO codes of the countries an act involves."""
        return tuple(
            sorted(
                mint.iso_of(agent)
                for relation, agent in self.act_links.get(act, ())
                if relation == "involvesCountry"
            )
        )

    @cached_property
    def agents(self) -> dict[str, Agent]:
        found: dict[str, dict[str, tuple[str | None, ...]]] = defaultdict(dict)
        for agent, type_iri, label, iso, home in self._rows("agents"):
            if agent and type_iri:
                found[agent][_local(type_iri, CAG_NS)] = (label, iso, home)
        out: dict[str, Agent] = {}
        for agent, by_type in sorted(found.items()):
            kind = next(t for t in _AGENT_PRIORITY if t in by_type)
            label, iso, home = by_type[kind]
            country = mint.iso_of(home) if home and home.startswith(COUNTRY_PREFIX) else None
            out[agent] = Agent(agent, kind, label or iso or agent.rsplit("/", 1)[-1], iso, country)
        return out

    @cached_property
    def memberships(self) -> list[Membership]:
        """One entry per membership (its office's smallest label when graphs disagree)."""
        found: dict[tuple[str, str, str | None], str] = {}
        for iri, person, organization, role in self._rows("memberships"):
            if iri and person and role:
                key = (iri, person, organization)
                found[key] = min(role, found.get(key, role))
        return [Membership(*key, role) for key, role in sorted(found.items(), key=str)]

    @cached_property
    def ties(self) -> list[StoredTie]:
        """The ties graph; NotFoundError if the store has none (never built)."""
        graph = mint.TIES_GRAPH
        acts: dict[str, list[str]] = defaultdict(list)
        articles: dict[str, list[str]] = defaultdict(list)
        supported, reported = CAG.ox.supportedBy.value, CAG.ox.reportedIn.value
        for tie, relation, target in self._rows("tie_links", tiesGraph=graph):
            if tie and target:
                if relation == supported:
                    acts[tie].append(target)
                elif relation == reported:
                    articles[tie].append(target)
        ties = []
        for tie, a, b, first, last in self._rows("ties", tiesGraph=graph):
            if not (tie and a and b):
                continue
            pair = tuple(sorted((mint.iso_of(a), mint.iso_of(b))))
            ties.append(
                StoredTie(
                    iri=tie,
                    pair=(pair[0], pair[1]),
                    first_date=first,
                    last_date=last,
                    acts=tuple(sorted(acts[tie])),
                    articles=tuple(sorted(articles[tie])),
                )
            )
        if not ties and self.store.count(graph.value) == 0:
            raise NotFoundError(
                "the store has no ties graph",
                source=self.store.spec,
                hint="build the graph with `cagraph build` (it derives the ties graph)",
            )
        return sorted(ties, key=lambda t: t.pair)

    def country_acts(self, iso: str) -> QueryResult:
        """Every act involving a country, with evidence sentences and articles."""
        try:
            node = mint.country(iso)
        except ValidationError as exc:
            raise InputError(exc.message, source="country", hint=exc.hint) from None
        return self.run("country_acts", country=node)


_READERS: dict[int, tuple[tuple[int, str], StoreReader]] = {}
_READERS_LOCK = threading.Lock()


def store_state(store: Store) -> tuple[int, str]:
    """What a store holds, cheaply: its quad count and the digest of its article bookkeeping."""
    return store.count(), articles_digest(store.meta())


def shared_reader(store: Store) -> StoreReader:
    """One reader per store, kept while the store holds the same quads and articles.

    For a long-running service: the parts read stay in memory between requests (a time-window
    change in the explorer then only re-projects), and the first request after a change reads
    afresh. A change that keeps both the quad count and every article's bookkeeping (a triple
    swapped for another outside the build) would go unseen: rebuild, or restart the service.
    """
    state = store_state(store)
    with _READERS_LOCK:
        kept = _READERS.get(id(store))
        if kept is not None and kept[0] == state and kept[1].store is store:
            return kept[1]
        reader = StoreReader(store)
        _READERS[id(store)] = (state, reader)
        return reader
