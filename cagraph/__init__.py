"""cagraph: news about regional cooperation turned into a knowledge graph."""

__version__ = "0.1.0"
EXTRACTOR_VERSION = "cagraph-extractor/0.1.0"
