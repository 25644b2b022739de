"""``GET /events`` and ``GET /events/{id}``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from api.deps import CountriesDep, StoreDep
from api.filters import ActFilterDep
from api.models.acts import ActDetail, Acts
from api.paging import PagingDep
from api.problems import problem_responses
from api.services import listing

router = APIRouter(tags=["events"])

CountryFilter = Annotated[
    str | None,
    Query(min_length=1, max_length=100, description="only those involving this country"),
]


@router.get("/events", responses=problem_responses(400, 404, 503))
def list_events(
    store: StoreDep,
    codes: CountriesDep,
    filters: ActFilterDep,
    paging: PagingDep,
    country: CountryFilter = None,
) -> Acts:
    """Events (summits, meetings, forums), newest first, with participants and evidence."""
    code = codes.resolve(country).iso2 if country else None
    return listing.acts(store, codes, "event", filters, paging, code)


@router.get("/events/{event_id}", responses=problem_responses(404, 503))
def get_event(
    event_id: Annotated[str, Path(max_length=100, description="e.g. summit-0123456789abcdef")],
    store: StoreDep,
    codes: CountriesDep,
) -> ActDetail:
    """One event: kind, name, date, place, participants, evidence, the ties it supports."""
    return listing.act(store, codes, "event", event_id)
