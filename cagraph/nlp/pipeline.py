"""The extractor's spaCy pipeline: ``spacy.blank("en")`` plus cagraph's registered components."""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language

# importing the component modules registers their factories
from cagraph.nlp.components import (  # noqa: F401
    agreements,
    dates,
    events,
    gazetteer,
    model_entities,
    names,
    parse,
    persons,
    sentences,
)

COMPONENTS: tuple[str, ...] = (
    "cagraph.gazetteer.v1",
    "cagraph.dates.v1",
    "cagraph.names.v1",
    "cagraph.persons.v1",
    "cagraph.events.v1",
    "cagraph.agreements.v1",
)
# the hybrid's two components, after the rules that name things and before the acts
MODEL_COMPONENTS: tuple[str, ...] = ("cagraph.parse.v1", "cagraph.model_entities.v2")
MODEL_AFTER = "cagraph.persons.v1"
DATA_COMPONENTS = frozenset(
    {
        "cagraph.gazetteer.v1",
        "cagraph.names.v1",
        "cagraph.persons.v1",
        "cagraph.agreements.v1",
        "cagraph.events.v1",
        "cagraph.model_entities.v2",
    }
)


def factory(name: str) -> str:
    """The spaCy factory of a component: its registered name with dots as underscores."""
    return name.replace(".", "_")


def build_nlp(model: str | None = None, data_dir: Path | None = None) -> Language:
    """A blank English pipeline with cagraph's rule components; with ``model`` (an installed
    trained pipeline, see :mod:`cagraph.nlp.model`), the hybrid's components too: that pipeline
    reads the sentences that pay and its findings are weighed by the rules."""
    config = {"data_dir": str(data_dir) if data_dir else ""}
    nlp = spacy.blank("en")
    nlp.add_pipe(factory("cagraph.sentences.v1"), name="cagraph.sentences.v1")
    for name in COMPONENTS:
        nlp.add_pipe(factory(name), name=name, config=config if name in DATA_COMPONENTS else {})
        if name == MODEL_AFTER and model:
            nlp.add_pipe(
                factory("cagraph.parse.v1"), name="cagraph.parse.v1", config={"model": model}
            )
            nlp.add_pipe(
                factory("cagraph.model_entities.v2"),
                name="cagraph.model_entities.v2",
                config={**config, "model": model},
            )
    return nlp
