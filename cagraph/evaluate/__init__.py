"""The evaluator: scores predictions against gold annotations as ../shared/corpus/FORMAT.md says."""

from __future__ import annotations

from cagraph.evaluate.gold import GoldArticle, load_gold
from cagraph.evaluate.normalise import normalise_name
from cagraph.evaluate.runner import ExtractFn, evaluate_dir, evaluate_dirs, gold_pairs
from cagraph.evaluate.scorer import score_article
from cagraph.evaluate.scores import ArticleScore, CategoryScore, EvalReport, Scores

__all__ = [
    "ArticleScore",
    "CategoryScore",
    "EvalReport",
    "ExtractFn",
    "GoldArticle",
    "Scores",
    "evaluate_dir",
    "evaluate_dirs",
    "gold_pairs",
    "load_gold",
    "normalise_name",
    "score_article",
]
