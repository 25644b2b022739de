"""Store commands that need no extractor: `load`, `query`, `stats`, `validate`, `remove`."""

from __future__ import annotations

import json
from pathlib import Path

import rdflib
import typer

from cagraph.errors import ConfigError, InputError
from cagraph.settings import get_settings
from cagraph.store import META_GRAPH, QueryResult, Store, open_store
from cagraph.store.results import term_label

STORE_HELP = "Store folder, SPARQL server URL (http://…) or :memory: [default: CAGRAPH_STORE]"
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
    files: list[Path] = typer.Argument(..., help="RDF files: .ttl .nt .trig .nq .rdf .jsonld"),
    graph: str | None = typer.Option(None, "--graph", "-g", help="Named graph for the triples"),
    fmt: str | None = typer.Option(None, "--format", help="RDF format if not the extension's"),
    store: str | None = typer.Option(None, "--store", help=STORE_HELP),
) -> None:
    """Add RDF files to the store: each file all or nothing."""
    with _open(store, read_only=False, create=True) as target:
        for path in files:
            n = target.load(path, fmt=fmt, graph=graph)
            typer.echo(f"loaded {n} quads from {path} into {graph or 'the file’s graphs'}")


def query(
    sparql: str | None = typer.Argument(None, help="The SPARQL query (or use --file)"),
    file: Path | None = typer.Option(None, "--file", "-f", help="Read the query from a file"),
    fmt: str = typer.Option(
        "table", "--format", help="table, csv, tsv, json, xml; graphs: turtle, ntriples, jsonld…"
    ),
    timeout: float | None = typer.Option(None, "--timeout", help="Seconds [QUERY_TIMEOUT_S]"),
    row_cap: int | None = typer.Option(None, "--row-cap", help="Max rows [CAGRAPH_QUERY_ROW_CAP]"),
    store: str | None = typer.Option(None, "--store", help=STORE_HELP),
) -> None:
    """Run a SPARQL query (default graph = union of all graphs)."""
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
    as_json: bool = typer.Option(False, "--json", help="Print JSON"),
    store: str | None = typer.Option(None, "--store", help=STORE_HELP),
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
    shapes: Path | None = typer.Option(
        None, "--shapes", help="SHACL shapes file [default: <ontology_dir>/shapes.ttl]"
    ),
    graph: str | None = typer.Option(None, "--graph", "-g", help="Validate this graph only"),
    inference: str = typer.Option("none", "--inference", help="none, rdfs or owlrl"),
    store: str | None = typer.Option(None, "--store", help=STORE_HELP),
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
    article_id: str = typer.Argument(..., help="Article id, as in `cagraph stats`"),
    store: str | None = typer.Option(None, "--store", help=STORE_HELP),
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
