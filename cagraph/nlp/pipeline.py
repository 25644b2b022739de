"""The extractor's spaCy pipeline: ``spacy.blank("en")`` plus cagraph's registered components."""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language

from cagraph.errors import ConfigError

# importing the component modules registers their factories
from cagraph.nlp.components import (  # noqa: F401
    agreements,
    dates,
    events,
    gazetteer,
    model_entities,
    names,
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
DATA_COMPONENTS = frozenset(
    {
        "cagraph.gazetteer.v1",
        "cagraph.names.v1",
        "cagraph.persons.v1",
        "cagraph.agreements.v1",
        "cagraph.events.v1",
        "cagraph.model_entities.v1",
    }
)


def factory(name: str) -> str:
    """The spaCy factory of a component: its registered name with dots as underscores."""
    return name.replace(".", "_")


def build_nlp(model: str | None = None, data_dir: Path | None = None) -> Language:
    """A blank English pipeline with cagraph's components; with ``model``, a trained pipeline's
    entities are added as extra evidence (its own components run first)."""
    config = {"data_dir": str(data_dir) if data_dir else ""}
    if model:
        try:
            nlp = spacy.load(model, exclude=["lemmatizer"])
        except OSError as exc:
            raise ConfigError(
                f"spaCy pipeline {model!r} is not installed",
                hint="install it (e.g. pip install <wheel>) or run without --model",
            ) from exc
        nlp.add_pipe(factory("cagraph.sentences.v1"), name="cagraph.sentences.v1", first=True)
    else:
        nlp = spacy.blank("en")
        nlp.add_pipe(factory("cagraph.sentences.v1"), name="cagraph.sentences.v1")
    for name in COMPONENTS:
        nlp.add_pipe(factory(name), name=name, config=config if name in DATA_COMPONENTS else {})
        if name == "cagraph.names.v1" and model:
            nlp.add_pipe(
                factory("cagraph.model_entities.v1"),
                name="cagraph.model_entities.v1",
                config=config,
            )
    return nlp
