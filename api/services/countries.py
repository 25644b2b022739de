"""Countries: reference data (names, codes, Wikidata) joined with counts from the graph."""

from __future__ import annotations

from pyoxigraph import NamedNode

from api import rq
from api.codes import CountryCodes
from api.models.countries import Countries, CountryCounts, CountryDetail, CountrySummary
from api.paging import Paging
from api.services import ties
from api.services.acts import ActFilter, load_acts, page_of
from cagraph.errors import ValidationError
from cagraph.rdf import mint
from cagraph.rdf.vocab import CAG
from cagraph.refdata import Country
from cagraph.store import Store

TOP_PARTNERS = 10
RECENT_AGREEMENTS = 10


def wikidata(qid: str | None) -> str | None:
    return f"https://www.wikidata.org/wiki/{qid}" if qid else None


def _counts(store: Store, country: NamedNode | None) -> dict[str, CountryCounts]:
    bound = {"country": country}
    out: dict[str, CountryCounts] = {}
    for row in rq.rows(rq.run(store, "country_counts", bound)):
        code = rq.text(row.get("code")) or ""
        out[code] = CountryCounts(
            partners=rq.integer(row.get("partners")),
            agreements=rq.integer(row.get("agreements")),
            events=rq.integer(row.get("events")),
            articles=0,
        )
    for row in rq.rows(rq.run(store, "country_mentions", bound)):
        iso = _iso(rq.text(row.get("country")))
        if iso is None:
            continue
        found = out.setdefault(iso, CountryCounts(partners=0, agreements=0, events=0, articles=0))
        found.articles = rq.integer(row.get("articles"))
    return out


def _iso(iri: str | None) -> str | None:
    try:
        return mint.iso_of(iri or "")
    except ValidationError:
        return None


def _summary(country: Country, counts: CountryCounts) -> CountrySummary:
    return CountrySummary(
        code=country.iso2,
        iso3=country.iso3,
        name=country.name,
        region=country.region or None,
        wikidata=wikidata(country.qid),
        href=f"/countries/{country.iso2}",
        counts=counts,
    )


def countries(
    store: Store, codes: CountryCodes, paging: Paging, q: str | None, min_partners: int
) -> Countries:
    """Every country the graph names, most partners first."""
    found = []
    needle = (q or "").strip().lower()
    for code, counts in _counts(store, None).items():
        country = codes.get(code)
        if country is None or counts.partners < min_partners:
            continue
        names = (country.iso2, country.iso3 or "", country.name, *country.names)
        if needle and not any(needle in n.lower() for n in names):
            continue
        found.append(_summary(country, counts))
    found.sort(key=lambda c: (-c.counts.partners, -c.counts.articles, c.code))
    shown, more = paging.slice(found)
    return Countries(countries=shown, page=paging.page(more))


def country(store: Store, codes: CountryCodes, found: Country) -> CountryDetail:
    node = mint.country(found.iso2)
    counts = _counts(store, node).get(found.iso2) or CountryCounts(
        partners=0, agreements=0, events=0, articles=0
    )
    top = Paging(TOP_PARTNERS, 0, f"/countries/{found.iso2}/ties", ())
    partners = ties.partners(store, codes, found.iso2, ActFilter(), top).partners
    bound = {"country": node, "category": CAG.ox.Agreement}
    result = rq.run(store, "country_acts", bound, page=rq.Page(RECENT_AGREEMENTS))
    rows, _ = page_of(result, RECENT_AGREEMENTS)
    recent, _people = load_acts(store, rows, codes)
    return CountryDetail(
        code=found.iso2,
        iso3=found.iso3,
        name=found.name,
        official_name=found.official_name,
        names=list(found.names),
        demonyms=list(found.demonyms),
        capital=found.capital,
        region=found.region or None,
        wikidata=wikidata(found.qid),
        qid=found.qid,
        counts=counts,
        partners=partners,
        recent_agreements=recent,
    )
