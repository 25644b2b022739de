"""``cagraph build``: articles in, the knowledge graph in the store, brought up to date."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Annotated

import typer

from cagraph.cli.options import ModelOption, QuietOption, StoreOption, WorkersOption
from cagraph.errors import StoreError

HELP = "\n\n".join(
    (
        "Build the knowledge graph of articles into a store, incrementally.",
        "Each article becomes one named graph, written in one transaction together with what it "
        "was built from (content hash, extractor version). Articles unchanged since the last "
        "build are skipped without extracting them; changed ones replace their graph; with "
        "--prune, stored articles no longer among the inputs are removed. The ties graph and "
        "the ontology graph are then rewritten if anything they derive from changed.",
        "A first build into an empty store folder is bulk-loaded into a hidden folder beside "
        "it and moved into place when its articles are written: about twice as fast, and a "
        "build killed before then leaves the store empty (the next build starts over). "
        "--no-bulk writes article batches into the store itself instead, each kept as soon as "
        "it is written.",
        "Inputs: .txt, .html/.htm and .pdf files (the file name is the article's id) and .jsonl "
        "files of one article per line (id, text, url, title, published; news crawlers' field "
        "names such as maintext and date_publish are read too; see the README).",
        "A progress bar runs on stderr; a summary of what was read, skipped (with reasons), "
        "added, updated, removed and written ends the run. An article that cannot be extracted "
        "(one over 1,000,000 characters, say) is reported and the others go on. Exit code 0; 1 "
        "if no article could be read or written (a store that did not exist is then not "
        "created); 2 on an error (each article is stored whole or not at all: run again to "
        "carry on).",
        "Example: cagraph build data/samples --store var/store",
    )
)


def build(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="PATH",
            help="Article files (.txt .html .htm .pdf .jsonl) or folders (read recursively).",
            show_default=False,
        ),
    ],
    store: StoreOption = None,
    prune: Annotated[
        bool,
        typer.Option(
            "--prune",
            help="Remove the stored articles whose inputs were read and no longer hold them "
            "(nothing is removed for an input that could not be read).",
        ),
    ] = False,
    workers: WorkersOption = None,
    model: ModelOption = None,
    bulk: Annotated[
        bool,
        typer.Option(
            "--bulk/--no-bulk",
            help="Bulk-load a first build into an empty store folder (see above).",
        ),
    ] = True,
    quiet: QuietOption = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the build report as JSON instead of text.")
    ] = False,
) -> None:
    """Build the knowledge graph of articles into a store, incrementally (see HELP)."""
    from cagraph.build import build_graph
    from cagraph.settings import get_settings
    from cagraph.store import open_store

    settings = get_settings()
    if model is not None:
        settings = settings.model_copy(update={"model": model})
    spec = store or settings.store
    new_folders = _missing_folders(spec)
    _make_parent(spec)
    try:
        with open_store(spec, create=True) as target:
            report = build_graph(
                paths,
                target,
                prune=prune,
                workers=workers or settings.workers,
                progress=not quiet,
                settings=settings,
                bulk=bulk,
            )
    except BaseException:
        for folder in new_folders:  # the parents made for a store that could not be opened
            with contextlib.suppress(OSError):
                folder.rmdir()  # only when empty: articles written before an error are kept
        raise
    if not report.read and not report.removed and new_folders:
        _remove_unused(new_folders)
        report.notes.append(f"no store was created at {spec}: nothing was read")
    if as_json:
        typer.echo(json.dumps(report.as_dict(), indent=1, ensure_ascii=False))
    else:
        typer.echo(report.summary())
    if not (report.added or report.updated or report.unchanged or report.removed):
        raise typer.Exit(1)  # nothing read, or nothing of it could be written


def _missing_folders(spec: str) -> list[Path]:
    """The folders an embedded store at ``spec`` would create, innermost first."""
    if "://" in spec or spec == ":memory:":
        return []
    missing = []
    folder = Path(spec).expanduser().absolute()
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    return missing


def _remove_unused(folders: list[Path]) -> None:
    """Remove the folders this build created, when no article was written into them: the store
    (empty: it holds only the files the store engine creates) and the parents made for it."""
    import shutil

    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


def _make_parent(spec: str) -> None:
    """Create the folder a new embedded store goes in (var/ for the default var/store)."""
    if "://" in spec or spec == ":memory:":
        return
    try:
        Path(spec).expanduser().parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(
            f"cannot create the store's folder: {exc.strerror or exc}",
            source=spec,
            hint="check --store and the folder's permissions",
        ) from exc


def register(app: typer.Typer) -> None:
    """Add `build` to the `cagraph` app."""
    app.command("build", help=HELP)(build)
