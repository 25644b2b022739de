"""``GET /ties/{a}/{b}``: everything between two countries."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response
from starlette.concurrency import run_in_threadpool

from api.deps import StateDep
from api.filters import TieQuery
from api.models.ties import Tie
from api.problems import problem_responses
from api.query_model import query_parameters, read_query
from api.services import ties
from cagraph.rdf import mint

router = APIRouter(tags=["ties"])

CountryPath = Annotated[
    str, Path(min_length=1, max_length=100, description="ISO alpha-2, alpha-3 or a name")
]


@router.get(
    "/ties/{a}/{b}",
    response_model=Tie,
    responses=problem_responses(400, 404, 503),
    openapi_extra=query_parameters(TieQuery),
)
async def get_tie(a: CountryPath, b: CountryPath, request: Request, state: StateDep) -> Response:
    """The agreements and events supporting the tie between two countries (newest first, one
    page; narrowed by `since`, `until`, `kind`, `topic`), the people who signed or took part in
    them, each with evidence (sentence, article URL, date), and the tie's counts by kind.

    A tie's shape is read from the store on its first request and then served from memory."""
    query = read_query(TieQuery, request)
    countries, index = state.countries, state.ties
    first, second = countries.resolve(a).iso2, countries.resolve(b).iso2
    ties.check_pair(first, second)
    node = mint.tie(first, second)
    known, shape = index.cached(node)
    if not known:
        shape = await run_in_threadpool(index.shape, node)
    if shape is None:
        raise ties.no_tie(first, second)
    key = request.scope["path"].encode() + b"?" + request.scope["query_string"]
    body = shape.page(key)
    if body is None:
        filters, paging = query.act_filter(), query.paging(request)
        body = ties.tie_json(shape, countries, first, second, filters, paging)
        shape.keep_page(key, body)
    return Response(body, media_type="application/json")
