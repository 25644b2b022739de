"""Ingestion keeps up with large plain-text inputs (at least 5 MB/s on one core)."""

from __future__ import annotations

import random
import time

import pytest

from cagraph.ingest import article_from_text

WORDS = (
    "the", "of", "and", "to", "in", "a", "ministry", "president", "agreement", "signed",
    "cooperation", "Kazakhstan", "Uzbekistan", "Kyrgyzstan", "Tajikistan", "Turkmenistan",
    "trade", "energy", "water", "talks", "delegation", "forum", "summit", "memorandum", "on",
    "with", "for", "by", "between", "two", "sides", "project", "railway", "investment", "border",
    "said",
)  # fmt: skip


def _synthetic_text(size: int) -> str:
    """News-shaped text: headlines, prose paragraphs, credit and menu lines, all unique."""
    rng = random.Random(7)
    parts: list[str] = []
    total = 0
    n = 0
    while total < size:
        n += 1
        sentence_count = rng.randint(2, 6)
        sentences = [
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(10, 30))).capitalize() + f" {n}."
            for _ in range(sentence_count)
        ]
        block = f"Headline number {n} on regional {rng.choice(WORDS)}\n\n" + " ".join(sentences)
        if n % 7 == 0:
            block += f"\n\nSource: agency{n}.example\n\nShare:\n\n{n * 13}"
        parts.append(block)
        total += len(block) + 2
    return "\n\n".join(parts)


@pytest.mark.slow
def test_plain_text_is_cleaned_at_least_five_megabytes_a_second() -> None:
    text = _synthetic_text(10_000_000)
    article_from_text("warm-up", text[:20_000])
    start = time.perf_counter()
    article = article_from_text("big", text)
    seconds = time.perf_counter() - start
    rate = len(text.encode()) / 1e6 / seconds
    assert article.word_count > 1_000_000
    assert rate >= 5.0, f"{rate:.1f} MB/s"
