"""Topics of an agreement or event, from keywords in its name (``data/lexicon/topics.json``)."""

from __future__ import annotations

import re

from cagraph.nlp.lexicon import Lexicon

_WORD = re.compile(r"[a-z][a-z\-]*")


def topics_for(text: str, lex: Lexicon) -> list[str]:
    low = text.lower()
    words = set(_WORD.findall(low))
    found: list[str] = []
    for topic, keys in lex.topics.items():
        for key in keys:
            if (" " in key and key in low) or key in words:
                found.append(topic)
                break
    return found
