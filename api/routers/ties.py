"""``GET /ties/{a}/{b}``: everything between two countries."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from api.deps import CountriesDep, StoreDep
from api.filters import ActFilterDep
from api.models.ties import Tie
from api.paging import PagingDep
from api.problems import problem_responses
from api.services import ties

router = APIRouter(tags=["ties"])

CountryPath = Annotated[
    str, Path(min_length=1, max_length=100, description="ISO alpha-2, alpha-3 or a name")
]


@router.get("/ties/{a}/{b}", responses=problem_responses(400, 404, 503))
def get_tie(
    a: CountryPath,
    b: CountryPath,
    store: StoreDep,
    countries: CountriesDep,
    filters: ActFilterDep,
    paging: PagingDep,
) -> Tie:
    """The agreements and events supporting the tie between two countries (newest first, one
    page; narrowed by `since`, `until`, `kind`, `topic`), the people who signed or took part in
    them, each with evidence (sentence, article URL, date), and the tie's counts by kind."""
    first, second = countries.resolve(a), countries.resolve(b)
    return ties.tie(store, countries, first.iso2, second.iso2, filters, paging)
