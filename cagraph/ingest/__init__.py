"""cagraph.ingest"""
