"""The application factory: ``uvicorn --factory api.app:create_app``.

Settings come from the environment (``CAGRAPH_*``) unless given. The store, the country codes
and (with a token) the extractor are made in the lifespan, not here, so building the app is
cheap and importing this module loads nothing heavy.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from api import listing_csv
from api.lifespan import lifespan
from api.middleware import BodyLimitMiddleware, ServerTimingMiddleware
from api.problems import Problem, install_problem_handlers
from api.routers import agreements, articles, countries, entities, events, health, sparql, ties
from api.routers.export import router as export_router
from cagraph import __version__
from cagraph.settings import Settings, get_settings

DESCRIPTION = """Regional cooperation in Central Asia as a knowledge graph.

- `/sparql`: the SPARQL 1.1 Protocol over the whole graph (one named graph per article; the
  default graph is their union).
- REST resources in JSON: countries, bilateral ties, agreements, events, entities, articles.
  Every listing also comes as CSV (`?format=csv` or `Accept: text/csv`): one row per item, one
  named column per field, lists joined by ` | `; the next page in the `Link` header.

Every error is an RFC 9457 `application/problem+json` document. Writes (`POST /articles`,
`DELETE /articles/{id}`, SPARQL updates) need the bearer token the service was started with.
"""


def _openapi(app: FastAPI) -> dict[str, Any]:
    """The generated OpenAPI with the Problem schema and problem+json for 422."""
    if app.openapi_schema:
        return app.openapi_schema
    from fastapi.openapi.utils import get_openapi

    schema = get_openapi(
        title=app.title, version=app.version, description=app.description, routes=app.routes
    )
    schemas = schema.setdefault("components", {}).setdefault("schemas", {})
    schemas["Problem"] = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    for name, definition in schemas["Problem"].pop("$defs", {}).items():
        schemas.setdefault(name, definition)
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for path in schema.get("paths", {}).values():
        for operation in path.values():
            responses = operation.get("responses", {})
            if "422" in responses:
                responses["422"] = {"description": "Invalid request", "content": problem}
    app.openapi_schema = schema
    return schema


def create_app(settings: Settings | None = None, *, in_memory: bool = False) -> FastAPI:
    """A new service app; nothing is opened until it starts. ``in_memory`` serves an in-memory
    snapshot of the store (read-only; see :mod:`api.lifespan`)."""
    settings = settings or get_settings()
    app = FastAPI(
        title="cagraph",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # /docs is served from local files by api.explorer.pages
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.in_memory = in_memory
    install_problem_handlers(app)
    for module in (sparql, countries, ties, agreements, events, entities, articles, health):
        app.include_router(module.router)
    app.include_router(export_router)  # /export/{graph}.{ext} and the explorer (/, /explorer/…)
    # ?format=csv on every listing; after every router is included
    app.state.csv_listings = listing_csv.install(app)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_methods=["GET", "POST", "DELETE"],
        allow_headers=["Accept", "Authorization", "Content-Type"],
        expose_headers=["Location", "Server-Timing"],
        max_age=600,
    )
    app.add_middleware(ServerTimingMiddleware)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app
