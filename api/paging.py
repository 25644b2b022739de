"""Pagination: ``limit``/``offset`` query parameters in, a ``next`` link out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, TypeVar
from urllib.parse import urlencode

from fastapi import Depends, Query, Request

from api import rq
from api.models.common import Page

T = TypeVar("T")
MAX_LIMIT = 200
MAX_OFFSET = 1_000_000


@dataclass(frozen=True)
class Paging:
    limit: int
    offset: int
    path: str  # request path, for the `next` link
    query: tuple[tuple[str, str], ...]  # the request's other query parameters

    def page(self, more: bool) -> Page:
        nxt = None
        if more:
            params = [*self.query, ("limit", str(self.limit))]
            params.append(("offset", str(self.offset + self.limit)))
            nxt = f"{self.path}?{urlencode(params)}"
        return Page(limit=self.limit, offset=self.offset, next=nxt)

    def rq_page(self) -> rq.Page:
        return rq.Page(self.limit, self.offset)

    def slice(self, items: list[T]) -> tuple[list[T], bool]:
        end = self.offset + self.limit
        return items[self.offset : end], len(items) > end


async def paging(
    request: Request,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page")] = 20,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="items to skip")] = 0,
) -> Paging:
    others = tuple(
        (k, v) for k, v in request.query_params.multi_items() if k not in ("limit", "offset")
    )
    return Paging(limit, offset, request.url.path, others)


PagingDep = Annotated[Paging, Depends(paging)]
