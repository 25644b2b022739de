"""Graph benchmark: mapping throughput, on-disk insertion, ties and competency-query latency.

Generates deterministic synthetic ArticleExtraction records (countries from pycountry, made-up
institutions and persons, agreements that recur across articles), maps them to named graphs,
inserts them into an on-disk pyoxigraph Store one article at a time, derives the ties graph,
then times cq1 (partners of a country) and cq2 (agreements between two countries) and, for
comparison, a naive bilateral query that scans the article graphs. In the same run, the same
quads go into an in-memory rdflib Dataset (``Store.to_rdflib``'s path: the N-Quads dump parsed by
rdflib), and cq1 and cq2 are timed there with the same parameters, their row counts checked
against the embedded store's.

    .venv/bin/python bench/graph_bench.py                    # >= 1M quads
    .venv/bin/python bench/graph_bench.py --quads 200000 --runs 20 --rdflib-runs 5
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pycountry
import pyoxigraph as ox
import rdflib

from cagraph.rdf import mint
from cagraph.rdf.mapping import map_extraction
from cagraph.rdf.ontology import ontology_quads
from cagraph.rdf.queries import load_query, run_query
from cagraph.rdf.ties import derive_ties, refresh_ties
from cagraph.records import Agreement, ArticleExtraction, Entity, Event, Evidence, Role, Tie
from cagraph.refdata.model import Country, ReferenceData
from cagraph.resolve.resolver import Resolver

CENTRAL_ASIA = ("KZ", "KG", "TJ", "TM", "UZ")
PARTNERS = (
    "CN", "RU", "TR", "JP", "KR", "IN", "PK", "AF", "AZ", "GE", "IR", "DE", "FR", "IT", "GB",
    "US", "AE", "SA", "QA", "MN", "BY", "UA", "AM", "HU", "PL", "ES", "NL", "CH", "IL", "EG",
)  # fmt: skip
TOPICS = (
    "energy", "renewable energy", "trade", "investment", "education", "culture", "transport",
    "railways", "security", "health", "agriculture", "digital technologies", "water resources",
    "tourism", "finance", "media", "environment", "labour migration", "science", "mining",
)  # fmt: skip
KINDS = ("MOU", "Agreement", "Treaty", "Declaration", "Program")
EVENTS = ("Summit", "Meeting", "Forum")
SYLLABLES = ("ka", "ra", "mu", "to", "sa", "li", "na", "be", "ko", "da", "shi", "zo", "ul", "an")
NAIVE_BILATERAL = """
PREFIX cag: <https://w3id.org/cagraph/ontology#>
SELECT ?a ?b ?kind (COUNT(DISTINCT ?act) AS ?n) (MAX(STR(?date)) AS ?last) WHERE {
  ?act cag:involvesCountry ?a, ?b ; a ?kind .
  OPTIONAL { ?act cag:date ?date }
} GROUP BY ?a ?b ?kind
"""


def reference() -> ReferenceData:
    """Every pycountry country as a state-level actor, plus the EU."""
    countries = [
        Country(c.alpha_2, c.alpha_3, None, getattr(c, "common_name", c.name), None, (), (), None)
        for c in pycountry.countries
    ]
    countries.append(Country("EU", None, "Q458", "European Union", None, (), (), None))
    return ReferenceData(tuple(countries), (), (), (), (), ())


def person_name(rng: random.Random) -> str:
    def word() -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).title()

    return f"{word()} {word()}ov"


def synthetic_articles(seed: int = 7) -> Iterator[ArticleExtraction]:
    """An endless, deterministic stream of plausible extractions."""
    rng = random.Random(seed)
    people = {c: [person_name(rng) for _ in range(30)] for c in CENTRAL_ASIA + PARTNERS}
    i = 0
    while True:
        i += 1
        aid = f"syn{i:06d}"
        home = rng.choice(CENTRAL_ASIA)
        others = rng.sample([c for c in CENTRAL_ASIA + PARTNERS if c != home], rng.randint(1, 3))
        codes = [home, *others]
        names = {c: pycountry.countries.get(alpha_2=c).name for c in codes}
        year = rng.randint(2012, 2025)
        published = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"

        def ev(sentence: str, component: str, aid: str = aid) -> Evidence:
            start = rng.randint(0, 5000)
            return Evidence(
                article_id=aid,
                sentence=sentence,
                start=start,
                end=start + len(sentence),
                component=component,
                confidence=round(rng.uniform(0.5, 1.0), 2),
            )

        entities = [Entity(type="Country", name=names[c], iso=c) for c in codes]
        orgs = []
        for c in codes[:2]:
            org = f"Ministry of {rng.choice(TOPICS).title()} of {names[c]}"
            orgs.append(org)
            entities.append(Entity(type="Organization", name=org, evidence=[ev(org, "orgs.v1")]))
        for c in codes[:2]:
            who = rng.choice(people[c])
            role = Role(
                title=rng.choice(("President", "Foreign Minister", "Ambassador")), of=names[c]
            )
            entities.append(
                Entity(type="Person", name=who, roles=[role], evidence=[ev(who, "persons.v1")])
            )
        agreements = []
        for _ in range(rng.randint(1, 3)):
            topic = rng.choice(TOPICS)
            pair = codes[:2] if rng.random() < 0.7 else rng.sample(codes, 2)
            name = f"{rng.choice(('memorandum', 'agreement', 'roadmap'))} on {topic}"
            parties = orgs if rng.random() < 0.4 else [names[c] for c in pair]
            agreements.append(
                Agreement(
                    kind=rng.choice(KINDS),
                    name=name,
                    parties=parties,
                    countries=pair if parties is not orgs else codes[:2],
                    date=f"{year}-{rng.randint(1, 12):02d}" if rng.random() < 0.6 else None,
                    topics=[topic, rng.choice(TOPICS)],
                    evidence=ev(f"The sides signed a {name}.", "agreements.v1"),
                )
            )
        kind = rng.choice(EVENTS)
        events = [
            Event(
                kind=kind,
                name=f"{kind.lower()} of {' and '.join(names[c] for c in codes)}",
                date=published,
                participants=[names[c] for c in codes],
                countries=codes,
                evidence=ev(f"A {kind.lower()} was held.", "events.v1"),
            )
        ]
        ties = [Tie(a=home, b=c, evidence=[ev("They agreed.", "ties.v1")]) for c in others]
        yield ArticleExtraction(
            id=aid,
            published=published,
            url=f"https://news.example.org/{aid}",
            title=f"Synthetic article {i}",
            extractor="cagraph-bench 0",
            entities=entities,
            agreements=agreements,
            events=events,
            ties=ties,
        )


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median and 95th percentile in milliseconds (after one warm-up run)."""
    fn()
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.95))]


@dataclass
class Build:
    articles: int = 0
    quads: int = 0
    map_s: float = 0.0
    insert_s: float = 0.0
    ties_s: float = 0.0
    tie_quads: int = 0


def build(store: ox.Store, target: int) -> Build:
    """Map synthetic articles and insert them one transaction each until ``target`` quads."""
    resolver = Resolver(reference())
    articles = synthetic_articles()
    b = Build()
    while b.quads < target:
        x = next(articles)
        t0 = time.perf_counter()
        graph = map_extraction(x, resolver)
        t1 = time.perf_counter()
        store.extend(graph.quads)
        b.insert_s += time.perf_counter() - t1
        b.map_s += t1 - t0
        b.quads += len(graph.quads)
        b.articles += 1
    t = time.perf_counter()
    store.extend(ontology_quads())
    b.tie_quads = refresh_ties(store)
    b.ties_s = time.perf_counter() - t
    store.flush()
    return b


Params = Callable[[], dict[str, ox.NamedNode]]


def measure(store: ox.Store, runs: int) -> list[tuple[str, tuple[float, float], int]]:
    """Warm latency of every competency query (and of a naive bilateral scan)."""
    ties = [t for t in derive_ties(store) if t.agreements]
    rng = random.Random(1)
    ca = [mint.country(c) for c in CENTRAL_ASIA]
    pairs = [(mint.country(a), mint.country(b)) for a, b in (t.pair for t in ties)]
    acts = [ox.NamedNode(i) for t in ties for i in sorted(t.agreements)]

    def country() -> dict[str, ox.NamedNode]:
        return {"country": rng.choice(ca)}

    def pair() -> dict[str, ox.NamedNode]:
        a, b = rng.choice(pairs)
        return {"a": a, "b": b}

    def statement() -> dict[str, ox.NamedNode]:
        return {"s": rng.choice(acts)}

    def nothing() -> dict[str, ox.NamedNode]:
        return {}

    def naive() -> None:
        subst = {ox.Variable(k): v for k, v in pair().items()}
        list(store.query(NAIVE_BILATERAL, use_default_graph_as_union=True, substitutions=subst))

    plan: list[tuple[str, Params, int]] = [
        ("cq1_partners", country, runs),
        ("cq2_agreements_between", pair, runs),
        ("cq3_representatives", country, max(3, runs // 10)),
        ("cq4_topics_per_year", nothing, 3),
        ("cq5_institutions", pair, max(3, runs // 10)),
        ("cq6_gatherings", nothing, 3),
        ("cq7_provenance", statement, runs),
    ]
    out = []
    for name, params, n in plan:
        rows: list[int] = []

        def run(name: str = name, params: Params = params, rows: list[int] = rows) -> None:
            rows[:] = [len(run_query(store, name, params()).rows)]

        out.append((name, timed(run, n), rows[0]))
    out.append(("naive bilateral scan", timed(naive, max(5, runs // 5)), 0))
    return out


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


@dataclass
class RdflibRun:
    load_s: float
    quads: int
    rss_before_mb: float
    rss_after_mb: float
    latencies: list[tuple[str, tuple[float, float], int]]


def rdflib_comparison(store: ox.Store, runs: int) -> RdflibRun:
    """The store's quads in an in-memory rdflib Dataset (union default graph, as the embedded
    store is queried), cq1 and cq2 timed on it with the parameters ``measure`` draws; each
    query's row count is checked against the embedded store's for the same parameters."""
    data = store.dump(format=ox.RdfFormat.N_QUADS) or b""
    rss_before = peak_rss_mb()
    t = time.perf_counter()
    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(data=data, format="nquads")
    load_s = time.perf_counter() - t
    del data
    quads = sum(1 for _ in dataset.quads((None, None, None, None)))
    ties = [t for t in derive_ties(store) if t.agreements]
    rng = random.Random(1)
    pairs = [(mint.country(a), mint.country(b)) for a, b in (t.pair for t in ties)]
    ca = [mint.country(c) for c in CENTRAL_ASIA]
    plan: list[tuple[str, Params]] = [
        ("cq1_partners", lambda: {"country": rng.choice(ca)}),
        ("cq2_agreements_between", lambda: dict(zip("ab", rng.choice(pairs), strict=True))),
    ]
    out = []
    for name, params in plan:
        text = load_query(name).text
        seen: list[tuple[dict[str, ox.NamedNode], int]] = []

        def run(
            text: str = text,
            params: Params = params,
            seen: list[tuple[dict[str, ox.NamedNode], int]] = seen,
        ) -> None:
            bound = params()
            bindings = {k: rdflib.URIRef(v.value) for k, v in bound.items()}
            seen.append((bound, len(dataset.query(text, initBindings=bindings))))

        timing = timed(run, runs)
        for bound, got in seen:  # checked after the timing, so not timed
            want = len(run_query(store, name, bound).rows)
            if got != want:
                raise SystemExit(f"{name}: rdflib gave {got} rows, the embedded store {want}")
        out.append((name, timing, seen[-1][1]))
    return RdflibRun(load_s, quads, rss_before, peak_rss_mb(), out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quads", type=int, default=1_000_000, help="article quads to build")
    parser.add_argument("--runs", type=int, default=50, help="timed runs per query")
    parser.add_argument(
        "--rdflib-runs", type=int, default=5, help="timed runs of cq1 and cq2 on rdflib (0: skip)"
    )
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as folder:
        store = ox.Store(folder)
        b = build(store, args.quads)
        total = len(store)
        latencies = measure(store, args.runs)
        rdflib_run = rdflib_comparison(store, args.rdflib_runs) if args.rdflib_runs else None
        del store

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    print(
        f"articles: {b.articles}, article quads: {b.quads}, store quads: {total}, "
        f"ties graph quads: {b.tie_quads}"
    )
    print(f"mapping: {b.quads / b.map_s:,.0f} quads/s ({b.articles / b.map_s:,.0f} articles/s)")
    print(f"insert (on-disk, one transaction per article): {b.quads / b.insert_s:,.0f} quads/s")
    print(f"map + insert: {b.quads / (b.map_s + b.insert_s):,.0f} quads/s")
    print(f"ontology load + ties refresh: {b.ties_s:.2f} s")
    print("query latency, warm (median / p95 ms, rows of the last run):")
    for name, (median, p95), n in latencies:
        print(f"  {name:<26} {median:8.1f} {p95:8.1f}   {n} rows")
    if rdflib_run is not None:
        r = rdflib_run
        print(
            f"rdflib in-memory Dataset: {r.quads:,} quads loaded from the N-Quads dump in "
            f"{r.load_s:.1f} s ({r.quads / r.load_s:,.0f} quads/s); peak RSS "
            f"{r.rss_before_mb:,.0f} MB before, {r.rss_after_mb:,.0f} MB after"
        )
        print("rdflib query latency, warm (median / p95 ms, rows of the last run):")
        for name, (median, p95), n in r.latencies:
            print(f"  {name:<26} {median:8.1f} {p95:8.1f}   {n} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
