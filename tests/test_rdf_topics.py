"""Free-text topics -> concepts of the topic scheme."""

from __future__ import annotations

import pytest

from cagraph.rdf.topics import TopicMatcher


@pytest.fixture(scope="module")
def matcher() -> TopicMatcher:
    return TopicMatcher.default()


@pytest.mark.parametrize(
    ("topic", "concepts"),
    [
        ("energy", ("energy",)),
        ("Wind Energy", ("energy",)),
        ("water resources", ("water",)),
        ("IT education", ("education", "digital")),
        ("artificial intelligence", ("artificial-intelligence",)),
        ("AI", ("artificial-intelligence",)),
        ("plant quarantine", ("agriculture",)),
        ("museums", ("culture",)),
        ("women's economic empowerment", ("social",)),
    ],
)
def test_topics_map_to_concepts(matcher: TopicMatcher, topic: str, concepts: tuple[str]) -> None:
    assert matcher.match(topic) == concepts


@pytest.mark.parametrize("topic", ["multipolar world order", "regional cooperation", "it", ""])
def test_unknown_topics_map_to_nothing(matcher: TopicMatcher, topic: str) -> None:
    assert matcher.match(topic) == ()


def test_longest_label_wins() -> None:
    matcher = TopicMatcher({"water": "water", "water resources": "water-resources"})
    assert matcher.match("water resources management") == ("water-resources",)
