"""The explorer's pages and files: ``/`` (the ties network), ``/explorer/sparql`` (YASGUI),
``/explorer/static/…`` (the page's own JS and CSS) and ``/explorer/vendor/…`` (cytoscape and
yasgui from ``api/explorer/node_modules``, installed by ``scripts/setup.sh``).

Only the files named here are served, so no request path can reach anything else on disk.
Nothing is fetched from the internet at run time.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

from api.problems import problem_responses
from cagraph.errors import ConfigError, NotFoundError
from cagraph.graph.rdfexport import EXPORT_PREFIXES

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
NODE_MODULES = HERE / "node_modules"

PAGES = {"explorer": "index.html", "sparql": "sparql.html"}
STATIC_FILES = {
    "explorer.js": "text/javascript",
    "explorer.css": "text/css",
    "sparql.js": "text/javascript",
}
VENDOR_FILES = {
    "cytoscape.min.js": ("cytoscape/dist/cytoscape.min.js", "text/javascript"),
    "yasgui.min.js": ("@triply/yasgui/build/yasgui.min.js", "text/javascript"),
    "yasgui.min.css": ("@triply/yasgui/build/yasgui.min.css", "text/css"),
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


@router.get("/explorer/prefixes.json", include_in_schema=False)
def prefixes() -> dict[str, str]:
    """The prefixes the editor completes (prefix.cc's format), from cagraph's vocabularies."""
    return dict(sorted(EXPORT_PREFIXES.items()))


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
    path = NODE_MODULES / relative
    if not path.is_file():
        raise ConfigError(
            f"the explorer's library {relative} is not installed",
            source=str(NODE_MODULES),
            hint="run `bash scripts/setup.sh` (npm ci in api/explorer)",
        )
    return FileResponse(path, media_type=media_type, headers={"Cache-Control": "max-age=3600"})
