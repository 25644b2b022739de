"""``cagraph serve``: the HTTP service (SPARQL endpoint and REST API) under uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer

from cagraph.cli.options import RowCapOption, StoreOption, TimeoutOption, setting_default
from cagraph.settings import Settings

HELP = "\n\n".join(
    (
        "Serve the graph: the explorer at /, the SPARQL editor at /explorer/sparql, the SPARQL "
        "1.1 Protocol at /sparql, REST resources (JSON, or CSV with ?format=csv) and the API "
        "documentation at /docs.",
        "Read-only unless CAGRAPH_TOKEN is set (then POST /articles, DELETE /articles/{id} and "
        "SPARQL updates take that bearer token). Request bodies are limited by "
        "CAGRAPH_MAX_BODY_BYTES. Nothing is fetched from the internet.",
        "Example: cagraph serve --store var/store --port 8000",
    )
)


def serve(
    store: StoreOption = None,
    host: Annotated[
        str | None,
        typer.Option(
            "--host", metavar="ADDRESS", help="Address to listen on " + setting_default("host")
        ),
    ] = None,
    port: Annotated[
        int | None,
        typer.Option(
            "--port", metavar="PORT", min=1, max=65535, help="Port " + setting_default("port")
        ),
    ] = None,
    timeout: TimeoutOption = None,
    row_cap: RowCapOption = None,
    in_memory: Annotated[
        bool,
        typer.Option(
            "--in-memory", help="Serve a read-only snapshot copied into memory (faster reads)."
        ),
    ] = False,
    log_level: Annotated[
        str,
        typer.Option(
            "--log-level", metavar="LEVEL", help="uvicorn's log level: debug, info, warning…"
        ),
    ] = "info",
) -> None:
    import uvicorn

    from api.app import create_app
    from cagraph.settings import get_settings
    from cagraph.store import open_store

    overrides = {
        "store": store,
        "host": host,
        "port": port,
        "query_timeout_s": timeout,
        "query_row_cap": row_cap,
    }
    settings = get_settings().model_copy(
        update={k: v for k, v in overrides.items() if v is not None}
    )
    settings = Settings.model_validate(settings.model_dump())
    if not settings.token:
        # a read-only service needs an existing store: say so in one line, before uvicorn starts
        open_store(settings.store, read_only=True, create=False).close()
    typer.echo(f"cagraph serving {settings.store} on http://{settings.host}:{settings.port}")
    uvicorn.run(
        lambda: create_app(settings, in_memory=in_memory),
        factory=True,
        host=settings.host,
        port=settings.port,
        log_level=log_level,
    )


def register(app: typer.Typer) -> None:
    app.command("serve", help=HELP)(serve)
