"""Name normalisation used by every comparison the evaluator makes (FORMAT.md, "Scoring").

Steps: Unicode NFKC, case folding, invisible format characters (soft hyphen, zero-width space)
removed, every run of dashes/hyphens (with the whitespace around it) collapsed to one ``-``,
every run of whitespace collapsed to one space, ends stripped.
"""

from __future__ import annotations

import re
import unicodedata

# Every character of Unicode category Pd (dash punctuation, Unicode 15), plus the minus signs and
# hyphen-like symbols outside Pd. tests/test_evaluate_normalise.py checks Pd stays covered.
DASHES = (
    "\u002d\u058a\u05be\u1400\u1806\u2010\u2011\u2012\u2013\u2014\u2015\u2e17\u2e1a\u2e3a"
    "\u2e3b\u2e40\u2e5d\u301c\u3030\u30a0\ufe31\ufe32\ufe58\ufe63\uff0d\U00010ead"
    "\u2212\u2043\u02d7\u2796\u207b\u208b"
)
_DASH_RUN = re.compile(r"\s*[" + re.escape(DASHES) + r"]+\s*")
_SPACE_RUN = re.compile(r"\s+")


def _drop_format_chars(text: str) -> str:
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def normalise_name(name: str) -> str:
    """The comparison key of a name: "Kassym–Jomart  TOKAYEV" -> "kassym-jomart tokayev"."""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = unicodedata.normalize("NFKC", text)
    text = _drop_format_chars(text)
    text = _DASH_RUN.sub("-", text)
    return _SPACE_RUN.sub(" ", text).strip()


def normalise_code(code: str) -> str:
    """An ISO code as compared in ties: stripped and upper-cased."""
    return unicodedata.normalize("NFKC", code).strip().upper()
