"""``/export/{graph}.{ext}``: the ties or full graph as a file; the explorer's country panel.

The router also carries the explorer's pages (:mod:`api.explorer.pages`), so the app factory
mounts both with one ``include_router``.
"""

from __future__ import annotations

import io
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Response

from api.deps import StoreDep
from api.explorer.pages import router as pages_router
from api.problems import problem_responses
from cagraph.errors import InputError, NotFoundError
from cagraph.graph.export import export_graph
from cagraph.graph.filters import ExportFilter
from cagraph.graph.formats import FORMATS, split_name
from cagraph.graph.panel import CountryPanel, country_panel
from cagraph.graph.projections import GRAPHS
from cagraph.graph.source import shared_reader

router = APIRouter(tags=["export"])


def export_filter(
    since: Annotated[
        str | None, Query(max_length=10, description="first date kept: YYYY, YYYY-MM, YYYY-MM-DD")
    ] = None,
    until: Annotated[str | None, Query(max_length=10, description="last date kept")] = None,
    kind: Annotated[
        list[str] | None,
        Query(description="kinds of act kept (MOU … Forum, agreement, event); repeat or a,b"),
    ] = None,
    topic: Annotated[
        list[str] | None, Query(description="topics kept (energy, water…); repeat or a,b")
    ] = None,
    countries: Annotated[
        str | None, Query(max_length=400, description="ISO codes, comma-separated: KZ,UZ")
    ] = None,
) -> ExportFilter:
    return ExportFilter.parse(
        since=since, until=until, kinds=kind, topics=topic, countries=countries
    )


ExportFilterDep = Annotated[ExportFilter, Depends(export_filter)]

_FILE_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "the graph in the format its extension names",
        "content": {f.media_type: {"schema": {"type": "string"}} for f in FORMATS},
    },
    **problem_responses(400, 404, 503),
}


@router.get("/export", summary="Export formats")
def list_exports() -> dict[str, Any]:
    """The graphs and formats ``/export/{graph}.{ext}`` offers."""
    return {
        "graphs": list(GRAPHS),
        "formats": [
            {"ext": f.ext, "media_type": f.media_type, "kind": f.kind, "title": f.title}
            for f in FORMATS
        ],
        "filters": ["since", "until", "kind", "topic", "countries"],
        "example": "/export/ties.gexf?since=2023&countries=KZ,UZ",
    }


@router.get(
    "/export/{name}",
    summary="The ties or full graph as a file",
    response_class=Response,
    responses=_FILE_RESPONSES,
)
def export_file(
    name: Annotated[
        str,
        Path(max_length=40, description="graph and format: ties.gexf, full.d3.json, full.trig…"),
    ],
    store: StoreDep,
    flt: ExportFilterDep,
) -> Response:
    """``ties`` or ``full`` in GEXF 1.3, GraphML, Cytoscape.js JSON (``cyjs``), D3 node-link
    (``d3.json``), CSV (``nodes.csv``, ``edges.csv``, ``csv.zip``) or RDF (``ttl``, ``nt``,
    ``trig``, ``nq``, ``jsonld``), with the same filters as ``cagraph export``."""
    try:
        graph, fmt = split_name(name)
    except InputError as exc:
        raise NotFoundError(exc.message, source="path", hint=exc.hint) from None
    if graph not in GRAPHS:
        raise NotFoundError(f"no graph {graph!r} to export", source="path", hint="ties or full")
    buffer = io.BytesIO()
    export_graph(shared_reader(store), graph, fmt, buffer, flt)
    return Response(
        buffer.getvalue(),
        media_type=fmt.media_type,
        headers={"Content-Disposition": f'inline; filename="cagraph-{graph}.{fmt.ext}"'},
    )


@router.get(
    "/explorer/countries/{code}",
    summary="A country's partners and acts, with evidence",
    responses=problem_responses(400, 404, 503),
)
def explorer_country(
    code: Annotated[str, Path(min_length=2, max_length=2, description="ISO 3166-1 alpha-2")],
    store: StoreDep,
    flt: ExportFilterDep,
) -> CountryPanel:
    """What the explorer's side panel shows for a country, filtered like the exports."""
    return country_panel(shared_reader(store), code, flt)


router.include_router(pages_router)
