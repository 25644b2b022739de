"""Proper-name chunking: runs of capitalised tokens joined by the connectors names use.

"State Institute of Arts and Culture of Uzbekistan", "Kazakh National University of Arts named
after Kulyash Baiseitova", "Ministry of Water Resources, Agriculture and Processing Industry of
Kyrgyzstan" are one run each; "Kazakhstan and Uzbekistan" and "the Cabinet of Ministers of
Kyrgyzstan and the Government of China" are two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from cagraph.nlp.lexicon import Lexicon
from cagraph.nlp.state import (
    CAPITAL,
    COUNTRY,
    DEMONYM,
    HONORIFIC,
    ORG,
    PERSON,
    PLACE,
    REGION,
    TITLE,
    DocState,
)

DASHES = frozenset({"-", "–", "‒", "—", "‐"})
APOSTROPHES = frozenset({"'", "’"})
OPEN_QUOTES = frozenset({"“", '"', "«", "„"})
CLOSE_QUOTES = frozenset({"”", '"', "»", "“"})
NAME_LABELS = frozenset({COUNTRY, DEMONYM, CAPITAL, PLACE, REGION, ORG, PERSON, TITLE, HONORIFIC})
STANDALONE = frozenset({COUNTRY, CAPITAL, PLACE, REGION, PERSON})
PARTICLES = frozenset(
    {"de", "al", "van", "von", "der", "den", "bin", "ibn", "des", "du", "la", "le", "el"}
)
# lower-case words that follow a hyphen in compounds, not in names ("Korea-based")
COMPOUND_TAILS = frozenset(
    [
        "based",
        "led",
        "born",
        "owned",
        "run",
        "made",
        "speaking",
        "level",
        "wide",
        "related",
        "funded",
        "backed",
        "style",
        "type",
        "class",
        "oriented",
        "focused",
        "centered",
        "centred",
        "bound",
        "free",
        "friendly",
        "specific",
        "sponsored",
        "hosted",
        "era",
    ]
)


_WORDLIKE = re.compile(r"^[\w][\w.'’&+\-]*$")


@dataclass(frozen=True, slots=True)
class Run:
    start: int
    end: int


class Chunker:
    """Finds runs of capitalised tokens in a sentence."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex

    # -- token predicates (computed once per document) ------------------------------------------
    def prepare(self, doc: Doc, st: DocState) -> None:
        lex = self.lex
        caps: list[bool] = []
        heads: list[bool] = []
        self._text = st.texts
        self._low = st.lowers
        self._ws = st.spaces
        for i, text in enumerate(st.texts):
            low = st.lowers[i]
            if not _WORDLIKE.match(text):
                cap = False
            elif text[:1].isupper():
                cap = low not in lex.not_names
            else:
                cap = bool(text[:1].isdigit() and i > 0 and any(ch.isalpha() for ch in text))
            caps.append(cap)
            heads.append(
                low in lex.org_heads
                and not (low in lex.org_heads_need_capital and not text[:1].isupper())
            )
        # "IT Park", "Astana IT University": a capitalised acronym that is not a name by itself
        # belongs to the name when a capitalised run with a head word follows it
        head_ahead = False
        acros: set[int] = set()
        texts = st.texts
        for i in range(len(caps) - 1, -1, -1):
            if caps[i]:
                head_ahead = heads[i] or head_ahead
                continue
            if (
                head_ahead
                and st.lowers[i] in lex.name_acronyms
                and texts[i].isupper()
                and i + 1 < len(caps)
                and caps[i + 1]
            ):
                caps[i] = True
                acros.add(i)
                continue
            head_ahead = False
        self._acro = acros
        self._cap = caps
        self._head = heads

    @property
    def lowers(self) -> list[str]:
        return self._low

    def is_cap(self, doc: Doc, i: int, shouting: bool) -> bool:
        return (not shouting and self._cap[i]) or (
            shouting and self._text[i][:1].isdigit() and self._cap[i]
        )

    def is_head(self, doc: Doc, i: int) -> bool:
        return self._head[i]

    # -- runs ---------------------------------------------------------------------------------
    def runs(self, doc: Doc, start: int, end: int, st: DocState) -> list[Run]:
        shouting = _is_shouting(self._text, start, end)
        titlecase = _is_title_case(self._text, start, end)
        out: list[Run] = []
        i = start
        while i < end:
            if not self._startable(doc, i, start, st, shouting):
                i += 1
                continue
            j = self._extend(doc, i, end, st, shouting)
            if titlecase:
                # a Title Case headline: trust only what the gazetteer knows
                for k in range(i, j):
                    m = st.at(k)
                    if m is not None and m.start == k:
                        out.append(Run(m.start, m.end))
            else:
                out.append(Run(i, j))
            i = max(j, i + 1)
        return out

    def _startable(self, doc: Doc, i: int, sent_start: int, st: DocState, shouting: bool) -> bool:
        m = st.at(i)
        if m is not None and m.label in NAME_LABELS:
            return m.start == i
        if not self.is_cap(doc, i, shouting):
            return False
        return self._low[i] not in self.lex.never_start or i in self._acro

    def _cap_or_name(self, doc: Doc, k: int, st: DocState, shouting: bool) -> bool:
        m = st.at(k)
        if m is not None and m.label in NAME_LABELS:
            return True
        return self.is_cap(doc, k, shouting) and self._low[k] != "i"

    def _extend(self, doc: Doc, i: int, end: int, st: DocState, shouting: bool) -> int:
        """End (exclusive) of the run that starts at token ``i``."""
        lex = self.lex
        j = i
        last = i
        has_head = False
        head_then_of = False
        list_and = -1
        texts, lows, spaces = self._text, self._low, self._ws
        while j < end:
            text = texts[j]
            if not text.strip() and j > i and text.count("\n") <= 1 and j == last:
                j += 1  # a hard line break inside a name
                continue
            m = st.at(j)
            if m is not None and m.label in NAME_LABELS and m.start == j:
                has_head = has_head or m.label == ORG  # a known organisation names a body
                j = m.end
                last = j
                continue
            if self.is_cap(doc, j, shouting) and (
                j == i or lows[j] not in lex.never_start or j in self._acro
            ):
                if self.is_head(doc, j):
                    has_head = True
                j += 1
                last = j
                continue
            if j == last and j > i:
                nxt = j + 1
                if text in DASHES and not spaces[j - 1] and not spaces[j]:
                    if nxt < end and self._cap_or_name(doc, nxt, st, shouting):
                        j = nxt
                        continue
                    if nxt < end and _name_tail(texts[nxt]):
                        j = nxt + 1
                        last = j
                        continue
                if (
                    text in APOSTROPHES
                    and not spaces[j - 1]
                    and texts[j - 1].endswith("s")
                    and nxt < end
                    and self._cap_or_name(doc, nxt, st, shouting)
                    and self._has_head_ahead(doc, nxt, end, st, shouting)
                ):
                    j = nxt
                    continue
                if text in OPEN_QUOTES and has_head:
                    close = _closing_quote(self._text, j, end)
                    if close is not None:
                        j = close + 1
                        last = j
                        break
                if text == "," and head_then_of and self._comma_list(doc, nxt, end, st, shouting):
                    list_and = self._comma_list_and(doc, nxt, end, shouting)
                    j = nxt
                    continue
                if text == "," and nxt == list_and:
                    j = nxt + 1  # the serial comma and the list's "and": ", and Tunnels"
                    continue
                if text == "," and nxt < end and texts[nxt] in lex.company_suffixes:
                    j = nxt + 1  # "Aglis Co., Ltd.": the legal form after a comma
                    last = j
                    continue
                low = lows[j]
                if low in lex.connectors:
                    k = self._after_connectors(doc, j, end)
                    if k >= end or not self._cap_or_name(doc, k, st, shouting):
                        break
                    # the "and" that closes ", Industry and Trade" belongs to the list
                    if j != list_and and not self._connector_allowed(
                        doc, i, j, k, end, st, has_head, shouting
                    ):
                        break
                    if low in ("of", "for", "under") and has_head:
                        head_then_of = True
                    j = k
                    continue
            break
        return last

    def _after_connectors(self, doc: Doc, j: int, end: int) -> int:
        k = j + 1
        # "of the", "named after", "under the", "von der", "de la"
        while (
            k < end
            and (self._low[k] in ("the", "after") or self._low[k] in PARTICLES)
            and k - j < 3
        ):
            k += 1
        return k

    def _connector_allowed(
        self,
        doc: Doc,
        i: int,
        j: int,
        k: int,
        end: int,
        st: DocState,
        has_head: bool,
        shouting: bool,
    ) -> bool:
        low = self._low[j]
        left = st.at(j - 1)
        right = st.at(k)
        if low == "named":
            return k > j + 1 and self._low[j + 1] == "after"
        if low in PARTICLES:
            return all(self._low[x] in PARTICLES for x in range(j, k))
        if low == "in":
            return has_head and right is not None and right.label in (PLACE, CAPITAL)
        if low in ("the", "after"):
            return False
        if low in ("and", "&"):
            if left is not None and left.label in STANDALONE and left.start <= i:
                return False
            if _titled_name(st, self._cap, i, j) and _starts_titled(st, k):
                return False  # "Deputy Prime Minister A B and Energy Minister C D": two people
            if has_head and k > j + 1 and self._low[j + 1] == "the":
                return False  # "the Cabinet of Ministers … and the Government of China"
            right_head = self._segment_has_head(doc, k, end, st, shouting)
            if right is not None and right.label in STANDALONE:
                seg_end = self._segment_end(doc, k, end, st, shouting)
                if right.end >= seg_end:
                    return False
            if has_head and right_head:
                return False
            if not has_head and (j - i < 2 or any(self._text[x].isupper() for x in range(i, j))):
                return False  # "UoS and Manas University": a short form, then another name
            return has_head or right_head
        if low in ("of", "for", "on", "under"):
            # "Kazakhstan of ..." never; titles and heads take objects
            return not (left is not None and left.label in (COUNTRY, CAPITAL, PLACE, PERSON))
        return True

    def _segment_end(self, doc: Doc, k: int, end: int, st: DocState, shouting: bool) -> int:
        while k < end:
            m = st.at(k)
            if m is not None and m.label in NAME_LABELS:
                k = m.end
                continue
            if self.is_cap(doc, k, shouting) or (self._text[k] in DASHES and not self._ws[k - 1]):
                k += 1
                continue
            if self._low[k] == "and" and k + 1 < end and self.is_cap(doc, k + 1, shouting):
                k += 1
                continue
            break
        return k

    def _segment_has_head(self, doc: Doc, k: int, end: int, st: DocState, shouting: bool) -> bool:
        seg_end = self._segment_end(doc, k, end, st, shouting)
        for x in range(k, seg_end):
            m = st.at(x)
            if m is not None and m.label == ORG:
                return True
            if self.is_head(doc, x):
                return True
        return False

    def _has_head_ahead(self, doc: Doc, k: int, end: int, st: DocState, shouting: bool) -> bool:
        return self._segment_has_head(doc, k, end, st, shouting)

    def _comma_list(self, doc: Doc, k: int, end: int, st: DocState, shouting: bool) -> bool:
        """ ", Agriculture and Processing Industry": a list of domains inside a ministry name."""
        return self._comma_list_and(doc, k, end, shouting) >= 0

    def _comma_list_and(self, doc: Doc, k: int, end: int, shouting: bool) -> int:
        """Where the "and" that closes the list starting at ``k`` is, or -1."""
        x = k
        while True:
            start = x
            while x < end and self.is_cap(doc, x, shouting) and not self.is_head(doc, x):
                x += 1
            if x == start:
                return -1
            # "Culture, Information, Sports and Youth Policy": more items, commas between
            if x + 1 < end and self._text[x] == "," and self.is_cap(doc, x + 1, shouting):
                x += 1
                continue
            break
        if x + 1 < end and self._text[x] == "," and self._low[x + 1] == "and":
            x += 1  # the serial comma: "…, Sports, and Youth Policy"
        if x > k and x + 1 < end and self._low[x] == "and" and self.is_cap(doc, x + 1, shouting):
            return x
        return -1


def _name_tail(text: str) -> bool:
    """'kook' in 'Rhee Jong-kook': a short lower-case part of a hyphenated name."""
    return text.isalpha() and text.islower() and 2 <= len(text) <= 5 and text not in COMPOUND_TAILS


def _closing_quote(texts: list[str], j: int, end: int) -> int | None:
    for k in range(j + 1, min(end, j + 6)):
        if texts[k] in CLOSE_QUOTES and k > j + 1:
            return k
    return None


def _is_shouting(texts: list[str], start: int, end: int) -> bool:
    words = [t for t in texts[start:end] if len(t) > 1 and t.isalpha()]
    if len(words) < 4:
        return False
    return sum(1 for t in words if t.isupper()) / len(words) > 0.6


def _titled_name(st: DocState, caps: list[bool], start: int, end: int) -> bool:
    """Tokens start..end end with an office and a name it does not cover ("Deputy Prime
    Minister Batyr Amanov"): a person introduced by a title."""
    k = end
    while k > start and st.at(k - 1) is None and caps[k - 1]:
        k -= 1
    office = st.at(k - 1) if k > start else None
    return k < end and office is not None and office.label == TITLE


def _starts_titled(st: DocState, k: int) -> bool:
    """An office at ``k``, or after a demonym or country there ("Azerbaijani Energy Minister")."""
    m = st.at(k)
    if m is not None and m.label in (DEMONYM, COUNTRY) and m.start == k:
        m = st.at(m.end)
    return m is not None and m.label == TITLE


def _is_title_case(texts: list[str], start: int, end: int) -> bool:
    """A Title Case Headline: every longer word capitalised, function words too. A sentence
    that ends with a full stop is prose, however many names it holds ("Taalaibek Ibraev,
    Minister of Energy of Kyrgyzstan, met …")."""
    last = next((t for t in reversed(texts[start:end]) if not t.isspace()), "")
    if last == ".":
        return False
    words = [t for t in texts[start:end] if t.isalpha()]
    if len(words) < 5 or any(t.islower() and len(t) > 3 for t in words):
        return False
    return sum(1 for t in words if t.istitle()) / len(words) >= 0.7
