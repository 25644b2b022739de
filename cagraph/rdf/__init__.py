"""cagraph.rdf"""
