"""cagraph.graph"""
