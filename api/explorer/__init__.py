"""The explorer: a page drawing the ties network (Cytoscape.js) and a SPARQL editor (YASGUI),
served by the API with every browser library installed from npm into ``node_modules``."""
