"""Text normalisation for matching names: ASCII folding, transliteration folding, slugs."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from unidecode import unidecode

_APOSTROPHES = re.compile(r"['’‘`ʼʻ]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")

# British spellings win; applied to whole folded words.
_SPELLING = {
    "organization": "organisation",
    "organizations": "organisations",
    "center": "centre",
    "centers": "centres",
    "program": "programme",
    "programs": "programmes",
    "defense": "defence",
    "labor": "labour",
}

# Romanisations of Turkic, Persian and Russian names differ in these letter groups
# (Tokayev / Tokaev / Toqaev, Zhaparov / Japarov, Berdymukhamedov / Berdimuhamedow).
_TRANSLIT = (
    ("dzh", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("q", "k"),
    ("yo", "o"),
    ("ye", "e"),
    ("yu", "iu"),
    ("ya", "ia"),
    ("y", "i"),
    ("w", "v"),
)
_DOUBLE = re.compile(r"([a-z])\1+")
_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "prof", "h e", "he"})


def clean(text: str) -> str:
    """NFKC, ASCII transliteration, one kind of apostrophe and dash, collapsed whitespace."""
    text = unidecode(unicodedata.normalize("NFKC", text))
    text = _APOSTROPHES.sub("'", text)
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces; apostrophes dropped, spelling unified."""
    text = _APOSTROPHES.sub("", unidecode(unicodedata.normalize("NFKC", text)).lower())
    words = _NON_ALNUM.sub(" ", text).split()
    return " ".join(_SPELLING.get(w, w) for w in words)


def strip_honorific(folded: str) -> str:
    """``fold`` output without a leading Mr/Dr/Prof."""
    for h in _HONORIFICS:
        if folded.startswith(h + " "):
            return folded[len(h) + 1 :]
    return folded


def phonetic_word(word: str) -> str:
    for a, b in _TRANSLIT:
        word = word.replace(a, b)
    return _DOUBLE.sub(r"\1", word)


@lru_cache(maxsize=65536)
def phonetic(text: str) -> str:
    """``fold`` with transliteration variants merged: 'Qasym-Zhomart Toqaev' = 'Kassym-Jomart
    Tokayev' = 'kasim jomart tokaev'."""
    return " ".join(phonetic_word(w) for w in strip_honorific(fold(text)).split())


def slug(text: str) -> str:
    """A key for IRIs: folded words joined by hyphens ('' for text without letters or digits)."""
    return fold(text).replace(" ", "-")
