"""Run an extract function over gold folders and score every article."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from cagraph.errors import InputError
from cagraph.evaluate.gold import GOLD_SUFFIX, load_gold
from cagraph.evaluate.scorer import score_article
from cagraph.evaluate.scores import EvalReport
from cagraph.records import ArticleExtraction

ExtractFn = Callable[[Path], dict[str, Any] | ArticleExtraction]


def gold_pairs(gold_dir: Path) -> list[tuple[Path, Path]]:
    """(text, gold) paths of every ``<id>.txt`` with a ``<id>.gold.json`` beside it, by id."""
    if not gold_dir.is_dir():
        raise InputError(
            "not a folder",
            hint="pass a folder of <id>.txt + <id>.gold.json pairs",
            source=str(gold_dir),
        )
    pairs: list[tuple[Path, Path]] = []
    for gold_path in sorted(gold_dir.glob(f"*{GOLD_SUFFIX}")):
        text_path = gold_dir / (gold_path.name.removesuffix(GOLD_SUFFIX) + ".txt")
        if not text_path.is_file():
            raise InputError(
                f"no article text {text_path.name} beside this gold file",
                hint="add the text or remove the gold file",
                source=str(gold_path),
            )
        pairs.append((text_path, gold_path))
    if not pairs:
        raise InputError(
            f"no *{GOLD_SUFFIX} files",
            hint="pass a folder of <id>.txt + <id>.gold.json pairs",
            source=str(gold_dir),
        )
    return pairs


def evaluate_dirs(gold_dirs: Sequence[Path], extract: ExtractFn) -> EvalReport:
    """Score ``extract(txt_path)`` on every gold pair of every folder; totals are micro-averaged."""
    pairs = [pair for d in gold_dirs for pair in gold_pairs(d)]
    golds = [load_gold(gold_path) for _, gold_path in pairs]  # every gold file checked first
    articles = [
        score_article(extract(text_path), gold, gold_path=str(gold_path))
        for (text_path, gold_path), gold in zip(pairs, golds, strict=True)
    ]
    return EvalReport(gold_dirs=[str(d) for d in gold_dirs], articles=articles)


def evaluate_dir(gold_dir: Path, extract: ExtractFn) -> EvalReport:
    """Score ``extract(txt_path)`` on every ``<id>.txt`` + ``<id>.gold.json`` pair in a folder."""
    return evaluate_dirs([gold_dir], extract)
