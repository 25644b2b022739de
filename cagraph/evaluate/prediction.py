"""What the evaluator reads from a prediction: the FORMAT.md fields that are scored.

Predictions come as ``ArticleExtraction`` records or as their ``to_format()`` dicts; fields that
are not scored (evidence, confidence, dates…) are ignored.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from pydantic import ValidationError as PydanticValidationError

from cagraph.errors import InputError
from cagraph.evaluate.gold import validation_problems
from cagraph.records import AgreementKind, ArticleExtraction, EntityType, EventKind


class _Pred(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class PredEntity(_Pred):
    type: EntityType
    name: str


class PredAgreement(_Pred):
    kind: AgreementKind
    name: str = ""
    parties: list[str] = Field(default_factory=list)


class PredEvent(_Pred):
    kind: EventKind
    name: str = ""
    participants: list[str] = Field(default_factory=list)


class Prediction(_Pred):
    """The scored part of one article's prediction."""

    id: str | None = None
    entities: list[PredEntity] = Field(default_factory=list)
    agreements: list[PredAgreement] = Field(default_factory=list)
    events: list[PredEvent] = Field(default_factory=list)
    ties: list[tuple[str, str]] = Field(default_factory=list)


def parse_prediction(pred: dict[str, Any] | ArticleExtraction, *, source: str) -> Prediction:
    """Validate a prediction; a malformed one is an InputError naming ``source``."""
    data = pred.to_format() if isinstance(pred, ArticleExtraction) else pred
    try:
        return Prediction.model_validate(data)
    except PydanticValidationError as exc:
        problems = validation_problems(exc)
        raise InputError(
            f"malformed prediction: {problems}",
            hint="predictions must follow the FORMAT.md shape (ArticleExtraction.to_format())",
            source=source,
        ) from exc
