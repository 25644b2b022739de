"""The ``cagraph`` command. Each sub-command lives in its own module and registers itself here."""

from __future__ import annotations

import sys

import typer

from cagraph import __version__
from cagraph.errors import CagraphError

app = typer.Typer(
    name="cagraph",
    help="Turn news articles about regional cooperation into a knowledge graph.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cagraph {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """cagraph: articles -> extraction -> RDF graph -> SPARQL/REST service."""


def _register() -> None:
    from cagraph.cli import build_cmds, evaluate, export_cmds, extract, serve, store_cmds

    for module in (extract, evaluate, store_cmds, build_cmds, export_cmds, serve):
        module.register(app)


_register()


def main() -> None:
    try:
        app()
    except CagraphError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(2)
