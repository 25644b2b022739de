"""The two networkx projections of the knowledge graph.

``ties``: one node per state-level actor, one undirected edge per bilateral tie, weighted by the
agreements and events that support it (after the filter), with counts by kind, topics, articles
and first/last date. ``full``: persons, organisations, countries, agreements and events as typed
nodes; directed edges act → party, participant and signatory, person → organisation or country
for an office held (``role``), person or organisation → its country (``country``).

Nodes are keyed by XML-safe ids (:mod:`cagraph.graph.ids`) and carry their IRI. Dates stay
partial ISO strings here; the exporters turn them into time spans. Metrics are added last
(:mod:`cagraph.graph.metrics`), on the filtered graph.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

import networkx as nx

from cagraph.errors import InputError
from cagraph.graph.filters import ExportFilter, date_span
from cagraph.graph.ids import node_id
from cagraph.graph.metrics import annotate
from cagraph.graph.source import Act, Agent, StoredTie, StoreReader
from cagraph.rdf import mint
from cagraph.refdata import load_reference

GraphName = Literal["ties", "full"]
GRAPHS: tuple[GraphName, ...] = ("ties", "full")
ACT_RELATIONS = ("party", "participant", "signatory")


def graph_name(value: str) -> GraphName:
    """Check a graph name given by a user."""
    if value == "ties":
        return "ties"
    if value == "full":
        return "full"
    raise InputError(f"unknown graph {value!r}", source="graph", hint="use ties or full")


@cache
def _regions() -> dict[str, str]:
    return {c.iso2: c.region for c in load_reference().countries}


@cache
def _country_names() -> dict[str, str]:
    return {c.iso2: c.name for c in load_reference().countries}


@dataclass(frozen=True)
class FilteredTie:
    """A tie as the filter sees it: the acts and articles it keeps, and their dates."""

    stored: StoredTie
    acts: tuple[Act, ...]
    articles: tuple[str, ...]
    first_date: str | None
    last_date: str | None

    @property
    def agreements(self) -> int:
        return sum(1 for a in self.acts if a.category == "agreement")

    @property
    def events(self) -> int:
        return sum(1 for a in self.acts if a.category == "event")

    def kind_counts(self) -> dict[str, int]:
        return dict(sorted(Counter(a.kind for a in self.acts).items()))


def filter_ties(reader: StoreReader, flt: ExportFilter) -> list[FilteredTie]:
    """The stored ties with their acts and articles narrowed by the filter.

    A tie keeps the supporting acts that pass the window, kinds and topics, and the articles
    stating those acts; when the filter does not choose acts by kind or topic, also the articles
    reporting the tie dated inside the window. A tie is kept when it keeps an act, or (no kind
    or topic chosen) an article. Its dates are those of its acts, else of its articles.
    """
    acts = reader.acts
    topics = reader.act_topics if flt.topics else {}
    published = {iri: a.published for iri, a in reader.articles.items()} if flt.active else {}
    out = []
    for tie in reader.ties:
        if not flt.touches(tie.pair):
            continue
        kept = tuple(
            acts[i]
            for i in tie.acts
            if i in acts and flt.keeps_act(acts[i].kind, acts[i].date, topics.get(i, ()))
        )
        if not flt.active:
            articles = set(tie.articles)
        else:
            reporting = set(tie.articles)
            articles = {a for act in kept for a in act.articles if a in reporting}
            if not flt.selects_acts:
                articles |= {a for a in reporting if flt.in_window(published.get(a))}
        if not kept and (flt.selects_acts or not articles):
            continue
        if kept:
            dates = {a.date for a in kept if a.date}
        elif flt.active:
            dates = {d for a in articles if (d := published.get(a))}
        else:
            dates = {d for d in (tie.first_date, tie.last_date) if d}
        out.append(
            FilteredTie(
                stored=tie,
                acts=kept,
                articles=tuple(sorted(articles)),
                first_date=min(dates, default=None),
                last_date=max(dates, default=None),
            )
        )
    return out


def _country_node(code: str, agents: dict[str, Agent]) -> tuple[str, dict[str, Any]]:
    iri = mint.country(code).value
    agent = agents.get(iri)
    label = agent.label if agent else _country_names().get(code, code)
    return node_id(iri), {
        "iri": iri,
        "label": label,
        "type": "Country",
        "iso": code,
        "region": _regions().get(code),
    }


def ties_graph(
    reader: StoreReader, flt: ExportFilter | None = None, *, metrics: bool = True
) -> nx.Graph:
    """State-level actors and the bilateral ties between them, as the filter keeps them."""
    flt = flt or ExportFilter()
    graph = nx.Graph(name="cagraph ties", filter=flt.describe())
    agents = reader.agents
    topics = reader.act_topics
    for tie in filter_ties(reader, flt):
        ends = [_country_node(code, agents) for code in tie.stored.pair]
        for node, data in ends:
            if node not in graph:
                graph.add_node(node, **data)
        a, b = tie.stored.pair
        graph.add_edge(
            ends[0][0],
            ends[1][0],
            iri=tie.stored.iri,
            label=f"{a}–{b}",
            weight=tie.agreements + tie.events,
            agreements=tie.agreements,
            events=tie.events,
            articles=len(tie.articles),
            kinds=tie.kind_counts(),
            topics=sorted({t for act in tie.acts for t in topics.get(act.iri, ())}),
            first_date=tie.first_date,
            last_date=tie.last_date,
            **_span(tie.first_date, tie.last_date),
        )
    _node_spans(graph)
    if metrics:
        annotate(graph)
    return graph


def _span(first: str | None, last: str | None) -> dict[str, str]:
    """``start``/``end`` days (ISO) of the span from one partial date to another, if known."""
    span = {}
    if first:
        span["start"] = date_span(first)[0].isoformat()
    if last:
        span["end"] = date_span(last)[1].isoformat()
    return span


def _act_span(act: Act) -> dict[str, str]:
    """An event lasts the span of its date; an agreement holds from its date on."""
    if act.date is None:
        return {}
    return _span(act.date, act.date if act.category == "event" else None)


def _node_spans(graph: nx.Graph) -> None:
    """A node whose every edge has a span lives from the first start to the last end."""
    for node in graph.nodes:
        edges = [d for *_, d in graph.edges(node, data=True)]
        if edges and all(d.get("start") and d.get("end") for d in edges):
            graph.nodes[node]["start"] = min(d["start"] for d in edges)
            graph.nodes[node]["end"] = max(d["end"] for d in edges)


def _kept_acts(reader: StoreReader, flt: ExportFilter) -> list[Act]:
    topics = reader.act_topics
    return [
        act
        for act in reader.acts.values()
        if flt.keeps_act(act.kind, act.date, topics.get(act.iri, ()))
        and flt.touches(reader.act_countries(act.iri))
    ]


def _agent_data(agent: Agent) -> dict[str, Any]:
    data: dict[str, Any] = {"iri": agent.iri, "label": agent.label, "type": agent.type}
    if agent.type == "Country" and agent.iso:
        data["iso"] = agent.iso
        data["region"] = _regions().get(agent.iso)
    elif agent.country:
        data["country"] = agent.country
    return data


def full_graph(
    reader: StoreReader, flt: ExportFilter | None = None, *, metrics: bool = True
) -> nx.MultiDiGraph:
    """Persons, organisations, countries, agreements and events, and how they are linked.

    Without a filter every agent of the store is a node; with one, the kept acts and the agents
    linked to them (their parties, participants, signatories, the offices of those persons and
    the countries of all of them).
    """
    flt = flt or ExportFilter()
    graph = nx.MultiDiGraph(name="cagraph full", filter=flt.describe())
    agents = reader.agents
    topics = reader.act_topics

    def add_agent(iri: str) -> str | None:
        agent = agents.get(iri)
        if agent is None:
            return None
        node = node_id(iri)
        if node not in graph:
            graph.add_node(node, **_agent_data(agent))
        return node

    kept = _kept_acts(reader, flt)
    for act in kept:
        node = node_id(act.iri)
        graph.add_node(
            node,
            iri=act.iri,
            label=act.label,
            type="Agreement" if act.category == "agreement" else "Event",
            kind=act.kind,
            date=act.date,
            topics=list(topics.get(act.iri, ())),
            countries=list(reader.act_countries(act.iri)),
            articles=len(act.articles),
            **_act_span(act),
        )
        for relation, agent in reader.act_links.get(act.iri, ()):
            if relation in ACT_RELATIONS and (target := add_agent(agent)) is not None:
                graph.add_edge(node, target, key=relation, relation=relation, **_act_span(act))
    if not flt.active:
        for iri in agents:
            add_agent(iri)
    for membership in reader.memberships:
        person = node_id(membership.person)
        if person not in graph or membership.organization is None:
            continue
        target = add_agent(membership.organization)
        if target is not None:
            key = f"role:{membership.role}"
            if not graph.has_edge(person, target, key):
                graph.add_edge(person, target, key=key, relation="role", role=membership.role)
    _add_roles(graph, reader)
    _add_countries(graph, agents, add_agent)
    for _, _, data in graph.edges(data=True):
        data["weight"] = 1
    if metrics:
        annotate(graph)
    return graph


def _add_roles(graph: nx.MultiDiGraph, reader: StoreReader) -> None:
    """Each person's offices as a list attribute (also those held nowhere in particular)."""
    roles: dict[str, set[str]] = {}
    for membership in reader.memberships:
        roles.setdefault(node_id(membership.person), set()).add(membership.role)
    for node, titles in roles.items():
        if node in graph:
            graph.nodes[node]["roles"] = sorted(titles)


def _add_countries(
    graph: nx.MultiDiGraph, agents: dict[str, Agent], add_agent: Callable[[str], str | None]
) -> None:
    """Person or organisation → the country it belongs to."""
    members: Iterable[tuple[str, str]] = [
        (node, str(data["country"]))
        for node, data in graph.nodes(data=True)
        if data.get("country") and data.get("type") in ("Person", "Organization", "Agent")
    ]
    for node, code in list(members):
        target = add_agent(mint.country(code).value)
        if target is None:
            target = node_id(mint.country(code).value)
            graph.add_node(target, **dict(_country_node(code, agents)[1]))
        graph.add_edge(node, target, key="country", relation="country")


def project(
    reader: StoreReader, graph: GraphName, flt: ExportFilter | None = None, *, metrics: bool = True
) -> nx.Graph:
    """The projection called ``graph`` ("ties" or "full")."""
    if graph == "ties":
        return ties_graph(reader, flt, metrics=metrics)
    return full_graph(reader, flt, metrics=metrics)
