"""Score records: counts per category, per article and micro-averaged over a run.

Conventions where a ratio has no denominator: precision is 1.0 when nothing was predicted
(no false alarms), recall is 1.0 when there was nothing to find, F1 is their harmonic mean
(0.0 when both are 0). A gold set scored against itself therefore gets 1.0 everywhere.
"""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, computed_field

Category = Literal[
    "entities", "person", "organization", "country", "place", "agreements", "events", "ties"
]
CATEGORIES: tuple[Category, ...] = get_args(Category)
Metric = Literal["precision", "recall", "f1"]
METRICS: tuple[Metric, ...] = get_args(Metric)
ENTITY_CATEGORY: dict[str, Category] = {
    "Person": "person",
    "Organization": "organization",
    "Country": "country",
    "Place": "place",
}


class _Score(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class CategoryScore(_Score):
    """True positives, false positives and false negatives of one category, with P/R/F1."""

    tp: int = Field(default=0, ge=0)
    fp: int = Field(default=0, ge=0)
    fn: int = Field(default=0, ge=0)
    recall_only: bool = Field(default=False, description="precision and F1 are not scored")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def precision(self) -> float | None:
        if self.recall_only:
            return None
        predicted = self.tp + self.fp
        return self.tp / predicted if predicted else 1.0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def recall(self) -> float:
        expected = self.tp + self.fn
        return self.tp / expected if expected else 1.0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def f1(self) -> float | None:
        if self.recall_only:
            return None
        counted = 2 * self.tp + self.fp + self.fn  # 2PR/(P+R) without rounding errors
        return 2 * self.tp / counted if counted else 1.0

    def metric(self, name: Metric) -> float | None:
        value: float | None = getattr(self, name)
        return value

    def __add__(self, other: CategoryScore) -> CategoryScore:
        return CategoryScore(
            tp=self.tp + other.tp,
            fp=self.fp + other.fp,
            fn=self.fn + other.fn,
            recall_only=self.recall_only and other.recall_only,
        )


def _place() -> CategoryScore:
    return CategoryScore(recall_only=True)


class Scores(_Score):
    """One :class:`CategoryScore` per category. ``entities`` is Person+Organization+Country."""

    entities: CategoryScore = Field(default_factory=CategoryScore)
    person: CategoryScore = Field(default_factory=CategoryScore)
    organization: CategoryScore = Field(default_factory=CategoryScore)
    country: CategoryScore = Field(default_factory=CategoryScore)
    place: CategoryScore = Field(default_factory=_place)
    agreements: CategoryScore = Field(default_factory=CategoryScore)
    events: CategoryScore = Field(default_factory=CategoryScore)
    ties: CategoryScore = Field(default_factory=CategoryScore)

    def get(self, category: Category) -> CategoryScore:
        score: CategoryScore = getattr(self, category)
        return score

    def __add__(self, other: Scores) -> Scores:
        return Scores(**{c: self.get(c) + other.get(c) for c in CATEGORIES})


class ArticleScore(_Score):
    """The scores of one article with what it missed and what it reported wrongly.

    ``missed`` and ``false_alarms`` list items per category; ``entities`` has no list of its own
    (its items are those of person, organization and country).
    """

    id: str
    gold_path: str
    scores: Scores
    missed: dict[Category, list[str]] = Field(
        default_factory=dict, description="false negatives, described"
    )
    false_alarms: dict[Category, list[str]] = Field(
        default_factory=dict, description="false positives, described"
    )


class EvalReport(_Score):
    """A whole run: per-article scores and their micro-averaged totals (summed TP/FP/FN)."""

    gold_dirs: list[str]
    articles: list[ArticleScore]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def totals(self) -> Scores:
        return sum((a.scores for a in self.articles), Scores())
