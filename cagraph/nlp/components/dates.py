"""``cagraph.dates.v1``: dates in the text, normalised to ISO against the article's date.

"April 4" → YYYY-04-04 with the article's year; "on Friday" → the Friday on or before the
article's date; "in September 2024" → 2024-09; "earlier this month" → the article's YYYY-MM;
"in 2015" → 2015. Without an article date, a day and month with no year give nothing.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from spacy.language import Language
from spacy.tokens import Doc

from cagraph.nlp.state import state

NAME = "cagraph.dates.v1"
FACTORY = NAME.replace(".", "_")  # spaCy factory names cannot hold dots
MONTHS = {
    m: i + 1
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ]
    )
}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {
    d: i
    for i, d in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    )
}
_M = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
PATTERNS = [
    (
        "mdy",
        re.compile(
            _M + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<year>(?:19|20)\d{2}))?\b", re.I
        ),
    ),
    (
        "dmy",
        re.compile(
            r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _M + r"(?:,?\s+(?P<year>(?:19|20)\d{2}))?\b",
            re.I,
        ),
    ),
    ("numeric", re.compile(r"\b(?P<day>\d{1,2})\.(?P<mnum>\d{1,2})\.(?P<year>(?:19|20)\d{2})\b")),
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<mnum>\d{2})-(?P<day>\d{2})\b")),
    (
        "my",
        re.compile(
            r"\b(?:in|of|since|until|from)\s+" + _M + r"\s+(?P<year>(?:19|20)\d{2})\b", re.I
        ),
    ),
    (
        "weekday",
        re.compile(
            r"\b(?:on|last|this)\s+(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
            re.I,
        ),
    ),
    ("relmonth", re.compile(r"\b(?:earlier|later)\s+this\s+month\b|\bthis\s+month\b", re.I)),
    ("today", re.compile(r"\btoday\b", re.I)),
    ("year", re.compile(r"\b(?:in|since|of)\s+(?P<year>(?:19|20)\d{2})\b")),
]


_DIGIT = re.compile(r"\d")
WORD_ONLY = frozenset({"weekday", "relmonth", "today"})


def _published(value: str | None) -> date | None:
    if value and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def find_dates(text: str, published: str | None) -> list[tuple[int, int, str]]:
    """Every date expression in ``text`` as (start char, end char, ISO value)."""
    pub = _published(published)
    out: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    digits = _DIGIT.search(text) is not None
    for kind, rx in PATTERNS:
        if not digits and kind not in WORD_ONLY:
            continue  # every other pattern needs a number
        for m in rx.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            value = _value(kind, m, pub)
            if value is None:
                continue
            taken.append((m.start(), m.end()))
            out.append((m.start(), m.end(), value))
    out.sort()
    return out


def _value(kind: str, m: re.Match[str], pub: date | None) -> str | None:
    g = m.groupdict()
    year = int(g["year"]) if g.get("year") else (pub.year if pub else None)
    if kind in ("mdy", "dmy", "numeric", "iso"):
        month = MONTHS.get(g["month"].lower().rstrip(".")) if g.get("month") else int(g["mnum"])
        if year is None or not month:
            return None
        try:
            return date(year, month, int(g["day"])).isoformat()
        except ValueError:
            return None
    if kind == "my":
        month = MONTHS.get(g["month"].lower().rstrip("."))
        return f"{int(g['year']):04d}-{month:02d}" if month else None
    if kind == "weekday":
        if pub is None:
            return None
        back = (pub.weekday() - WEEKDAYS[g["weekday"].lower()]) % 7
        return (pub - timedelta(days=back)).isoformat()
    if kind == "relmonth":
        return f"{pub.year:04d}-{pub.month:02d}" if pub else None
    if kind == "today":
        return pub.isoformat() if pub else None
    if kind == "year":
        return f"{int(g['year']):04d}"
    return None


@Language.component(FACTORY)
def mark_dates(doc: Doc) -> Doc:
    """Dates in the sentences that hold an agreement or event trigger (the only ones used)."""
    st = state(doc)
    seen: set[int] = set()
    for trig in st.triggers:
        idx = st.sent_of[trig.start] if st.sent_of else 0
        if idx in seen:
            continue
        seen.add(idx)
        sent = st.sents[idx] if st.sents else doc[:]
        offset = sent.start_char
        for start, end, value in find_dates(st.span_text(doc, sent.start, sent.end), st.published):
            span = doc.char_span(offset + start, offset + end, alignment_mode="expand")
            if span is not None:
                st.dates.append((span.start, span.end, value))
    st.dates.sort()
    return doc
