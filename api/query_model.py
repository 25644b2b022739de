"""Query parameters read into a pydantic model in one step, and documented in the OpenAPI.

FastAPI resolves a query-parameter model (``Annotated[Model, Query()]``) field by field on every
request, inspecting each field's annotation each time: for the six parameters of
``GET /ties/{a}/{b}`` that cost more than serving the page itself. :func:`read_query` validates
the query string with the model's own validator instead (the last value of a repeated name
wins, as with FastAPI), and :func:`query_parameters` declares the same parameters for the
OpenAPI (``openapi_extra``), so documentation, validation and the 422 problem stay as they were.
"""

from __future__ import annotations

from typing import Any, TypeVar

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)


def read_query(model: type[M], request: Request) -> M:
    """The request's query string as ``model``; a 422 problem naming each bad parameter."""
    try:
        return model.model_validate(request.query_params)
    except ValidationError as exc:
        errors = [
            {**error, "loc": ("query", *error.get("loc", ()))}
            for error in exc.errors(include_url=False)
        ]
        raise RequestValidationError(errors) from None


def query_parameters(model: type[BaseModel]) -> dict[str, Any]:
    """``openapi_extra`` declaring the model's fields as optional query parameters, each with
    the schema and description FastAPI would give it."""
    schema = model.model_json_schema()
    required = set(schema.get("required", ()))
    parameters = []
    for name, field_schema in schema.get("properties", {}).items():
        parameter: dict[str, Any] = {
            "name": name,
            "in": "query",
            "required": name in required,
            "schema": field_schema,
        }
        if "description" in field_schema:
            parameter["description"] = field_schema["description"]
        parameters.append(parameter)
    return {"parameters": parameters}
