"""cagraph.nlp"""
