"""One error shape for every error: RFC 9457 ``application/problem+json``.

Every :class:`~cagraph.errors.CagraphError` becomes a problem whose ``type`` ends in its ``code``
and whose status is its ``status``; request validation errors, unknown routes and methods, and
unexpected exceptions get the same shape. Errors never echo request bodies back.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import compile_path

from cagraph.errors import AuthError, CagraphError, InputError, NotFoundError, QueryError

log = logging.getLogger("cagraph.api")

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_BASE = "https://w3id.org/cagraph/problem/"

_HTTP_CODES = {
    400: ("bad-request", "Bad request"),
    401: ("unauthorized", "Unauthorized"),
    403: ("forbidden", "Forbidden"),
    404: ("not-found", "Not found"),
    405: ("method-not-allowed", "Method not allowed"),
    406: ("not-acceptable", "Not acceptable"),
    413: ("content-too-large", "Content too large"),
    415: ("unsupported-media-type", "Unsupported media type"),
    422: ("invalid-request", "Invalid request"),
    500: ("internal-error", "Internal error"),
    503: ("unavailable", "Service unavailable"),
}


class FieldProblem(BaseModel):
    """One invalid part of a request."""

    location: str = Field(description="where: 'query.limit', 'path.code', 'body.text'…")
    message: str


class Problem(BaseModel):
    """An RFC 9457 problem detail, with cagraph's ``code`` and ``hint`` extensions."""

    type: str = Field(description="URI naming the kind of problem")
    title: str
    status: int
    detail: str
    instance: str | None = Field(default=None, description="the request path")
    code: str = Field(description="stable machine-readable code (the end of `type`)")
    hint: str | None = Field(default=None, description="what to do about it")
    suggestions: list[str] | None = Field(default=None, description="close matches, if any")
    errors: list[FieldProblem] | None = Field(default=None, description="per-field problems")


# -- API-level errors (all in the CagraphError hierarchy) ----------------------------------------


class UnknownCountryError(NotFoundError):
    """A country code or name that matches no country."""

    code = "unknown-country"
    title = "Unknown country"

    def __init__(self, text: str, suggestions: list[str]):
        hint = "use an ISO 3166-1 alpha-2 or alpha-3 code or an English name (KZ, KAZ, Kazakhstan)"
        super().__init__(f"no country is called {text[:80]!r}", hint=hint)
        self.suggestions = suggestions


class ForbiddenError(AuthError):
    """A request this service never allows (updates without a configured token)."""

    code = "forbidden"
    status = 403
    title = "Forbidden"


class ExternalAccessError(QueryError):
    """SERVICE or LOAD while access to other hosts is disabled."""

    code = "external-access-disabled"
    status = 403
    title = "External access disabled"


class NotAcceptableError(CagraphError):
    """No representation the client accepts."""

    code = "not-acceptable"
    status = 406
    title = "Not acceptable"


class UnsupportedMediaTypeError(InputError):
    """A request body in a media type the endpoint does not read."""

    code = "unsupported-media-type"
    status = 415
    title = "Unsupported media type"


class ContentTooLarge(StarletteHTTPException):
    """Raised while reading a body past the size limit (an HTTPException, so that FastAPI's
    body parsing lets it through instead of turning it into a 400)."""

    def __init__(self, limit: int):
        super().__init__(413, f"the request body is larger than the limit of {limit} bytes")


# -- rendering -----------------------------------------------------------------------------------


def problem_response(
    *,
    status: int,
    code: str,
    title: str,
    detail: str,
    instance: str | None,
    hint: str | None = None,
    suggestions: list[str] | None = None,
    errors: list[FieldProblem] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    problem = Problem(
        type=PROBLEM_BASE + code,
        title=title,
        status=status,
        detail=detail,
        instance=instance,
        code=code,
        hint=hint,
        suggestions=suggestions,
        errors=errors,
    )
    return JSONResponse(
        problem.model_dump(exclude_none=True),
        status_code=status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=headers,
    )


def _cagraph_headers(exc: CagraphError) -> dict[str, str] | None:
    if exc.status == 401:
        return {"WWW-Authenticate": 'Bearer realm="cagraph"'}
    return None


async def _cagraph_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, CagraphError)
    if exc.status >= 500:
        log.warning("%s %s: %s", request.method, request.url.path, exc)
    return problem_response(
        status=exc.status,
        code=exc.code,
        title=exc.title,
        detail=exc.message,
        instance=request.url.path,
        hint=exc.hint,
        suggestions=getattr(exc, "suggestions", None),
        headers=_cagraph_headers(exc),
    )


def _location(loc: tuple[Any, ...]) -> str:
    return ".".join(str(part) for part in loc)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [
        FieldProblem(location=_location(tuple(e.get("loc", ()))), message=str(e.get("msg", "")))
        for e in exc.errors()
    ]
    first = errors[0] if errors else None
    detail = f"{first.location}: {first.message}" if first else "the request is not valid"
    return problem_response(
        status=422,
        code="invalid-request",
        title="Invalid request",
        detail=detail,
        instance=request.url.path,
        hint="see `errors` for each invalid part and the OpenAPI at /openapi.json",
        errors=errors,
    )


def _allowed(request: Request) -> list[str]:
    """Every method the documented operations of this path take (Starlette's 405 names only
    the methods of the first route that matched the path)."""
    methods: set[str] = set()
    for template, operations in request.app.openapi().get("paths", {}).items():
        pattern, _, _ = compile_path(template)
        if pattern.match(request.url.path):
            methods |= {m.upper() for m in operations}
    return sorted(methods | ({"HEAD"} if "GET" in methods else set()))


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code, title = _HTTP_CODES.get(exc.status_code, ("http-error", "HTTP error"))
    detail = exc.detail if isinstance(exc.detail, str) else title
    headers = dict(exc.headers) if exc.headers else {}
    if exc.status_code == 404 and detail == "Not Found":
        detail = f"no such resource: {request.url.path[:200]}"
    if exc.status_code == 405 and (allowed := _allowed(request)):
        headers["Allow"] = ", ".join(allowed)
        detail = f"{request.method} is not allowed here; use {', '.join(allowed)}"
    return problem_response(
        status=exc.status_code,
        code=code,
        title=title,
        detail=detail,
        instance=request.url.path,
        headers=headers or None,
    )


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return problem_response(
        status=500,
        code="internal-error",
        title="Internal error",
        detail="the service failed unexpectedly; the error is in its log",
        instance=request.url.path,
    )


def install_problem_handlers(app: FastAPI) -> None:
    """Route every error to one problem+json response."""
    app.add_exception_handler(CagraphError, _cagraph_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)


PROBLEM_CONTENT = {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries documenting problem+json for these statuses."""
    return {
        status: {
            "description": _HTTP_CODES.get(status, ("", "Error"))[1] or "Error",
            "content": PROBLEM_CONTENT,
        }
        for status in statuses
    }
