"""Is a paragraph English? A script check, a function-word check, then py3langid."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

MIN_WORDS = 6  # shorter paragraphs are judged by their script only
_SAMPLE_WORDS = 200
_FUNCTION_WORD_SHARE = 0.12
_LANGID_CONFIDENCE = 0.9
_FOREIGN_SCRIPT = re.compile(
    r"[\u0400-\u052f\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff"
    r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]"
)
_LETTER = re.compile(r"[^\W\d_]")
# Words common in English prose and rare as words of other languages written in Latin script.
_ENGLISH = frozenset({
    "the", "of", "and", "to", "in", "a", "an", "is", "was", "for", "with", "that", "by", "from",
    "this", "are", "has", "had", "have", "will", "its", "his", "her", "our", "we", "he", "she",
    "which", "were", "their", "been", "said", "also", "on", "at", "as", "it", "be", "would",
    "these", "they", "who", "after", "between", "two", "new", "not", "but", "or", "than",
    "into", "during", "over", "under", "among", "about", "other", "such", "can",
})  # fmt: skip


def is_english(text: str) -> bool:
    """False for mostly non-Latin script, or text py3langid confidently calls non-English."""
    if not text.isascii() and _foreign_script_majority(text):
        return False
    words = text.lower().split(maxsplit=_SAMPLE_WORDS)[:_SAMPLE_WORDS]
    if len(words) < MIN_WORDS:
        return True
    if sum(map(_ENGLISH.__contains__, words)) >= _FUNCTION_WORD_SHARE * len(words):
        return True
    lang, confidence = _identifier().classify(text)
    return bool(lang == "en" or confidence < _LANGID_CONFIDENCE)


def _foreign_script_majority(text: str) -> bool:
    foreign = len(_FOREIGN_SCRIPT.findall(text))
    if not foreign:
        return False
    return foreign * 2 > len(_LETTER.findall(text))


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
