"""``cagraph extract``: articles in, one FORMAT.md-shaped JSON per article out."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from cagraph.cli.options import ModelOption, QuietOption, WorkersOption
from cagraph.errors import InputError
from cagraph.records import Article


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)
    app.command("schema")(schema)


def extract(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="PATH", help="Article files (.txt .html .htm .pdf .jsonl) or folders."
        ),
    ],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", metavar="DIR", help="Folder for <article-id>.json files."),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            metavar="FORMAT",
            help="json: a file per article in --out; jsonl: a line per article on stdout; "
            "csv: a row per entity, agreement, event and tie on stdout, for spreadsheets.",
        ),
    ] = "json",
    model: ModelOption = None,
    no_model: Annotated[
        bool, typer.Option("--no-model", help="Rules alone: no trained pipeline is loaded.")
    ] = False,
    workers: WorkersOption = None,
    quiet: QuietOption = False,
) -> None:
    """Extract people, institutions, countries, agreements, events and ties from articles.

    Writes one <article-id>.json per article into --out (the gold annotation format plus
    evidence and confidence), or streams JSON lines to stdout with --format jsonl. Bad files are
    reported and skipped, and so is an article the extractor cannot take (over 1,000,000
    characters); a summary of what was read ends the run. Exit code 0; 1 when no article could
    be extracted; 2 on an error.
    """
    from tqdm import tqdm

    from cagraph.build.isolate import extract_each, failure_reason
    from cagraph.ingest import IngestReport, iter_articles
    from cagraph.nlp import load_extractor
    from cagraph.settings import get_settings
    from cagraph.tables import EXTRACTION_COLUMNS, csv_writer, extraction_rows

    if fmt not in ("json", "jsonl", "csv"):
        raise InputError(f"unknown --format {fmt!r}", hint="use json, jsonl or csv")
    if fmt == "json" and out is None:
        raise InputError("--out DIR is required with --format json", hint="or use --format jsonl")
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    for p in paths:
        if not p.exists():
            raise InputError("no such file or folder", source=str(p))
    if no_model and model:
        raise InputError("--model and --no-model exclude each other", hint="pick one")
    settings = get_settings()
    model = model if no_model else (model or settings.model)
    workers = workers or settings.workers
    report = IngestReport()
    extractor = load_extractor(model="none" if no_model else model)
    articles = iter_articles(paths, report=report)
    bar = tqdm(unit="article", disable=quiet or fmt != "json", file=sys.stderr)
    table = csv_writer(sys.stdout, EXTRACTION_COLUMNS) if fmt == "csv" else None
    done = 0

    def failed(article: Article, exc: BaseException) -> None:
        report.add_skipped(article.source_path or article.id, failure_reason(exc))

    def one(article: Article) -> tuple[str, str]:
        result = extractor.extract(article)
        return result.id, result.to_format_json()

    results = extract_each(
        lambda batch: extractor.extract_many_json(batch, workers=workers), articles, failed, one
    )
    for article_id, text in results:
        if table is not None:
            table.writerows(extraction_rows(json.loads(text)))
        elif fmt == "jsonl":
            sys.stdout.write(text + "\n")
        else:
            assert out is not None
            target = out / f"{article_id}.json"
            tmp = target.with_suffix(".json.tmp")
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(target)
        done += 1
        bar.update(1)
    bar.close()
    typer.echo(report.summary(), err=True)
    typer.echo(f"extracted {done} article(s)", err=True)
    if done == 0:
        raise typer.Exit(1)  # nothing was read: not a success


def schema() -> None:
    """Print the JSON Schema of what `cagraph extract` writes per article."""
    from cagraph.records import output_json_schema

    typer.echo(json.dumps(output_json_schema(), indent=1))
