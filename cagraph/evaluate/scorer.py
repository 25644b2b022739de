"""Score one article's prediction against its gold annotation (FORMAT.md, "Scoring").

Rules, each a function below:
- entities: a predicted (type, name) matches a gold entity of the same type whose name or an
  alias equals it after normalisation; each gold entity matched at most once (maximum matching,
  so duplicate predictions count once and the rest are false positives). P/R/F1 per type and
  over Person+Organization+Country; Place recall only.
- agreements / events: same kind, and at least half of the gold parties (participants) found
  among the predicted ones; one-to-one, greedy by the number found. A predicted party finds a
  gold party when its normalised name equals the gold party's name or any name/alias of a gold
  entity that the gold party names. A gold item with no parties needs the kind only.
- ties: sets of unordered ISO pairs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from cagraph.evaluate.gold import GoldArticle, GoldEntity
from cagraph.evaluate.matching import greedy_matching, max_matching
from cagraph.evaluate.normalise import normalise_code, normalise_name
from cagraph.evaluate.prediction import PredEntity, Prediction, parse_prediction
from cagraph.evaluate.scores import (
    ENTITY_CATEGORY,
    ArticleScore,
    Category,
    CategoryScore,
    Scores,
)
from cagraph.records import ArticleExtraction

SCORED_TYPES = ("Person", "Organization", "Country")


class _Outcome:
    """Counts and descriptions of one category while an article is scored."""

    def __init__(self, *, recall_only: bool = False) -> None:
        self.tp = 0
        self.missed: list[str] = []
        self.false_alarms: list[str] = []
        self.recall_only = recall_only

    def score(self) -> CategoryScore:
        fp = 0 if self.recall_only else len(self.false_alarms)
        return CategoryScore(tp=self.tp, fp=fp, fn=len(self.missed), recall_only=self.recall_only)


def _gold_name_index(gold: GoldArticle) -> list[set[str]]:
    return [{normalise_name(n) for n in e.names} for e in gold.entities]


def _score_entity_type(
    preds: Sequence[PredEntity], golds: Sequence[tuple[GoldEntity, set[str]]], outcome: _Outcome
) -> None:
    keys = [normalise_name(p.name) for p in preds]
    matched = max_matching(len(preds), len(golds), lambda p, g: keys[p] in golds[g][1])
    outcome.tp += len(matched)
    used = set(matched.values())
    outcome.missed += [g.name for i, (g, _) in enumerate(golds) if i not in used]
    outcome.false_alarms += [p.name for i, p in enumerate(preds) if i not in matched]


def _score_entities(
    pred: Prediction, gold: GoldArticle, names: Sequence[set[str]]
) -> dict[Category, _Outcome]:
    outcomes: dict[Category, _Outcome] = {}
    for etype, category in ENTITY_CATEGORY.items():
        outcome = _Outcome(recall_only=etype == "Place")
        preds = [p for p in pred.entities if p.type == etype]
        golds = [(e, n) for e, n in zip(gold.entities, names, strict=True) if e.type == etype]
        _score_entity_type(preds, golds, outcome)
        outcomes[category] = outcome
    return outcomes


class _Item(NamedTuple):
    """An agreement or event as the rules see it."""

    kind: str
    name: str
    parties: list[str]


def party_names(party: str, names: Sequence[set[str]]) -> set[str]:
    """Normalised names a predicted party may carry to find this gold party."""
    key = normalise_name(party)
    found = {key}
    for entity_names in names:
        if key in entity_names:
            found |= entity_names
    return found


def parties_found(gold_parties: Sequence[set[str]], predicted: Sequence[str]) -> int:
    """How many gold parties are found among the predicted ones, each used once."""
    keys = [normalise_name(p) for p in predicted]
    return len(max_matching(len(keys), len(gold_parties), lambda p, g: keys[p] in gold_parties[g]))


def _describe(item: _Item) -> str:
    return f"{item.kind}: {item.name or '(unnamed)'} [{', '.join(item.parties)}]"


def _score_items(
    preds: Sequence[_Item], golds: Sequence[_Item], names: Sequence[set[str]]
) -> _Outcome:
    """Agreements or events."""
    gold_party_names = [[party_names(p, names) for p in g.parties] for g in golds]
    overlaps: list[tuple[int, int, int]] = []
    for pi, p in enumerate(preds):
        for gi, g in enumerate(golds):
            if p.kind != g.kind:
                continue
            found = parties_found(gold_party_names[gi], p.parties)
            if 2 * found >= len(g.parties):
                overlaps.append((pi, gi, found))
    matched = greedy_matching(overlaps)
    outcome = _Outcome()
    outcome.tp = len(matched)
    used = set(matched.values())
    outcome.missed = [_describe(g) for i, g in enumerate(golds) if i not in used]
    outcome.false_alarms = [_describe(p) for i, p in enumerate(preds) if i not in matched]
    return outcome


def _pair(a: str, b: str) -> tuple[str, str]:
    x, y = normalise_code(a), normalise_code(b)
    return (x, y) if x <= y else (y, x)


def _score_ties(pred: Prediction, gold: GoldArticle) -> _Outcome:
    predicted = {_pair(a, b) for a, b in pred.ties}
    expected = {_pair(a, b) for a, b in gold.ties}
    outcome = _Outcome()
    outcome.tp = len(predicted & expected)
    outcome.missed = [f"{a}–{b}" for a, b in sorted(expected - predicted)]
    outcome.false_alarms = [f"{a}–{b}" for a, b in sorted(predicted - expected)]
    return outcome


def score_article(
    pred: dict[str, Any] | ArticleExtraction, gold: GoldArticle, *, gold_path: str = ""
) -> ArticleScore:
    """Score one prediction (FORMAT.md shape or ArticleExtraction) against its gold annotation."""
    prediction = parse_prediction(pred, source=gold_path or f"prediction for {gold.id}")
    names = _gold_name_index(gold)
    outcomes = _score_entities(prediction, gold, names)
    outcomes["agreements"] = _score_items(
        [_Item(a.kind, a.name, a.parties) for a in prediction.agreements],
        [_Item(a.kind, a.name, a.parties) for a in gold.agreements],
        names,
    )
    outcomes["events"] = _score_items(
        [_Item(e.kind, e.name, e.participants) for e in prediction.events],
        [_Item(e.kind, e.name, e.participants) for e in gold.events],
        names,
    )
    outcomes["ties"] = _score_ties(prediction, gold)
    scores = {c: o.score() for c, o in outcomes.items()}
    scores["entities"] = sum((scores[ENTITY_CATEGORY[t]] for t in SCORED_TYPES), CategoryScore())
    return ArticleScore(
        id=gold.id,
        gold_path=gold_path,
        scores=Scores(**scores),
        missed={c: o.missed for c, o in outcomes.items() if o.missed},
        false_alarms={
            c: o.false_alarms for c, o in outcomes.items() if o.false_alarms and not o.recall_only
        },
    )
