"""``cagraph serve``: the HTTP service (SPARQL endpoint and REST API) under uvicorn."""

from __future__ import annotations

import typer

from cagraph.settings import Settings

STORE_HELP = "Store folder, SPARQL server URL (http://…) or :memory: [default: CAGRAPH_STORE]"


def serve(
    store: str | None = typer.Option(None, "--store", help=STORE_HELP),
    host: str | None = typer.Option(None, "--host", help="Address [default: 127.0.0.1]"),
    port: int | None = typer.Option(None, "--port", help="Port [default: 8000]", min=1, max=65535),
    in_memory: bool = typer.Option(
        False, "--in-memory", help="Serve a read-only snapshot copied into memory (faster)"
    ),
    log_level: str = typer.Option("info", "--log-level", help="uvicorn log level"),
) -> None:
    """Serve the graph: /sparql (SPARQL 1.1 Protocol), REST resources, /docs.

    Read-only unless CAGRAPH_TOKEN is set; limits come from CAGRAPH_QUERY_TIMEOUT_S,
    CAGRAPH_QUERY_ROW_CAP and CAGRAPH_MAX_BODY_BYTES.
    """
    import uvicorn

    from api.app import create_app

    overrides = {"store": store, "host": host, "port": port}
    settings = Settings(**{k: v for k, v in overrides.items() if v is not None})  # type: ignore[arg-type]
    typer.echo(f"cagraph serving {settings.store} on http://{settings.host}:{settings.port}")
    uvicorn.run(
        lambda: create_app(settings, in_memory=in_memory),
        factory=True,
        host=settings.host,
        port=settings.port,
        log_level=log_level,
    )


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
