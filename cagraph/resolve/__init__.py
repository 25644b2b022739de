"""cagraph.resolve"""
