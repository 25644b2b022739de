"""FastAPI dependencies: the service state, the store, the country codes, the bearer token.

They only hand out what the lifespan made, so they are ``async``: FastAPI would run plain
functions in its thread pool, a thread hop per dependency per request.
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.codes import CountryCodes
from api.entity_index import EntityIndex
from api.problems import ForbiddenError
from api.state import ServiceState
from api.tie_index import TieIndex
from api.writes import Writer
from cagraph.errors import AuthError
from cagraph.store import Store

_bearer = HTTPBearer(auto_error=False, description="the token set with CAGRAPH_TOKEN")


async def get_state(request: Request) -> ServiceState:
    state: ServiceState = request.app.state.service
    return state


StateDep = Annotated[ServiceState, Depends(get_state)]


async def get_store(state: StateDep) -> Store:
    return state.store


async def get_countries(state: StateDep) -> CountryCodes:
    return state.countries


async def get_entities(state: StateDep) -> EntityIndex:
    return state.entities


async def get_ties(state: StateDep) -> TieIndex:
    return state.ties


StoreDep = Annotated[Store, Depends(get_store)]
CountriesDep = Annotated[CountryCodes, Depends(get_countries)]
EntitiesDep = Annotated[EntityIndex, Depends(get_entities)]
TiesDep = Annotated[TieIndex, Depends(get_ties)]


def check_token(state: ServiceState, authorization: str | None) -> Writer:
    """The writer, if the request carries the configured bearer token.

    403 when the service has no token (it is read-only), 401 when the token is missing or wrong.
    """
    token = state.settings.token
    if state.writer is None or not token:
        raise ForbiddenError(
            "this service is read-only: it has no token, so nothing can be written",
            hint="the operator enables writes by setting CAGRAPH_TOKEN",
        )
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode(), token.encode()
    ):
        raise AuthError(
            "this needs the service's bearer token",
            hint="send 'Authorization: Bearer <token>'",
        )
    return state.writer


async def require_writer(
    state: StateDep,
    request: Request,
    _credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Writer:
    return check_token(state, request.headers.get("authorization"))


WriterDep = Annotated[Writer, Depends(require_writer)]
