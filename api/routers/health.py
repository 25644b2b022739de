"""``GET /health``: is the service up and can it reach its store."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel, Field

from api.deps import StateDep
from api.problems import problem_responses
from cagraph import __version__

router = APIRouter(tags=["service"])


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    store: Literal["embedded", "remote"]
    writable: bool = Field(description="whether a token is set, allowing updates and ingest")
    query_timeout_s: float
    query_row_cap: int


@router.get("/health", responses=problem_responses(503))
def health(state: StateDep) -> Health:
    """Answers once the store answers a trivial query (503 otherwise)."""
    state.store.query("ASK {}", timeout_s=5.0)
    kind: Literal["embedded", "remote"] = (
        "remote" if state.store.spec.startswith(("http://", "https://")) else "embedded"
    )
    return Health(
        status="ok",
        version=__version__,
        store=kind,
        writable=state.writable,
        query_timeout_s=state.settings.query_timeout_s,
        query_row_cap=state.settings.query_row_cap,
    )
