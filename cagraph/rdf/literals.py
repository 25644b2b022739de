"""Typed literals for the values cagraph writes (pyoxigraph terms)."""

from __future__ import annotations

from pyoxigraph import Literal

from cagraph.errors import ValidationError
from cagraph.rdf.vocab import XSD

_DATE_TYPES = {4: XSD.ox.gYear, 7: XSD.ox.gYearMonth, 10: XSD.ox.date}


def text(value: str) -> Literal:
    """A plain xsd:string."""
    return Literal(value)


def integer(value: int) -> Literal:
    return Literal(str(value), datatype=XSD.ox.integer)


def double(value: float) -> Literal:
    return Literal(repr(float(value)), datatype=XSD.ox.double)


def any_uri(value: str) -> Literal:
    return Literal(value, datatype=XSD.ox.anyURI)


def partial_date(value: str) -> Literal:
    """'2025' -> xsd:gYear, '2025-04' -> xsd:gYearMonth, '2025-04-04' -> xsd:date."""
    datatype = _DATE_TYPES.get(len(value))
    if datatype is None:
        raise ValidationError(f"not an ISO date: {value!r}", hint="use YYYY, YYYY-MM or YYYY-MM-DD")
    return Literal(value, datatype=datatype)
