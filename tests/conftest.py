"""Shared fixtures for the whole test suite."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
TEST_DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def test_data() -> Path:
    return TEST_DATA


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not beside the repo")
    return CORPUS


@pytest.fixture(scope="session")
def extractor():
    from cagraph.nlp import load_extractor

    return load_extractor()


@pytest.fixture(scope="session")
def rules_extractor():
    """The rule-only extractor (no trained pipeline)."""
    from cagraph.nlp import load_extractor

    return load_extractor(model="none")


@pytest.fixture(params=["hybrid", "rules"])
def mode_extractor(request, extractor, rules_extractor):
    """Each extractor mode in turn: a behaviour the rules promise holds in both."""
    return extractor if request.param == "hybrid" else rules_extractor


@pytest.fixture()
def extract_article(mode_extractor):
    """Extract from a text written in the test, in both modes: returns (article, extraction)."""
    from cagraph.records import Article

    def run(text: str, published: str | None = None):
        article = Article(id="test", text=text, published=published)
        return article, mode_extractor.extract(article)

    return run


@pytest.fixture()
def extract(extract_article):
    def run(text: str, published: str | None = None):
        return extract_article(text, published)[1]

    return run
