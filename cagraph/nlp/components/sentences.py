"""``cagraph.sentences.v1``: sentence boundaries at line breaks and at final punctuation.

News text puts headlines, bullet items and datelines on lines of their own: a blank line always
ends a sentence, and a single line break does after final punctuation, before a list item or a
number, or after a list item (hard-wrapped prose is joined). Inside a line, ``.``/``!``/``?``
(and a closing quote after them) end a sentence when the next word starts with a capital, a
digit, a quote or a bullet. The spans are kept on the document state for the other components,
with the token attributes they read (texts, whitespace, offsets, punctuation and number flags).
"""

from __future__ import annotations

import itertools

import numpy
from spacy.attrs import IDX, IS_PUNCT, LIKE_NUM, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Span

from cagraph.nlp.state import state

NAME = "cagraph.sentences.v1"
FACTORY = NAME.replace(".", "_")  # spaCy factory names cannot hold dots
ENDERS = frozenset({".", "!", "?", "…"})
CLOSERS = frozenset({'"', "”", "’", "'", ")", "»"})
LINE_ENDERS = frozenset({".", "!", "?", ":", ";", "…", '"', "”"})
OPENERS = frozenset({'"', "“", "‘", "'", "(", "«", "-", "–", "•", "*"})


def sentence_starts(texts: list[str], spaces: list[str]) -> list[bool]:
    """Which tokens start a sentence, from token texts and their trailing whitespace."""
    n = len(texts)
    starts = [False] * n
    if n == 0:
        return starts
    starts[0] = True
    after_end = False
    last_word = ""
    line_first = texts[0]
    line_first_i = 0
    prev = texts[0]
    prev_i = 0
    prev_space = prev.isspace()
    for i in range(1, n):
        text = texts[i]
        is_space = text.isspace()
        if is_space:
            prev, prev_space = text, True
            continue
        ws = prev if prev_space else spaces[i - 1]
        if "\n" in ws:
            starts[i] = (
                ws.count("\n") > 1
                or last_word[-1:] in LINE_ENDERS
                or text in OPENERS
                or text[:1].isdigit()
                or line_first in OPENERS
            )
            line_first, line_first_i = text, i
        elif after_end:
            first = text[:1]
            starts[i] = first.isupper() or first.isdigit() or text in OPENERS
        last_word = text
        if text == "." and prev_i == line_first_i and prev.isdigit() and len(prev) <= 2:
            after_end = False  # "1." opening a line: a list number, not a sentence's end
        elif text in ENDERS or (
            len(text) > 1 and text[-1] in ENDERS and text.count(".") == 1 and not text[0].isupper()
        ):
            after_end = True
        elif not (after_end and text in CLOSERS):
            after_end = False
        prev, prev_i, prev_space = text, i, False
    return starts


@Language.component(FACTORY)
def split_sentences(doc: Doc) -> Doc:
    n = len(doc)
    if n == 0:
        return doc
    # token attributes in one array: making a spaCy Token object per token costs more
    orths, trailing, offsets, punct, num = doc.to_array([ORTH, SPACY, IDX, IS_PUNCT, LIKE_NUM]).T
    strings = doc.vocab.strings
    texts = [strings[h] for h in orths.tolist()]
    spaces = [" " if s else "" for s in trailing.tolist()]
    starts = sentence_starts(texts, spaces)
    arr = (
        numpy.array([1 if s else -1 for s in starts], dtype="int64").astype("uint64").reshape(n, 1)
    )
    doc.from_array([SENT_START], arr)  # type: ignore[arg-type]
    st = state(doc)
    st.text = "".join([t + w for t, w in zip(texts, spaces, strict=True)])  # == doc.text
    st.texts = texts
    st.spaces = spaces
    st.lowers = [t.lower() for t in texts]
    st.idx = offsets.tolist()
    st.is_punct = [bool(p) for p in punct.tolist()]
    st.like_num = [bool(x) for x in num.tolist()]
    bounds = [i for i, s in enumerate(starts) if s] + [n]
    pairs = list(itertools.pairwise(bounds))
    st.sents = [Span(doc, a, b) for a, b in pairs]
    sent_of: list[int] = []
    for idx, (a, b) in enumerate(pairs):
        sent_of.extend([idx] * (b - a))
    st.sent_of = sent_of
    return doc
