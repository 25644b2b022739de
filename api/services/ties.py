"""Bilateral ties, read from the precomputed ties graph (``id/graph/ties``).

A tie is one index lookup away from either country (``cag:hasTie``) and carries its counts,
dates and supporting acts; only the page of acts shown is read from the article graphs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from api import rq
from api.codes import CountryCodes
from api.models.ties import Partner, Partners, Tie, TieCounts, TieFilters
from api.paging import Paging
from api.services.acts import ActFilter, country_ref, kind_of_class, load_acts, page_of
from cagraph.errors import InputError, NotFoundError
from cagraph.rdf import mint
from cagraph.store import Store
from cagraph.store.sparql import Term


def _counts(rows: Iterable[Mapping[str, Term]]) -> TieCounts | None:
    counts: TieCounts | None = None
    by_kind: dict[str, int] = {}
    for row in rows:
        if counts is None:
            counts = TieCounts(
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
    if counts is not None:
        counts.by_kind = dict(sorted(by_kind.items()))
    return counts


def tie(
    store: Store,
    countries: CountryCodes,
    a: str,
    b: str,
    filters: ActFilter,
    paging: Paging,
) -> Tie:
    """Everything between two countries (codes already resolved to ISO alpha-2)."""
    if a == b:
        raise InputError(f"{a} and {a} are one country; a tie needs two", hint="name two countries")
    node = mint.tie(a, b)
    counts = _counts(rq.rows(rq.run(store, "tie", {"tie": node})))
    if counts is None:
        raise NotFoundError(
            f"the graph holds no tie between {a} and {b}",
            hint=f"GET /countries/{a}/ties lists the partners of {a}",
        )
    bound = {"tie": node, **filters.bindings()}
    result = rq.run(store, "tie_acts", bound, page=paging.rq_page())
    rows, more = page_of(result, paging.limit)
    acts, people = load_acts(store, rows, countries)
    return Tie(
        a=country_ref(a, countries),
        b=country_ref(b, countries),
        iri=node.value,
        counts=counts,
        filters=TieFilters(
            since=filters.since, until=filters.until, kind=filters.kind, topic=filters.topic
        ),
        agreements=[x for x in acts if x.category == "agreement"],
        events=[x for x in acts if x.category == "event"],
        people=people,
        page=paging.page(more),
    )


def _overlaps(counts: TieCounts, since: str | None, until: str | None) -> bool:
    first, last = counts.first_date, counts.last_date
    if since and (last is None or last[: len(since)] < since[: len(last)]):
        return False
    return not (until and (first is None or first[: len(until)] > until[: len(first)]))


def partners(
    store: Store,
    countries: CountryCodes,
    code: str,
    filters: ActFilter,
    paging: Paging,
    min_weight: int = 0,
) -> Partners:
    """The partners of a country, heaviest tie first."""
    grouped: dict[str, list[dict[str, Term]]] = {}
    codes: dict[str, str] = {}
    for row in rq.rows(rq.run(store, "country_ties", {"country": mint.country(code)})):
        iri = rq.text(row.get("tie")) or ""
        grouped.setdefault(iri, []).append(row)
        codes[iri] = rq.text(row.get("code")) or ""
    found = []
    for iri, rows in grouped.items():
        counts = _counts(rows)
        if counts is None or not _overlaps(counts, filters.since, filters.until):
            continue
        weight = counts.agreements + counts.events
        if filters.kind:
            weight = counts.by_kind.get(filters.kind, 0)
        if weight < min_weight or (filters.kind and weight == 0):
            continue
        partner = codes[iri]
        found.append(
            Partner(
                country=country_ref(partner, countries),
                tie=iri,
                href=f"/ties/{code}/{partner}",
                weight=weight,
                counts=counts,
            )
        )
    found.sort(key=lambda p: (-p.weight, -p.counts.articles, p.country.code))
    shown, more = paging.slice(found)
    return Partners(country=country_ref(code, countries), partners=shown, page=paging.page(more))
