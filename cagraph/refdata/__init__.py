"""cagraph.refdata"""
