"""The spaCy extractor: rule components over a blank English pipeline."""

from cagraph.nlp.extractor import Extractor, load_extractor

__all__ = ["Extractor", "load_extractor"]
