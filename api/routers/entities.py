"""``GET /entities?q=`` and ``GET /entities/{id}``."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query
from starlette.concurrency import run_in_threadpool

from api.deps import CountriesDep, EntitiesDep, StoreDep
from api.models.entities import EntityDetail, EntityHits
from api.paging import PagingDep
from api.problems import problem_responses
from api.services import entities as service

router = APIRouter(tags=["entities"])

EntityType = Literal["Person", "Organization", "Place", "Country", "Agent"]


@router.get("/entities", responses=problem_responses(404, 503))
async def search_entities(
    index: EntitiesDep,
    codes: CountriesDep,
    paging: PagingDep,
    q: Annotated[
        str | None,
        Query(max_length=200, description="a name in any spelling: Tokayev, Toqaev, KazNU…"),
    ] = None,
    type: Annotated[EntityType | None, Query(description="only entities of this type")] = None,
    country: Annotated[
        str | None, Query(min_length=1, max_length=100, description="only those of this country")
    ] = None,
) -> EntityHits:
    """Entities whose names or aliases match `q` (transliteration-aware, fuzzy), best first;
    without `q`, every entity by name."""
    code = codes.resolve(country).iso2 if country else None
    return await run_in_threadpool(service.search, index, codes, paging, q, type, code)


@router.get("/entities/{entity_id:path}", responses=problem_responses(404, 503))
def get_entity(
    entity_id: Annotated[
        str, Path(max_length=320, description="person/<key>, org/<key>, place/<key>, country/KZ")
    ],
    store: StoreDep,
    codes: CountriesDep,
) -> EntityDetail:
    """One entity: names, type, country, Wikidata link, offices, latest acts and articles."""
    return service.entity(store, codes, entity_id)
