"""``/countries``, ``/countries/{code}``, ``/countries/{code}/ties``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from api.deps import CountriesDep, StoreDep
from api.filters import TieFilterDep
from api.models.countries import Countries, CountryDetail
from api.models.ties import Partners
from api.paging import PagingDep
from api.problems import problem_responses
from api.services import countries as service
from api.services import ties

router = APIRouter(tags=["countries"])

CodePath = Annotated[
    str,
    Path(
        min_length=1,
        max_length=100,
        description="ISO 3166-1 alpha-2 or alpha-3 code, or a name: KZ, KAZ, Kazakhstan",
    ),
]


@router.get("/countries", responses=problem_responses(503))
def list_countries(
    store: StoreDep,
    codes: CountriesDep,
    paging: PagingDep,
    q: Annotated[str | None, Query(max_length=100, description="part of a code or name")] = None,
    min_partners: Annotated[int, Query(ge=0, le=1000, description="at least this many")] = 0,
) -> Countries:
    """The countries the graph names, with their partners, agreements, events and articles."""
    return service.countries(store, codes, paging, q, min_partners)


@router.get("/countries/{code}", responses=problem_responses(404, 503))
def get_country(code: CodePath, store: StoreDep, codes: CountriesDep) -> CountryDetail:
    """Names, Wikidata link, heaviest partners and latest agreements of a country."""
    return service.country(store, codes, codes.resolve(code))


@router.get("/countries/{code}/ties", responses=problem_responses(400, 404, 422, 503))
def get_country_ties(
    code: CodePath,
    store: StoreDep,
    codes: CountriesDep,
    filters: TieFilterDep,
    paging: PagingDep,
    min_weight: Annotated[
        int, Query(ge=0, le=1_000_000, description="at least this many acts")
    ] = 0,
) -> Partners:
    """The country's partners, weighted by the acts supporting each tie (of `kind` if given),
    with counts by kind and first/last date; `since`/`until` keep ties active in that period."""
    found = codes.resolve(code)
    return ties.partners(store, codes, found.iso2, filters, paging, min_weight)
