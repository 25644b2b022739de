"""The SPARQL 1.1 Protocol endpoint: request parsing, rewriting, negotiation, execution."""
