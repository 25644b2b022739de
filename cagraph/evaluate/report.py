"""Human-readable output of an evaluation and the score floors CI checks (``--min``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from cagraph.errors import InputError
from cagraph.evaluate.scores import (
    CATEGORIES,
    METRICS,
    ArticleScore,
    Category,
    CategoryScore,
    EvalReport,
    Metric,
)

LABELS: dict[Category, str] = {
    "entities": "entities (P+O+C)",
    "person": "  Person",
    "organization": "  Organization",
    "country": "  Country",
    "place": "Place (recall only)",
    "agreements": "agreements",
    "events": "events",
    "ties": "ties",
}


def _num(value: float | None) -> str:
    return "    -" if value is None else f"{value:5.3f}"


def score_row(label: str, score: CategoryScore) -> str:
    fp = "-" if score.recall_only else str(score.fp)
    return (
        f"{label:<20} {_num(score.precision)} {_num(score.recall)} {_num(score.f1)}"
        f" {score.tp:>5} {fp:>5} {score.fn:>5}"
    )


def render_table(report: EvalReport) -> str:
    """P/R/F1 with TP/FP/FN per category, micro-averaged over all articles."""
    header = f"{'category':<20} {'P':>5} {'R':>5} {'F1':>5} {'TP':>5} {'FP':>5} {'FN':>5}"
    lines = [
        f"{len(report.articles)} articles from {', '.join(report.gold_dirs)} (micro-averaged)",
        header,
    ]
    totals = report.totals
    lines += [score_row(LABELS[c], totals.get(c)) for c in CATEGORIES]
    return "\n".join(lines)


def render_comparison(reports: dict[str, EvalReport]) -> str:
    """Two or more runs over the same gold side by side: P/R/F1 per category and run, and the
    change of F1 (recall for Place) from the first run to the last."""
    names = list(reports)
    first = reports[names[0]]
    lines = [f"{len(first.articles)} articles from {', '.join(first.gold_dirs)} (micro-averaged)"]
    head = f"{'category':<20}" + "".join(f" | {n:^17}" for n in names)
    sub = f"{'':<20}" + "".join(f" | {'P':>5} {'R':>5} {'F1':>5}" for _ in names)
    if len(names) > 1:
        head += " |  change"
        sub += f" | {'':>7}"
    lines += [head, sub]
    for c in CATEGORIES:
        scores = [reports[n].totals.get(c) for n in names]
        row = f"{LABELS[c]:<20}" + "".join(
            f" | {_num(s.precision)} {_num(s.recall)} {_num(s.f1)}" for s in scores
        )
        if len(names) > 1:
            a, b = scores[0], scores[-1]
            va = a.recall if a.recall_only else a.f1
            vb = b.recall if b.recall_only else b.f1
            row += f" | {vb - va:+7.3f}" if va is not None and vb is not None else " |       -"
        lines.append(row)
    return "\n".join(lines)


def render_article(article: ArticleScore) -> str:
    """One article's F1 per category and its misses (FN) and false alarms (FP)."""
    s = article.scores
    lines = [
        f"== {article.id}  entities F1 {_num(s.entities.f1)}  place R {_num(s.place.recall)}"
        f"  agreements F1 {_num(s.agreements.f1)}  events F1 {_num(s.events.f1)}"
        f"  ties F1 {_num(s.ties.f1)}"
    ]
    for category in CATEGORIES:
        for item in article.missed.get(category, []):
            lines.append(f"  {category:<12} FN  {item}")
        for item in article.false_alarms.get(category, []):
            lines.append(f"  {category:<12} FP  {item}")
    return "\n".join(lines)


@dataclass(frozen=True)
class Floor:
    """A minimum score: ``ties.f1=0.85``."""

    category: Category
    metric: Metric
    value: float

    @property
    def key(self) -> str:
        return f"{self.category}.{self.metric}"


_METRIC_ALIASES: dict[str, Metric] = {"p": "precision", "r": "recall", "f": "f1"}


def parse_floor(text: str) -> Floor:
    """Parse ``CATEGORY.METRIC=VALUE`` (e.g. ``entities.f1=0.8``, ``place.recall=0.5``)."""
    usage = (
        f"write CATEGORY.METRIC=VALUE with CATEGORY one of {', '.join(CATEGORIES)}, "
        f"METRIC one of {', '.join(METRICS)} and VALUE between 0 and 1"
    )
    key, sep, raw = text.partition("=")
    category, dot, metric = key.strip().lower().partition(".")
    metric = _METRIC_ALIASES.get(metric, metric)
    if not sep or not dot or category not in CATEGORIES or metric not in METRICS:
        raise InputError(f"bad score floor {text!r}", hint=usage, source="--min")
    try:
        value = float(raw)
    except ValueError:
        raise InputError(f"bad score floor {text!r}", hint=usage, source="--min") from None
    if not 0.0 <= value <= 1.0:
        raise InputError(f"bad score floor {text!r}", hint=usage, source="--min")
    if category == "place" and metric != "recall":
        raise InputError(f"Place is scored for recall only: {text!r}", hint=usage, source="--min")
    return Floor(category=cast(Category, category), metric=cast(Metric, metric), value=value)


def failed_floors(report: EvalReport, floors: list[Floor]) -> list[str]:
    """One line per floor the micro-averaged totals fall below."""
    totals = report.totals
    failures = []
    for floor in floors:
        actual = totals.get(floor.category).metric(floor.metric)
        if actual is None or actual < floor.value - 1e-9:
            failures.append(f"{floor.key} = {_num(actual).strip()} is below {floor.value:g}")
    return failures
