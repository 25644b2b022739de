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


def _rows(source: Store | Select, name: str) -> Iterable[Sequence[OxTerm | None]]:
    if isinstance(source, Store):
        return run_query(source, name).rows
    return source(load_query(name).text)


def _scan(source: Store | Select, name: str) -> Iterable[tuple[str, ...]]:
    """The rows of an internal one-pattern query as IRI/literal texts (unbound = "")."""
    for row in _rows(source, name):
        yield tuple(term.value if term is not None else "" for term in row)


def _acts(source: Store | Select, published: dict[str, set[str]]) -> dict[str, _Act]:
    """Every agreement and event with its kind, dates and countries per article graph: the
    join of ties_act_kinds, ties_act_dates and ties_act_countries within each graph."""
    kind_of = {str(CAG[local]): code for code, local in format_kinds().items()}
    kinds: dict[tuple[str, str], str] = {}
    for article, act, kind in sorted(_scan(source, "ties_act_kinds")):
        kinds.setdefault((article, act), kind_of[kind])  # two kinds in one graph: the first
    dates: dict[tuple[str, str], set[str]] = defaultdict(set)
    for article, act, date in _scan(source, "ties_act_dates"):
        dates[(article, act)].add(date)
    acts: dict[str, _Act] = {}
    for article, act, country in _scan(source, "ties_act_countries"):
        key = (article, act)
        if article not in published or key not in kinds:
            continue  # not an article graph, or not an agreement or event there
        a = acts.get(act)
        if a is None:
            a = acts[act] = _Act(kinds[key])
        a.dates.update(dates.get(key, ()))
        a.published.update(published[article])
        a.countries[article].add(mint.iso_of(country))
    return acts


def derive_ties(source: Store | Select) -> list[TieSummary]:
    """Aggregate every article graph into tie summaries, sorted by pair. ``source`` is a
    pyoxigraph store, or a function running a SELECT on another store (a SPARQL server).

    The inputs are read with one-pattern queries (``ontology/queries/ties_*.rq``, one index
    scan each) and joined here per article graph: on disk this is ~5x faster than one query
    joining the patterns, which pays an index lookup per row and pattern.
    """
    published: dict[str, set[str]] = {}  # every article graph, with its dates
    for article, date in _scan(source, "ties_articles"):
        dates = published.setdefault(article, set())
        if date:
            dates.add(date)
    acts = _acts(source, published)

    between: dict[tuple[str, str], set[str]] = defaultdict(set)
    for article, tie, country in _scan(source, "ties_between"):
        between[(article, tie)].add(country)
    reported: dict[str, set[Pair]] = defaultdict(set)
    tie_articles: dict[Pair, set[str]] = defaultdict(set)
    tie_published: dict[Pair, set[str]] = defaultdict(set)
    for article, tie in _scan(source, "ties_reports"):
        if article not in published:
            continue
        named = sorted(between.get((article, tie), ()))
        for k, a_iri in enumerate(named):
            for b_iri in named[k + 1 :]:
                pair = (mint.iso_of(a_iri), mint.iso_of(b_iri))
                reported[article].add(pair)
                tie_articles[pair].add(article)
                tie_published[pair].update(published[article])

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
