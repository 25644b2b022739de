"""The shared corpus read end to end: dates as the gold files give them, no gold name lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cagraph.ingest import IngestReport, iter_articles

pytestmark = pytest.mark.corpus

# Names the gold files list that the text holds only in its reference list, which FORMAT.md
# says carries no gold entities.
ONLY_IN_REFERENCES = {("004_8e784675e6f60733", "Uzbek Coders")}


def _gold(corpus_dir: Path) -> dict[str, dict[str, object]]:
    return {
        p.name.removesuffix(".gold.json"): json.loads(p.read_text())
        for p in corpus_dir.rglob("*.gold.json")
    }


def test_every_corpus_text_is_read_with_the_gold_date(corpus_dir: Path) -> None:
    report = IngestReport()
    articles = {a.id: a for a in iter_articles([corpus_dir], report=report)}
    gold = _gold(corpus_dir)
    assert report.ok, report.summary()
    assert set(articles) == set(gold)
    for article_id, article in articles.items():
        assert article.published == gold[article_id]["published"], article_id


def test_gold_names_in_the_raw_text_stay_in_the_kept_text(corpus_dir: Path) -> None:
    report = IngestReport()
    articles = {a.id: a for a in iter_articles([corpus_dir], report=report)}
    lost = []
    for article_id, gold in _gold(corpus_dir).items():
        raw = " ".join(next(corpus_dir.rglob(f"{article_id}.txt")).read_text().split())
        kept = " ".join(articles[article_id].text.split())
        entities = gold["entities"]
        assert isinstance(entities, list)
        for entity in entities:
            for name in [entity["name"], *entity.get("aliases", [])]:
                expected = name in raw and (article_id, name) not in ONLY_IN_REFERENCES
                if expected and name not in kept:
                    lost.append((article_id, name))
    assert lost == []
