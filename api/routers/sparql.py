"""``/sparql``: the SPARQL 1.1 Protocol (query, update, service description)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from api.deps import StateDep, check_token
from api.negotiation import Offer, accepted, by_name, choose
from api.problems import NotAcceptableError, problem_responses
from api.sparql import description, tabular
from api.sparql.execute import execute_query
from api.sparql.formats import GRAPHS, RESULTS
from api.sparql.protocol import FORM, QUERY_TYPE, UPDATE_TYPE, Operation, read_operation
from api.state import ServiceState
from cagraph.store import Store
from cagraph.store.sparql import query_form

router = APIRouter(tags=["SPARQL"])

_TEXT = {"type": "string"}
_PARAMS: list[dict[str, Any]] = [
    {"name": "query", "in": "query", "schema": _TEXT, "description": "a SPARQL 1.1 query"},
    {
        "name": "default-graph-uri",
        "in": "query",
        "schema": {"type": "array", "items": _TEXT},
        "description": "graphs merged into the default graph (instead of the union of all)",
    },
    {
        "name": "named-graph-uri",
        "in": "query",
        "schema": {"type": "array", "items": _TEXT},
        "description": "the named graphs the query may use",
    },
]
_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "query results (by content negotiation), or the service description",
        "content": {o.media_type: {"schema": _TEXT} for o in (*RESULTS, *GRAPHS)},
    },
    204: {"description": "the update was applied"},
    **problem_responses(400, 401, 403, 406, 413, 415, 503),
}
_BODY = {
    "required": True,
    "content": {
        FORM: {
            "schema": {
                "type": "object",
                "properties": {"query": _TEXT, "update": _TEXT},
            }
        },
        QUERY_TYPE: {"schema": _TEXT},
        UPDATE_TYPE: {"schema": _TEXT},
    },
}


def _endpoint(request: Request) -> str:
    return str(request.url.replace(query="", fragment=""))


def _offers(form: str | None) -> tuple[Offer, ...]:
    return GRAPHS if form in ("construct", "describe") else RESULTS


def _negotiate(request: Request, op: Operation, offers: tuple[Offer, ...]) -> Offer:
    chosen = by_name(op.format_hint, offers) or choose(request.headers.get("accept"), offers)
    if chosen is None:
        raise NotAcceptableError(
            f"none of the accepted media types ({request.headers.get('accept')}) can carry "
            "this result",
            hint=f"accept one of: {accepted(offers)}",
        )
    return chosen


def _answer(
    store: Store, op: Operation, offer: Offer | None, request: Request, external: bool
) -> Response:
    """Run the query and serialize it (both in a worker thread: they may be slow)."""
    result = execute_query(store, op, base=_endpoint(request), allow_external=external)
    chosen = offer
    if chosen is None or chosen not in _offers(result.kind):
        chosen = _negotiate(request, op, _offers(result.kind))
    body = tabular.serialize(result, chosen.key)
    return Response(body, media_type=chosen.content_type, headers={"Vary": "Accept"})


_DESCRIPTION = (
    "Query by GET (`?query=`), by POST form (`query=`) or by POST `application/sparql-query`; "
    "results as SPARQL JSON, XML, CSV or TSV, graphs as Turtle, N-Triples, RDF/XML or "
    "JSON-LD, by content negotiation. A GET without a query answers the service description. "
    "Updates (POST form `update=` or `application/sparql-update`) need the bearer token. "
    "Queries run within the service's time limit and row cap; SERVICE and LOAD are disabled "
    "unless enabled."
)


@router.get(
    "/sparql",
    summary="SPARQL 1.1 Protocol: query by GET, or the service description",
    description=_DESCRIPTION,
    response_class=Response,
    responses=_RESPONSES,
    openapi_extra={"parameters": _PARAMS},
)
async def sparql_get(request: Request, state: StateDep) -> Response:
    return await _serve(request, state)


@router.post(
    "/sparql",
    summary="SPARQL 1.1 Protocol: query or update by POST",
    description=_DESCRIPTION,
    response_class=Response,
    responses=_RESPONSES,
    openapi_extra={"parameters": _PARAMS[1:], "requestBody": _BODY},
)
async def sparql_post(request: Request, state: StateDep) -> Response:
    return await _serve(request, state)


async def _serve(request: Request, state: ServiceState) -> Response:
    op = await read_operation(request)
    settings = state.settings
    if op.kind == "description":
        offer = _negotiate(request, op, GRAPHS)
        triples = description.description(
            _endpoint(request), updates=state.writable, external=settings.allow_external_service
        )
        return Response(
            description.render(triples, offer.key),
            media_type=offer.content_type,
            headers={"Vary": "Accept"},
        )
    if op.kind == "update":
        writer = check_token(state, request.headers.get("authorization"))
        await run_in_threadpool(writer.update, op, base=_endpoint(request))
        return Response(status_code=204)
    form = query_form(op.text)
    early = _negotiate(request, op, _offers(form)) if form is not None else None
    return await run_in_threadpool(
        _answer, state.store, op, early, request, settings.allow_external_service
    )
