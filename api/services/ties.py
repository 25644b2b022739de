"""Bilateral ties, read from the precomputed ties graph (``id/graph/ties``).

A tie is one index lookup away from either country (``cag:hasTie``) and carries its counts,
dates and supporting acts. ``GET /ties/{a}/{b}`` answers from the tie's shape
(:mod:`api.tie_index`); a country's partners are read from the ties graph on each request.
"""

from __future__ import annotations

import json

from api import rq
from api.codes import CountryCodes
from api.models.ties import Partner, Partners, TieCounts, TieFilters
from api.paging import Paging
from api.services.acts import ActFilter, country_ref
from api.tie_index import TieShape, counts
from cagraph.errors import InputError, NotFoundError
from cagraph.rdf import mint
from cagraph.store import Store
from cagraph.store.sparql import Term


def check_pair(a: str, b: str) -> None:
    if a == b:
        raise InputError(f"{a} and {a} are one country; a tie needs two", hint="name two countries")


def no_tie(a: str, b: str) -> NotFoundError:
    return NotFoundError(
        f"the graph holds no tie between {a} and {b}",
        hint=f"GET /countries/{a}/ties lists the partners of {a}",
    )


def tie_json(
    shape: TieShape,
    countries: CountryCodes,
    a: str,
    b: str,
    filters: ActFilter,
    paging: Paging,
) -> bytes:
    """One page of everything between two countries as the JSON of a :class:`Tie`, from the
    tie's shape: each act and person was serialized when the shape was read, the rest is small."""
    shown, more = paging.slice(list(shape.select(filters)))
    acts = [x.act for x in shown]
    used = TieFilters(
        since=filters.since, until=filters.until, kind=filters.kind, topic=filters.topic
    )
    agreements = b",".join(x.json for x in shown if x.act.category == "agreement")
    events = b",".join(x.json for x in shown if x.act.category == "event")
    return b"".join(
        (
            b'{"a":', _country_json(a, countries), b',"b":', _country_json(b, countries),
            b',"iri":', json.dumps(mint.tie(a, b).value).encode(),
            b',"counts":', shape.counts_json, b',"filters":', used.model_dump_json().encode(),
            b',"agreements":[', agreements, b'],"events":[', events,
            b'],"people":', shape.people_json(acts),
            b',"page":', paging.page(more).model_dump_json().encode(), b"}",
        )
    )  # fmt: skip


def _country_json(code: str, countries: CountryCodes) -> bytes:
    return country_ref(code, countries).model_dump_json().encode()


def _overlaps(found: TieCounts, since: str | None, until: str | None) -> bool:
    first, last = found.first_date, found.last_date
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
        tie_counts = counts(rows)
        if tie_counts is None or not _overlaps(tie_counts, filters.since, filters.until):
            continue
        weight = tie_counts.agreements + tie_counts.events
        if filters.kind:
            weight = tie_counts.by_kind.get(filters.kind, 0)
        if weight < min_weight or (filters.kind and weight == 0):
            continue
        partner = codes[iri]
        found.append(
            Partner(
                country=country_ref(partner, countries),
                tie=iri,
                href=f"/ties/{code}/{partner}",
                weight=weight,
                counts=tie_counts,
            )
        )
    found.sort(key=lambda p: (-p.weight, -p.counts.articles, p.country.code))
    shown, more = paging.slice(found)
    return Partners(country=country_ref(code, countries), partners=shown, page=paging.page(more))
