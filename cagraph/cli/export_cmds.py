"""``cagraph export``: the ties or full graph of a store as GEXF, GraphML, JSON, CSV or RDF."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from cagraph.cli.options import StoreOption
from cagraph.errors import InputError
from cagraph.graph.export import ExportResult, export_graph
from cagraph.graph.filters import ExportFilter
from cagraph.graph.formats import FORMATS, ExportFormat, export_format, format_for_path
from cagraph.graph.validate import DEFAULT_CONFORMANCE_DIR, check_json_graph, validate_xml
from cagraph.settings import get_settings
from cagraph.store import open_store

FORMAT_LIST = ", ".join(f"{f.ext} ({f.title})" for f in FORMATS)
HELP = "\n\n".join(
    (
        "Export the ties graph or the full graph of the store.",
        "ties: countries and the bilateral ties between them, weighted by agreements and "
        "events, with counts by kind, topics and first/last date. full: persons, "
        "organisations, countries, agreements and events, linked by party, participant, "
        "signatory, office held (role) and country. Every node carries degree, weighted "
        "degree, betweenness and community.",
        f"Formats: {FORMAT_LIST}.",
        "Filters keep the acts (agreements, events) dated inside --since/--until (YYYY, "
        "YYYY-MM or YYYY-MM-DD; undated acts drop out of any window), of the given kinds "
        "(MOU, Agreement, Treaty, Declaration, Program, Summit, Meeting, Forum, or agreement / "
        "event), on the given topics, involving the given countries.",
        "Example: cagraph export --graph ties -o ties.gexf --since 2023 --countries KZ,UZ",
    )
)


def _summary(result: ExportResult, target: str) -> str:
    size = "" if result.bytes is None else f", {result.bytes:,} bytes"
    counts = ""
    if result.nodes is not None:
        counts = f": {result.nodes} nodes, {result.edges} edges"
    return f"wrote {result.graph} graph as {result.format} to {target}{counts}{size} in " + (
        f"{result.seconds:.2f} s"
    )


def _check(path: Path, fmt: ExportFormat, schemas: Path) -> None:
    if fmt.ext in ("gexf", "graphml"):
        verdict = validate_xml(path, conformance_dir=schemas)
    elif fmt.ext in ("cyjs", "d3.json"):
        verdict = check_json_graph(path)
    else:
        typer.echo(f"--check: nothing to check for {fmt.ext}", err=True)
        return
    if not verdict.valid:
        for error in verdict.errors:
            typer.echo(f"invalid: {error}", err=True)
        raise typer.Exit(1)
    typer.echo(f"valid {verdict.checked_as}", err=True)


def export(
    output: Annotated[
        Path,
        typer.Option("--output", "-o", metavar="FILE", help="File to write, or - for stdout."),
    ],
    graph: Annotated[
        str, typer.Option("--graph", "-g", metavar="GRAPH", help="ties or full.")
    ] = "ties",
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format", "-f", metavar="FORMAT", help="Format [default: from the file name]."
        ),
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", metavar="DATE", help="First date kept.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", metavar="DATE", help="Last date kept.")
    ] = None,
    kind: Annotated[
        list[str] | None,
        typer.Option("--kind", metavar="KIND", help="Kinds of act kept (repeat or a,b)."),
    ] = None,
    topic: Annotated[
        list[str] | None,
        typer.Option("--topic", metavar="TOPIC", help="Topics kept (energy, water…)."),
    ] = None,
    countries: Annotated[
        str | None,
        typer.Option("--countries", metavar="CODES", help="ISO codes, e.g. KZ,UZ,TJ."),
    ] = None,
    store: StoreOption = None,
    check: Annotated[
        bool,
        typer.Option("--check", help="Validate the file written (GEXF/GraphML schemas, JSON)."),
    ] = False,
    schemas: Annotated[
        Path,
        typer.Option(
            "--schemas", metavar="DIR", help="Folder with gexf-xsd/ and graphml-xsd/ (--check)."
        ),
    ] = DEFAULT_CONFORMANCE_DIR,
) -> None:
    to_stdout = str(output) == "-"
    if fmt is None and to_stdout:
        raise InputError("writing to stdout needs --format", source="--format")
    spec = export_format(fmt) if fmt is not None else format_for_path(output)
    flt = ExportFilter.parse(
        since=since, until=until, kinds=kind, topics=topic, countries=countries
    )
    with open_store(store or get_settings().store, read_only=True, create=False) as source:
        if to_stdout:
            result = export_graph(source, graph, spec, sys.stdout.buffer, flt)
            typer.echo(_summary(result, "stdout"), err=True)
            return
        output.parent.mkdir(parents=True, exist_ok=True)
        handle, partial = tempfile.mkstemp(prefix=".export-", dir=output.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                result = export_graph(source, graph, spec, out, flt)
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(partial, 0o666 & ~umask)
            os.replace(partial, output)
        finally:
            if os.path.exists(partial):
                os.unlink(partial)
    typer.echo(_summary(result, str(output)), err=True)
    if check:
        _check(output, spec, schemas)


def register(app: typer.Typer) -> None:
    app.command("export", help=HELP)(export)
