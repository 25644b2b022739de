"""Reading the graph for the REST endpoints: bound queries in, response models out."""
