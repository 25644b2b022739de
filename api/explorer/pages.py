"""The explorer's pages and files: ``/`` (the ties network), ``/explorer/sparql`` (YASGUI),
``/explorer/static/…`` (the pages' own JS and CSS) and ``/explorer/vendor/…`` (the npm libraries
of :mod:`api.explorer.assets`, package data in ``api/explorer/vendor``).

Only the files named here are served, so no request path can reach anything else on disk.
Nothing is fetched from the internet at run time.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse

from api.deps import CountriesDep
from api.explorer.assets import VENDOR, VENDOR_FILES
from api.problems import problem_responses
from cagraph.errors import ConfigError, NotFoundError
from cagraph.graph.rdfexport import EXPORT_PREFIXES

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"

PAGES = {"explorer": "index.html", "sparql": "sparql.html"}
STATIC_FILES = {
    "explorer.js": "text/javascript",
    "explorer.css": "text/css",
    "sparql.js": "text/javascript",
}
NO_STORE = {"Cache-Control": "no-cache"}

router = APIRouter(tags=["explorer"])


def _page(name: str) -> FileResponse:
    return FileResponse(STATIC / PAGES[name], media_type="text/html", headers=NO_STORE)


@router.get("/", include_in_schema=False)
def explorer_page() -> FileResponse:
    """The ties network, drawn with Cytoscape.js."""
    return _page("explorer")


@router.get("/explorer/sparql", include_in_schema=False)
def sparql_page() -> FileResponse:
    """YASGUI, querying this service's /sparql."""
    return _page("sparql")


@router.get("/docs", include_in_schema=False)
def api_docs() -> HTMLResponse:
    """Swagger UI over /openapi.json, from the wheel's own copy of swagger-ui-dist."""
    return get_swagger_ui_html(
        openapi_url="/openapi.json",
        title="cagraph API",
        swagger_js_url="/explorer/vendor/swagger-ui-bundle.js",
        swagger_css_url="/explorer/vendor/swagger-ui.css",
        swagger_favicon_url="/explorer/vendor/swagger-favicon.png",
        # no badge from the online validator: nothing leaves the machine
        swagger_ui_parameters={"validatorUrl": None, "tryItOutEnabled": True},
    )


@router.get("/explorer/prefixes.json", include_in_schema=False)
def prefixes() -> dict[str, str]:
    """The prefixes the editor completes (prefix.cc's format), from cagraph's vocabularies."""
    return dict(sorted(EXPORT_PREFIXES.items()))


@router.get("/explorer/names.json", include_in_schema=False)
def country_names(codes: CountriesDep) -> dict[str, list[str]]:
    """Every name the search box matches, per ISO code: the name news use, the official name,
    other names and spellings ("Kazakstan", "Qazaqstan"), demonyms and the alpha-3 code."""
    out = {}
    for country in codes.all():
        forms = [country.name, country.official_name, *country.names, *country.demonyms]
        forms.append(country.iso3)
        out[country.iso2] = list(dict.fromkeys(f for f in forms if f))
    return out


@router.get("/explorer/static/{name}", responses=problem_responses(404), include_in_schema=False)
def static_file(name: str) -> FileResponse:
    if name not in STATIC_FILES:
        raise NotFoundError(f"no explorer file {name!r}", source="path")
    return FileResponse(STATIC / name, media_type=STATIC_FILES[name], headers=NO_STORE)


@router.get("/explorer/vendor/{name}", responses=problem_responses(404), include_in_schema=False)
def vendor_file(name: str) -> FileResponse:
    if name not in VENDOR_FILES:
        raise NotFoundError(f"no explorer library {name!r}", source="path")
    relative, media_type = VENDOR_FILES[name]
    path = VENDOR / name
    if not path.is_file():
        raise ConfigError(
            f"the explorer's library {name} (npm: {relative}) is not installed",
            source=str(VENDOR),
            hint="run `bash scripts/setup.sh` (npm ci in api/explorer, then the copy into vendor/)",
        )
    return FileResponse(path, media_type=media_type, headers={"Cache-Control": "max-age=3600"})
