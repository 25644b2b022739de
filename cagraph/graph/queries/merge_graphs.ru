# title: Merge the named graphs into the default graph (internal)
# description: Run on an in-memory copy before writing a one-graph format (Turtle, N-Triples): the default graph becomes the union of all graphs, each triple once.
INSERT { ?s ?p ?o }
WHERE {
  GRAPH ?g { ?s ?p ?o }
}
