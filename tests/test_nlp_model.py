"""A trained spaCy pipeline, when the user selects one, adds its entities as extra evidence."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from cagraph.errors import ConfigError
from cagraph.nlp import load_extractor
from cagraph.records import Article

TEXT = "Kazakhstan signed a supply contract with Zhibek Zholy on Monday."


def _orgs(extractor, text: str) -> set[str]:
    x = extractor.extract(Article(id="m", text=text))
    return {e.name for e in x.entities if e.type == "Organization"}


@pytest.fixture(scope="module")
def pipeline_dir(tmp_path_factory) -> Path:
    """A pipeline on disk whose entity recogniser knows one company the rules cannot."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "ORG", "pattern": "Zhibek Zholy"}])  # type: ignore[attr-defined]
    target = tmp_path_factory.mktemp("pipeline") / "xx_test_ner"
    nlp.to_disk(target)
    return target


def test_rules_alone_do_not_know_the_company(extractor):
    assert "Zhibek Zholy" not in _orgs(extractor, TEXT)


def test_selected_pipeline_adds_its_organisations(pipeline_dir):
    extractor = load_extractor(model=str(pipeline_dir))
    assert "cagraph.model_entities.v1" in extractor.nlp.pipe_names
    assert "Zhibek Zholy" in _orgs(extractor, TEXT)


def test_pipeline_that_is_not_installed_is_a_clear_error():
    with pytest.raises(ConfigError, match="not installed"):
        load_extractor(model="xx_no_such_pipeline_sm")
