"""Bilateral ties derived across all article graphs, into the named graph ``id/graph/ties``.

A pair of state-level actors is tied when an article reports the tie, or when an act
(agreement or event) involves exactly those two states. An act supports a pair when it
involves both states in an article that reports the pair, or involves only those two states.

Each tie ``id/tie/KZ-UZ`` carries its two countries, distinct agreements, events and articles
counted, counts per kind, the first and last date (of its acts; an act without a date takes the
date of the earliest article reporting it; a tie without acts takes its articles' dates), and
``cag:supportedBy`` / ``cag:reportedIn`` links; each country ``cag:hasTie`` its ties, so a tie is
one index lookup away. Recompute after every build (:func:`refresh_ties`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode, Quad, Store

from cagraph.rdf import literals as lit
from cagraph.rdf import mint
from cagraph.rdf.queries import OxTerm, load_query, run_query
from cagraph.rdf.vocab import CAG, RDF, SKOS, format_kinds
from cagraph.records import AGREEMENT_KINDS

Pair = tuple[str, str]
Select = Callable[[str], Iterable[Sequence[OxTerm | None]]]
"""Runs a SELECT (SPARQL text) on any store, giving rows in the order of its projection."""


@dataclass
class _Act:
    kind: str  # FORMAT kind code
    dates: set[str] = field(default_factory=set)
    published: set[str] = field(default_factory=set)
    countries: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    @property
    def date(self) -> str | None:
        return min(self.dates) if self.dates else min(self.published, default=None)


@dataclass(frozen=True)
class TieSummary:
    """Everything known about one bilateral tie, aggregated over all articles."""

    pair: Pair
    agreements: frozenset[str]
    events: frozenset[str]
    articles: frozenset[str]
    kind_counts: tuple[tuple[str, int], ...]  # (FORMAT kind code, count), sorted by code
    first_date: str | None
    last_date: str | None


def _text(term: OxTerm | None) -> str | None:
    return term.value if term is not None else None


def _code(term: OxTerm | None) -> str:
    return mint.iso_of(term.value if term is not None else "")


def _rows(source: Store | Select, name: str) -> Iterable[Sequence[OxTerm | None]]:
    if isinstance(source, Store):
        return run_query(source, name).rows
    return source(load_query(name).text)


def derive_ties(source: Store | Select) -> list[TieSummary]:
    """Aggregate every article graph into tie summaries, sorted by pair. ``source`` is a
    pyoxigraph store, or a function running a SELECT on another store (a SPARQL server)."""
    kind_of = {str(CAG[local]): code for code, local in format_kinds().items()}
    acts: dict[str, _Act] = {}
    for article, published, act, kind, date, country in _rows(source, "ties_acts"):
        a = acts.setdefault(_text(act) or "", _Act(kind_of[_text(kind) or ""]))
        if date is not None:
            a.dates.add(date.value)
        if published is not None:
            a.published.add(published.value)
        a.countries[_text(article) or ""].add(_code(country))

    reported: dict[str, set[Pair]] = defaultdict(set)
    tie_articles: dict[Pair, set[str]] = defaultdict(set)
    tie_published: dict[Pair, set[str]] = defaultdict(set)
    for article, published, _tie, a_node, b_node in _rows(source, "ties_reported"):
        pair = (_code(a_node), _code(b_node))
        reported[_text(article) or ""].add(pair)
        tie_articles[pair].add(_text(article) or "")
        if published is not None:
            tie_published[pair].add(published.value)

    supports: dict[Pair, set[str]] = defaultdict(set)
    for iri, act_ in acts.items():
        for where, countries in act_.countries.items():
            pairs = {p for p in reported.get(where, ()) if set(p) <= countries}
            if len(countries) == 2:
                x, y = sorted(countries)
                pairs.add((x, y))
            for pair in pairs:
                supports[pair].add(iri)
                tie_articles[pair].add(where)

    summaries = []
    for pair in sorted(set(tie_articles)):
        support = supports.get(pair, set())
        agreements = frozenset(i for i in support if acts[i].kind in AGREEMENT_KINDS)
        counts: dict[str, int] = defaultdict(int)
        for i in support:
            counts[acts[i].kind] += 1
        dates = {d for i in support if (d := acts[i].date) is not None}
        if not support:
            dates = tie_published.get(pair, set())
        summaries.append(
            TieSummary(
                pair=pair,
                agreements=agreements,
                events=frozenset(support - agreements),
                articles=frozenset(tie_articles[pair]),
                kind_counts=tuple(sorted(counts.items())),
                first_date=min(dates, default=None),
                last_date=max(dates, default=None),
            )
        )
    return summaries


def tie_quads(summaries: list[TieSummary], labels: dict[str, str]) -> list[Quad]:
    """The ties graph for these summaries; ``labels`` maps ISO codes to country labels."""
    g = mint.TIES_GRAPH
    out: list[Quad] = []

    def add(s: NamedNode, p: NamedNode, o: NamedNode | Literal) -> None:
        out.append(Quad(s, p, o, g))

    described: set[str] = set()
    for t in summaries:
        node = mint.tie(*t.pair)
        add(node, RDF.ox.type, CAG.ox.BilateralTie)
        for code in t.pair:
            country = mint.country(code)
            add(node, CAG.ox.between, country)
            add(country, CAG.ox.hasTie, node)
            if code not in described:
                described.add(code)
                add(country, RDF.ox.type, CAG.ox.Country)
                add(country, CAG.ox.isoCode, lit.text(code))
                add(country, SKOS.ox.prefLabel, lit.text(labels.get(code, code)))
        add(node, CAG.ox.agreementCount, lit.integer(len(t.agreements)))
        add(node, CAG.ox.eventCount, lit.integer(len(t.events)))
        add(node, CAG.ox.articleCount, lit.integer(len(t.articles)))
        if t.first_date and t.last_date:
            add(node, CAG.ox.firstDate, lit.partial_date(t.first_date))
            add(node, CAG.ox.lastDate, lit.partial_date(t.last_date))
        for kind, count in t.kind_counts:
            counter = mint.tie_kind_count(node, kind)
            add(node, CAG.ox.kindCount, counter)
            add(counter, RDF.ox.type, CAG.ox.KindCount)
            add(counter, CAG.ox.kind, CAG.ox[format_kinds()[kind]])
            add(counter, CAG.ox.count, lit.integer(count))
        for act in sorted(t.agreements | t.events):
            add(node, CAG.ox.supportedBy, NamedNode(act))
        for article in sorted(t.articles):
            add(node, CAG.ox.reportedIn, NamedNode(article))
    return out


def country_labels(source: Store | Select) -> dict[str, str]:
    """ISO code -> one label (the smallest) of every country in the article graphs."""
    rows = _rows(source, "ties_countries")
    return {c.value: lab.value for _, c, lab in rows if c is not None and lab is not None}


def compute_ties(source: Store | Select) -> list[Quad]:
    """The quads of the ties graph, derived from every article graph (see derive_ties)."""
    return tie_quads(derive_ties(source), country_labels(source))


def refresh_ties(store: Store) -> int:
    """Replace the ties graph of the store with freshly computed ties; the number of quads."""
    quads = compute_ties(store)
    store.clear_graph(mint.TIES_GRAPH)
    store.extend(quads)
    return len(quads)
