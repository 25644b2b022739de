"""Store commands that need no extractor: `load`, `query`, `stats`, `validate`, `remove`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import rdflib
import typer

from cagraph.cli.options import RowCapOption, StoreOption, TimeoutOption
from cagraph.errors import ConfigError, InputError
from cagraph.settings import get_settings
from cagraph.store import META_GRAPH, QueryResult, Store, open_store
from cagraph.store.results import term_label

TABLE_WIDTH = 60


def _open(store: str | None, *, read_only: bool, create: bool = False) -> Store:
    return open_store(store or get_settings().store, read_only=read_only, create=create)


def _cell(text: str) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= TABLE_WIDTH else text[: TABLE_WIDTH - 1] + "…"


def render_table(result: QueryResult) -> str:
    """SELECT rows as an aligned text table; ASK as true/false."""
    if result.kind == "ask":
        return "true" if result.boolean else "false"
    header = [f"?{v}" for v in result.variables]
    body = [[_cell(term_label(t)) for t in row] for row in result.rows]
    widths = [max([len(h)] + [len(r[i]) for r in body]) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in body]
    lines.append(f"({len(body)} row{'s' if len(body) != 1 else ''})")
    return "\n".join(line.rstrip() for line in lines)


def load(
    files: Annotated[
        list[Path],
        typer.Argument(metavar="FILE", help="RDF files: .ttl .nt .trig .nq .rdf .jsonld"),
    ],
    graph: Annotated[
        str | None,
        typer.Option("--graph", "-g", metavar="IRI", help="Named graph for the files' triples."),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option("--format", metavar="FORMAT", help="RDF format, if not the extension's."),
    ] = None,
    store: StoreOption = None,
) -> None:
    """Add RDF files to the store, each file all or nothing."""
    for path in files:  # before the store is opened (and perhaps created)
        if not path.is_file():
            raise InputError("no such file", source=str(path), hint="give RDF files to load")
    with _open(store, read_only=False, create=True) as target:
        for path in files:
            n = target.load(path, fmt=fmt, graph=graph)
            typer.echo(f"loaded {n} quads from {path} into {graph or 'the file’s graphs'}")


def query(
    sparql: Annotated[
        str | None,
        typer.Argument(metavar="[QUERY]", help="The SPARQL query (or give --file)."),
    ] = None,
    file: Annotated[
        Path | None,
        typer.Option("--file", "-f", metavar="FILE", help="Read the query from a file (.rq)."),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            metavar="FORMAT",
            help="table, csv, tsv, json or xml; for CONSTRUCT and DESCRIBE turtle, ntriples, "
            "jsonld… (table prints Turtle).",
        ),
    ] = "table",
    timeout: TimeoutOption = None,
    row_cap: RowCapOption = None,
    store: StoreOption = None,
) -> None:
    """Run a SPARQL query on the store (the default graph is the union of all graphs).

    Example: cagraph query 'SELECT (COUNT(*) AS ?n) { ?s ?p ?o }' --store var/store
    """
    if (sparql is None) == (file is None):
        raise InputError("give the query either as an argument or with --file", source="query")
    if file is not None:
        try:
            sparql = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read the query file: {exc}", source=str(file)) from exc
    assert sparql is not None
    with _open(store, read_only=True) as source:
        result = source.query(sparql, timeout_s=timeout, row_cap=row_cap)
    if fmt == "table":
        if result.is_graph:
            typer.echo(result.serialize("turtle").decode(), nl=False)
        else:
            typer.echo(render_table(result))
        return
    typer.echo(result.serialize(fmt).decode(), nl=False)


def stats(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    store: StoreOption = None,
) -> None:
    """Triples, graphs, articles and instances per class."""
    with _open(store, read_only=True) as source:
        numbers = source.stats()
    if as_json:
        typer.echo(numbers.model_dump_json(indent=2))
        return
    typer.echo(f"triples   {numbers.triples}")
    typer.echo(f"graphs    {numbers.graphs}")
    typer.echo(f"articles  {numbers.articles}")
    for cls, n in numbers.classes.items():
        typer.echo(f"  {n:>7}  {cls}")


def _data_graph(source: Store, graph: str | None) -> rdflib.Graph:
    """The triples to validate: one graph, or every graph but the bookkeeping one."""
    data = rdflib.Graph()
    for s, p, o, g in source.to_rdflib().quads((None, None, None, None)):
        name = str(getattr(g, "identifier", g))
        if (graph is None and name != META_GRAPH) or name == graph:
            data.add((s, p, o))
    return data


def validate(
    shapes: Annotated[
        Path | None,
        typer.Option(
            "--shapes",
            metavar="FILE",
            help="SHACL shapes [default: shapes.ttl in $CAGRAPH_ONTOLOGY_DIR, else ontology/]",
        ),
    ] = None,
    graph: Annotated[
        str | None,
        typer.Option("--graph", "-g", metavar="IRI", help="Validate this named graph only."),
    ] = None,
    inference: Annotated[
        str, typer.Option("--inference", metavar="KIND", help="none, rdfs or owlrl.")
    ] = "none",
    store: StoreOption = None,
) -> None:
    """Check the store's data against SHACL shapes; exit code 1 when it does not conform."""
    shapes_path = shapes or get_settings().ontology_dir / "shapes.ttl"
    if not shapes_path.is_file():
        raise ConfigError(
            "SHACL shapes file not found",
            source=str(shapes_path),
            hint="pass --shapes FILE or set CAGRAPH_ONTOLOGY_DIR",
        )
    try:
        import pyshacl
    except ImportError as exc:
        raise ConfigError("validate needs pyshacl", hint="pip install pyshacl") from exc
    try:
        shapes_graph = rdflib.Graph().parse(shapes_path)
    except Exception as exc:
        raise ConfigError(f"cannot read the shapes: {exc}", source=str(shapes_path)) from exc
    with _open(store, read_only=True) as source:
        data = _data_graph(source, graph)
    conforms, _, report = pyshacl.validate(data, shacl_graph=shapes_graph, inference=inference)
    typer.echo(report)
    typer.echo(json.dumps({"conforms": bool(conforms), "triples": len(data)}))
    if not conforms:
        raise typer.Exit(1)


def remove(
    article_id: Annotated[
        str,
        typer.Argument(metavar="ARTICLE_ID", help="The article's id (GET /articles lists them)."),
    ],
    store: StoreOption = None,
) -> None:
    """Remove an article's graph and its bookkeeping together."""
    with _open(store, read_only=False) as target:
        graphs = target.remove_article(article_id)
    typer.echo(f"removed article {article_id}: {', '.join(graphs)}")


def register(app: typer.Typer) -> None:
    """Add the store commands to the `cagraph` app."""
    for name, command in (
        ("load", load),
        ("query", query),
        ("stats", stats),
        ("validate", validate),
        ("remove", remove),
    ):
        app.command(name)(command)
