"""The hybrid extractor: a trained spaCy pipeline read where it pays, the rules deciding."""

from __future__ import annotations

import pytest

from cagraph.errors import ConfigError
from cagraph.nlp import load_extractor
from cagraph.nlp.model import DEFAULT_MODELS, is_rules_only, resolve_model
from cagraph.records import Article

# a name with no head word, no office and no cue: only a trained recogniser can place it
TEXT = "The delegation was led by Margit Halvorsen and included engineers from the plant."


def _names(extractor, text: str, etype: str) -> set[str]:
    x = extractor.extract(Article(id="m", text=text))
    return {e.name for e in x.entities if e.type == etype}


def test_the_default_extractor_is_the_hybrid_with_an_installed_pipeline(extractor):
    assert extractor.model in DEFAULT_MODELS
    assert "cagraph.parse.v1" in extractor.nlp.pipe_names
    assert "cagraph.model_entities.v2" in extractor.nlp.pipe_names


def test_the_rule_only_mode_loads_no_pipeline(rules_extractor):
    assert rules_extractor.model is None
    assert "cagraph.parse.v1" not in rules_extractor.nlp.pipe_names


def test_the_recogniser_places_a_name_the_rules_leave_open(extractor, rules_extractor):
    assert "Margit Halvorsen" not in _names(rules_extractor, TEXT, "Person")
    assert "Margit Halvorsen" in _names(extractor, TEXT, "Person")


def test_ordinary_capitalised_words_are_not_names_whatever_the_recogniser_says(extractor):
    text = "Digital Education and Personal Development were the themes of the week in Almaty."
    x = extractor.extract(Article(id="m", text=text))
    assert not [e for e in x.entities if e.type in ("Person", "Organization")]


def _parse(extractor, text: str):
    from cagraph.nlp.state import DocState

    doc = extractor.nlp.make_doc(text)
    doc._.cag = DocState(article_id="t")
    for _name, proc in extractor.nlp.pipeline:
        doc = proc(doc)
    return doc._.cag.parse


def test_the_recogniser_runs_only_on_sentences_with_an_open_name(extractor):
    text = (
        "Farmers noted that prices rose. Kazakhstan and Uzbekistan signed an agreement. "
        "The talks were joined by Margit Halvorsen of the plant."
    )
    parse = _parse(extractor, text)
    assert parse is not None
    assert parse.recognised == {2}  # not the sentence opened by a common word, nor the known
    assert parse.parsed == set()  # the dependency parse is off by default (acts=False)


def test_sentence_parsing_can_be_switched_on_for_trigger_sentences():
    import spacy

    from cagraph.nlp.model import resolve_model

    nlp = spacy.blank("en")
    nlp.add_pipe("cagraph_sentences_v1", name="cagraph.sentences.v1")
    nlp.add_pipe("cagraph_gazetteer_v1", name="cagraph.gazetteer.v1")
    nlp.add_pipe("cagraph_names_v1", name="cagraph.names.v1")
    nlp.add_pipe(
        "cagraph_parse_v1",
        name="cagraph.parse.v1",
        config={"model": resolve_model(None), "acts": True},
    )
    from cagraph.nlp.state import DocState

    doc = nlp.make_doc("Prices rose. Kazakhstan and Uzbekistan signed an agreement on water.")
    doc._.cag = DocState(article_id="t")
    doc = nlp(doc)
    parse = doc._.cag.parse
    assert parse.parsed == {1}
    signed = next(k for k, t in enumerate(doc._.cag.texts) if t == "signed")
    assert parse.dep[signed] == "ROOT"
    assert parse.head[signed + 2] == signed  # "agreement" is the object of "signed"


def test_a_named_pipeline_that_is_not_installed_is_a_clear_error():
    with pytest.raises(ConfigError, match="not installed"):
        load_extractor(model="xx_no_such_pipeline_sm")


@pytest.mark.parametrize("name", ["none", "rules", "NONE"])
def test_rule_only_spellings(name):
    assert is_rules_only(name)
    assert resolve_model(name) is None


def test_no_model_at_all_means_the_first_default_installed():
    assert resolve_model(None) in DEFAULT_MODELS
