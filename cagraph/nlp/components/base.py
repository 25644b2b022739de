"""Shared base of the extractor's components that read the reference data."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language

from cagraph.nlp.resources import Resources, get_resources


class DataComponent:
    """A pipeline component built from ``data/`` (reference data and lexicon)."""

    def __init__(self, nlp: Language, name: str, data_dir: str) -> None:
        self.name = name
        self.res: Resources = get_resources(Path(data_dir) if data_dir else None)
