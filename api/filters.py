"""Query parameters that narrow agreements and events: since, until, kind, topic."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from fastapi import Depends, Query, Request
from pydantic import BaseModel, Field

from api.models.common import Kind
from api.paging import MAX_LIMIT, MAX_OFFSET, Paging
from api.services.acts import ActFilter
from cagraph.errors import InputError

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
DATE_HELP = "YYYY, YYYY-MM or YYYY-MM-DD; a partial date covers its whole year or month"


def partial_date(value: str | None, name: str) -> str | None:
    """A valid partial ISO date, or InputError naming the parameter."""
    if value is None:
        return None
    ok = bool(_DATE.match(value))
    if ok:
        try:
            date.fromisoformat((value + "-01-01")[:10] if len(value) < 10 else value)
        except ValueError:
            ok = False
    if not ok:
        raise InputError(f"{name} is not a date: {value[:40]!r}", hint=f"use {DATE_HELP}")
    return value


Since = Annotated[
    str | None, Query(pattern=DATE_PATTERN, description=f"from this date ({DATE_HELP})")
]
Until = Annotated[
    str | None, Query(pattern=DATE_PATTERN, description=f"up to this date ({DATE_HELP})")
]
KindParam = Annotated[Kind | None, Query(description="one kind of agreement or event")]
Topic = Annotated[
    str | None,
    Query(
        min_length=1,
        max_length=100,
        description="a topic concept (education, energy…) or a topic as articles write it",
    ),
]


def _period(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    since, until = partial_date(since, "since"), partial_date(until, "until")
    if since and until and since[: len(until)] > until[: len(since)]:
        raise InputError(f"since ({since}) is after until ({until})", hint="swap them")
    return since, until


async def act_filter(
    since: Since = None, until: Until = None, kind: KindParam = None, topic: Topic = None
) -> ActFilter:
    since, until = _period(since, until)
    return ActFilter(kind=kind, topic=topic, since=since, until=until)


async def tie_filter(since: Since = None, until: Until = None, kind: KindParam = None) -> ActFilter:
    since, until = _period(since, until)
    return ActFilter(kind=kind, since=since, until=until)


class TieQuery(BaseModel):
    """The query parameters of ``GET /ties/{a}/{b}``, read in one go."""

    since: str | None = Field(
        None, pattern=DATE_PATTERN, description=f"from this date ({DATE_HELP})"
    )
    until: str | None = Field(
        None, pattern=DATE_PATTERN, description=f"up to this date ({DATE_HELP})"
    )
    kind: Kind | None = Field(None, description="one kind of agreement or event")
    topic: str | None = Field(
        None,
        min_length=1,
        max_length=100,
        description="a topic concept (education, energy…) or a topic as articles write it",
    )
    limit: int = Field(20, ge=1, le=MAX_LIMIT, description="acts per page")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="acts to skip")

    def act_filter(self) -> ActFilter:
        since, until = _period(self.since, self.until)
        return ActFilter(kind=self.kind, topic=self.topic, since=since, until=until)

    def paging(self, request: Request) -> Paging:
        others = tuple(
            (k, v) for k, v in request.query_params.multi_items() if k not in ("limit", "offset")
        )
        return Paging(self.limit, self.offset, request.url.path, others)


ActFilterDep = Annotated[ActFilter, Depends(act_filter)]
TieFilterDep = Annotated[ActFilter, Depends(tie_filter)]
