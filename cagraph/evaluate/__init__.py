"""cagraph.evaluate"""
