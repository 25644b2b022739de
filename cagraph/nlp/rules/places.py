"""Places named with a generic noun: "Akmola region", "Kurgan Region", "Sughd oblast".

A known place or capital followed by a region noun becomes one place with it ("Samarkand" +
"region" → "Samarkand region"); an unknown capitalised word followed by one is a place of its
own ("Chui region"). The region nouns are in ``data/lexicon/names.json`` (``region_nouns``).
"""

from __future__ import annotations

from cagraph.nlp.state import CAPITAL, PLACE, DocState, Mention

COMPONENT = "cagraph.gazetteer.v1"


def region_places(st: DocState, nouns: frozenset[str], never_start: frozenset[str]) -> None:
    """Extend or add PLACE mentions for "<Name> region"-style names (in place)."""
    texts, lowers = st.texts, st.lowers
    n = len(texts)
    for k in range(1, n):
        if lowers[k] not in nouns or st.at(k) is not None:
            continue
        prev = st.at(k - 1)
        if prev is not None:
            if prev.label not in (PLACE, CAPITAL) or prev.gov or prev.end != k:
                continue
            prev.end = k + 1
            prev.text = st.text[st.idx[prev.start] : st.idx[k] + len(texts[k])]
            prev.label = PLACE
            prev.key = prev.text
            st.token_mention[k] = prev
            continue
        word = texts[k - 1]
        if not (word[:1].isupper() and word.isalpha() and len(word) > 2):
            continue
        if lowers[k - 1] in never_start or lowers[k - 1] in nouns:
            continue
        # a capitalised word right after the sentence start may just open the sentence
        if k - 1 == 0 or (st.sent_of and st.sents[st.sent_of[k - 1]].start == k - 1):
            continue
        if texts[k - 2][:1].isupper() and texts[k - 2].isalpha():
            continue  # "East Kazakhstan region": a longer name the rules read as a run
        text = st.text[st.idx[k - 1] : st.idx[k] + len(texts[k])]
        st.add(Mention(PLACE, k - 1, k + 1, text, text, component=COMPONENT, confidence=0.8))
    st.mentions.sort(key=lambda m: m.start)
