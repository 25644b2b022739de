"""CSV for every REST listing, asked for with ``?format=csv`` or ``Accept: text/csv``.

A listing is a GET route whose response model has a ``page`` field and exactly one field that is
a list of models — its rows: ``/countries``, ``/countries/{code}/ties``, ``/agreements``,
``/events``, ``/entities``, ``/articles`` and any listing added later. :func:`install` finds them
among the app's routes once they are all included, documents the CSV form in the OpenAPI and adds
:class:`CsvListings`, a middleware for those paths only: the route answers JSON as always, and the
middleware turns that page into CSV — one row per item, one named column per leaf field
(:mod:`cagraph.tables`) — so no router has code of its own for it.

The CSV has a header row even on an empty page, ``Content-Type: text/csv; charset=utf-8;
header=present``, and the next page in a ``Link: <…>; rel="next"`` header. Errors stay
``application/problem+json``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode

from fastapi import FastAPI
from fastapi.routing import APIRoute
from pydantic import BaseModel
from starlette.routing import compile_path
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.negotiation import Offer, choose
from api.problems import PROBLEM_BASE, FieldProblem, Problem
from cagraph.tables import flat_row, list_item_model, model_columns, write_csv

CSV_TYPE = "text/csv; charset=utf-8; header=present"
OFFERS = (
    Offer("json", "application/json", "application/json"),
    Offer("csv", "text/csv", CSV_TYPE),
)
FORMATS = ("json", "csv")
FORMAT_PARAMETER: dict[str, Any] = {
    "name": "format",
    "in": "query",
    "required": False,
    "schema": {"type": "string", "enum": list(FORMATS)},
    "description": "csv: one row per item with flat, named columns (as Accept: text/csv); "
    "json (the default)",
}


def listing_rows(model: Any) -> tuple[str, type[BaseModel]] | None:
    """(rows field, item model) of a listing response model, else None."""
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return None
    if "page" not in model.model_fields:
        return None
    lists = [
        (name, item)
        for name, field in model.model_fields.items()
        if (item := list_item_model(field.annotation)) is not None
    ]
    return lists[0] if len(lists) == 1 else None


@dataclass(frozen=True)
class Listing:
    path: re.Pattern[str]
    rows: str
    columns: list[str]
    name: str


class CsvListings:
    """Middleware for the listing paths: JSON passes through (with ``Vary: Accept``); CSV is
    rendered from the JSON page the route answered. Other paths are not touched."""

    def __init__(self, app: ASGIApp, listings: list[Listing]) -> None:
        self.app = app
        self.listings = listings

    def _listing(self, scope: Scope) -> Listing | None:
        if scope["type"] != "http" or scope.get("method") != "GET":
            return None
        path = scope.get("path", "")
        return next((x for x in self.listings if x.path.match(path)), None)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        listing = self._listing(scope)
        if listing is None:
            await self.app(scope, receive, send)
            return
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        asked = [value for key, value in query if key == "format"]
        if asked and asked[-1] not in FORMATS:
            await _problem(scope, send, asked[-1])
            return
        fmt = asked[-1] if asked else (choose(_header(scope, b"accept"), OFFERS) or OFFERS[0]).key
        inner = dict(scope)
        inner["query_string"] = urlencode([(k, v) for k, v in query if k != "format"]).encode()
        if fmt == "json":
            await self.app(inner, receive, _with_vary(send))
            return
        inner["headers"] = [(k, v) for k, v in scope["headers"] if k != b"accept"]
        inner["headers"].append((b"accept", b"application/json"))
        captured: list[Message] = []

        async def keep(message: Message) -> None:
            captured.append(message)

        await self.app(inner, receive, keep)
        start: Message = captured[0] if captured else {"status": 500, "headers": []}
        body = b"".join(m.get("body", b"") for m in captured[1:])
        headers: list[tuple[bytes, bytes]] = list(start.get("headers", []))
        content_type = dict(headers).get(b"content-type", b"")
        if start["status"] != 200 or not content_type.startswith(b"application/json"):
            for message in captured:  # a problem document stays what it is
                await send(message)
            return
        await _send_csv(listing, json.loads(body), start, send)


async def _send_csv(listing: Listing, page: dict[str, Any], start: Message, send: Send) -> None:
    rows = [flat_row(item, listing.columns) for item in page.get(listing.rows, [])]
    text = write_csv(rows, listing.columns).encode("utf-8")
    headers = [
        (k, v) for k, v in start.get("headers", []) if k not in (b"content-type", b"content-length")
    ]
    headers += [
        (b"content-type", CSV_TYPE.encode()),
        (b"content-length", str(len(text)).encode()),
        (b"content-disposition", f'inline; filename="{listing.name}.csv"'.encode()),
        (b"vary", b"Accept"),
    ]
    following = (page.get("page") or {}).get("next")
    if following:
        link = following + ("&" if "?" in following else "?") + "format=csv"
        headers.append((b"link", f'<{link}>; rel="next"'.encode("latin-1", "replace")))
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": text})


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return bytes(value).decode("latin-1")
    return None


def _with_vary(send: Send) -> Send:
    async def vary(message: Message) -> None:
        if message["type"] == "http.response.start":
            message = dict(message)
            message["headers"] = [*message.get("headers", []), (b"vary", b"Accept")]
        await send(message)

    return vary


async def _problem(scope: Scope, send: Send, asked: str) -> None:
    """422, as for any other query parameter out of its enum."""
    message = f"unknown format {asked[:40]!r}: use json or csv"
    problem = Problem(
        type=PROBLEM_BASE + "invalid-request",
        title="Invalid request",
        status=422,
        detail=f"query.format: {message}",
        instance=scope.get("path"),
        code="invalid-request",
        hint="use format=json or format=csv (or send Accept: text/csv)",
        errors=[FieldProblem(location="query.format", message=message)],
    )
    body = problem.model_dump_json(exclude_none=True).encode()
    headers = [
        (b"content-type", b"application/problem+json"),
        (b"content-length", str(len(body)).encode()),
    ]
    await send({"type": "http.response.start", "status": 422, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _file_name(path: str) -> str:
    """``/countries/{code}/ties`` -> ``countries-ties``."""
    parts = [p for p in path.split("/") if p and not p.startswith("{")]
    return re.sub(r"[^A-Za-z0-9_-]+", "-", "-".join(parts)) or "listing"


def _api_routes(routes: list[Any], prefix: str = "") -> Iterator[tuple[str, APIRoute]]:
    """Every APIRoute with its full path prefix, through included routers."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield prefix, route
        original = getattr(route, "original_router", None)
        if original is not None:
            context = getattr(route, "include_context", None)
            yield from _api_routes(original.routes, prefix + getattr(context, "prefix", ""))


def install(app: FastAPI) -> list[str]:
    """Give every listing route of ``app`` its CSV form: document it in the OpenAPI and add the
    middleware (innermost, so the others wrap it). Returns the listing paths."""
    listings: list[Listing] = []
    paths: list[str] = []
    for prefix, route in _api_routes(app.router.routes):
        found = listing_rows(route.response_model) if "GET" in (route.methods or ()) else None
        if found is None:
            continue
        rows, item = found
        path = prefix + route.path
        paths.append(path)
        columns = model_columns(item)
        listings.append(Listing(compile_path(path)[0], rows, columns, _file_name(path)))
        merged = dict(route.openapi_extra or {})
        merged["parameters"] = [*merged.get("parameters", []), FORMAT_PARAMETER]
        csv_doc = {
            "type": "string",
            "description": "one row per item; columns: " + ", ".join(columns),
        }
        merged.setdefault("responses", {}).setdefault("200", {}).setdefault("content", {})[
            "text/csv"
        ] = {"schema": csv_doc}
        route.openapi_extra = merged
    app.add_middleware(CsvListings, listings=listings)
    return paths
