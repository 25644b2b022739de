"""SPARQL 1.1 CSV and TSV results, written here rather than by the engine.

Two things the engine's writers get wrong for this service's purposes:

- Oxigraph keeps doubles as values, so ``"1.0E6"^^xsd:double`` comes back as ``1000000``; it is
  written in the canonical XSD form (``1.0E6``) again, which is what the W3C tests expect.
- Its TSV writes every numeric literal bare, so an ``xsd:negativeInteger`` would read back as an
  ``xsd:integer``. Here only xsd:integer, xsd:decimal and xsd:double in a form that Turtle reads
  back with the same datatype are abbreviated; every other literal keeps its datatype.
"""

from __future__ import annotations

import csv
import io
import math
import re
from decimal import Decimal, InvalidOperation

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from cagraph.store import QueryResult
from cagraph.store.sparql import Term

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER = re.compile(r"^[+-]?\d+$")
_DECIMAL = re.compile(r"^[+-]?\d*\.\d+$")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def canonical_double(lexical: str) -> str:
    """The XSD canonical form of a double: ``1.0E6``, ``-2.5E-3``, ``0.0E0``, ``INF``, ``NaN``."""
    try:
        value = float(lexical)
    except ValueError:
        return lexical
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "INF" if value > 0 else "-INF"
    if value == 0:
        return "-0.0E0" if math.copysign(1.0, value) < 0 else "0.0E0"
    try:
        sign, digits, exponent = Decimal(repr(value)).as_tuple()
    except InvalidOperation:
        return lexical
    assert isinstance(exponent, int)
    shown = list(digits)
    power = exponent + len(shown) - 1
    while len(shown) > 1 and shown[-1] == 0:
        shown.pop()
    mantissa = f"{shown[0]}.{''.join(map(str, shown[1:])) or '0'}"
    return f"{'-' if sign else ''}{mantissa}E{power}"


def _lexical(term: Literal) -> str:
    if term.datatype.value == XSD + "double":
        return canonical_double(term.value)
    return term.value


def csv_cell(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    if isinstance(term, Literal):
        return _lexical(term)
    if isinstance(term, NamedNode):
        return term.value
    return str(term)


def _quoted(text: str) -> str:
    return '"' + "".join(_ESCAPES.get(c, c) for c in text) + '"'


def tsv_cell(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, NamedNode | BlankNode | Triple):
        return str(term)
    kind, text = term.datatype.value, term.value
    if kind == XSD + "integer" and _INTEGER.match(text):
        return text
    if kind == XSD + "decimal" and _DECIMAL.match(text):
        return text
    if kind == XSD + "double":
        return canonical_double(text)
    if term.language:
        return f"{_quoted(text)}@{term.language}"
    if kind == XSD + "string":
        return _quoted(text)
    return f"{_quoted(text)}^^<{kind}>"


def to_csv(result: QueryResult) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([csv_cell(t) for t in row])
    return out.getvalue().encode("utf-8")


def to_tsv(result: QueryResult) -> bytes:
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join(tsv_cell(t) for t in row) for row in result.rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def serialize(result: QueryResult, fmt: str) -> bytes:
    """A result in ``fmt``: SELECT results in csv/tsv are written here, the rest by the store."""
    if result.kind == "select" and fmt == "csv":
        return to_csv(result)
    if result.kind == "select" and fmt == "tsv":
        return to_tsv(result)
    return result.serialize(fmt)
