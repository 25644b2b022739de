"""``GET /agreements`` and ``GET /agreements/{id}``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from api.deps import CountriesDep, StoreDep
from api.filters import ActFilterDep
from api.models.acts import ActDetail, Acts
from api.paging import PagingDep
from api.problems import problem_responses
from api.services import listing

router = APIRouter(tags=["agreements"])

CountryFilter = Annotated[
    str | None,
    Query(min_length=1, max_length=100, description="only those involving this country"),
]


@router.get("/agreements", responses=problem_responses(400, 404, 503))
def list_agreements(
    store: StoreDep,
    codes: CountriesDep,
    filters: ActFilterDep,
    paging: PagingDep,
    country: CountryFilter = None,
) -> Acts:
    """Agreements, newest first, with parties, topics and evidence."""
    code = codes.resolve(country).iso2 if country else None
    return listing.acts(store, codes, "agreement", filters, paging, code)


@router.get("/agreements/{agreement_id}", responses=problem_responses(404, 503))
def get_agreement(
    agreement_id: Annotated[str, Path(max_length=100, description="e.g. mou-0123456789abcdef")],
    store: StoreDep,
    codes: CountriesDep,
) -> ActDetail:
    """One agreement: kind, name, date, parties, topics, evidence, the ties it supports."""
    return listing.act(store, codes, "agreement", agreement_id)
