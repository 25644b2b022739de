"""The extractor's registered spaCy components (``cagraph.<part>.v1``)."""
