"""The one error hierarchy of cagraph.

Every error the library raises on purpose is a :class:`CagraphError`. Each class carries a
stable ``code`` (used as the RFC 9457 ``type`` suffix by the API), an HTTP ``status`` the API maps
it to, and a ``hint`` telling the user what to do next.
"""

from __future__ import annotations


class CagraphError(Exception):
    """Base class of every error cagraph raises deliberately."""

    code = "cagraph-error"
    status = 500
    title = "cagraph error"

    def __init__(self, message: str, *, hint: str | None = None, source: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.source = source

    def __str__(self) -> str:
        text = f"{self.source}: {self.message}" if self.source else self.message
        if self.hint:
            text += f" ({self.hint})"
        return text


class InputError(CagraphError):
    """Input that cannot be read: empty, binary, undecodable, too large, malformed."""

    code = "bad-input"
    status = 400
    title = "Bad input"


class ConfigError(CagraphError):
    """A setting, model name or data file that is missing or invalid."""

    code = "bad-configuration"
    status = 500
    title = "Bad configuration"


class ReferenceDataError(ConfigError):
    """A reference-data file in data/ is missing or malformed."""

    code = "bad-reference-data"
    title = "Bad reference data"


class ValidationError(CagraphError):
    """A record, graph or document that fails validation."""

    code = "invalid"
    status = 422
    title = "Validation failed"


class NotFoundError(CagraphError):
    """A thing that was asked for by id and does not exist."""

    code = "not-found"
    status = 404
    title = "Not found"


class StoreError(CagraphError):
    """The store cannot be opened, reached, read or written."""

    code = "store-error"
    status = 503
    title = "Store error"


class QueryError(CagraphError):
    """A SPARQL query that is malformed or not allowed."""

    code = "bad-query"
    status = 400
    title = "Bad query"


class QueryLimitError(QueryError):
    """A query that ran past the time limit or the row cap."""

    code = "query-limit"
    status = 503
    title = "Query limit exceeded"


class AuthError(CagraphError):
    """A request that needs a token it did not carry."""

    code = "unauthorized"
    status = 401
    title = "Unauthorized"
