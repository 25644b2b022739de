"""Pydantic models of the REST responses, one module per resource."""
