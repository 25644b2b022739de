"""Free-text topics -> concepts of the topic scheme (``ontology/topics.ttl``).

A topic maps to every concept whose prefLabel or altLabel it contains as whole words, longest
label first ('wind energy' -> energy; 'IT education' -> digital technology, education). Labels
in capitals (AI, ICT, IT) match only in capitals. A topic that matches nothing maps to no concept.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

from rdflib import URIRef
from rdflib.namespace import SKOS

from cagraph.rdf.vocab import TOPIC, TOPICS_FILE, parse_turtle
from cagraph.resolve.text import fold

_POSSESSIVE = re.compile(r"['’]s\b")


def _prepare(text: str) -> list[str]:
    return fold(_POSSESSIVE.sub("", text)).split()


def _is_acronym_label(label: str) -> bool:
    letters = [c for c in label if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and " " not in label


class TopicMatcher:
    """Maps free-text topics to concept local names of the topic scheme."""

    def __init__(self, labels: Mapping[str, str]):
        """``labels``: every prefLabel and altLabel -> the local name of its concept."""
        self._phrases: dict[tuple[str, ...], str] = {}
        self._acronyms: list[tuple[re.Pattern[str], str]] = []
        for label, concept in labels.items():
            if _is_acronym_label(label):
                pattern = re.compile(rf"(?<![A-Za-z0-9]){re.escape(label)}(?![A-Za-z0-9])")
                self._acronyms.append((pattern, concept))
            else:
                self._phrases[tuple(_prepare(label))] = concept
        self._longest = max((len(p) for p in self._phrases), default=1)

    @classmethod
    @cache
    def default(cls) -> TopicMatcher:
        """The matcher of ``ontology/topics.ttl``, built once."""
        graph = parse_turtle(TOPICS_FILE)
        labels: dict[str, str] = {}
        for predicate in (SKOS.prefLabel, SKOS.altLabel):
            for concept, label in graph.subject_objects(predicate):
                if isinstance(concept, URIRef) and str(concept) != TOPIC.base:
                    labels.setdefault(str(label), TOPIC.local_name(str(concept)))
        return cls(labels)

    def match(self, topic: str) -> tuple[str, ...]:
        """Local names of the concepts a topic names, in the order they appear."""
        found: dict[str, None] = {}
        words = _prepare(topic)
        i = 0
        while i < len(words):
            for n in range(min(self._longest, len(words) - i), 0, -1):
                phrase = tuple(words[i : i + n])
                concept = self._phrases.get(phrase)
                if concept is None and n == 1 and phrase[0].endswith("s"):
                    concept = self._phrases.get((phrase[0][:-1],))
                if concept is not None:
                    found[concept] = None
                    i += n
                    break
            else:
                i += 1
        for pattern, concept in self._acronyms:
            if pattern.search(topic):
                found[concept] = None
        return tuple(found)
