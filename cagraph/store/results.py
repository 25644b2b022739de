"""The typed result of a SPARQL query, and its serializations."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    Quad,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    QueryTriples,
    Triple,
    parse_query_results,
    serialize,
)

from cagraph.store.formats import rdf_format, results_format
from cagraph.store.limits import Guard
from cagraph.store.sparql import QueryForm, Term

Row = tuple[Term | None, ...]


def term_json(term: Term) -> dict[str, Any]:
    """One term in the SPARQL 1.1 (1.2 for triple terms) JSON results format."""
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Triple):
        parts = {"subject": term.subject, "predicate": term.predicate, "object": term.object}
        return {"type": "triple", "value": {k: term_json(v) for k, v in parts.items()}}
    out: dict[str, Any] = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def term_label(term: Term | None) -> str:
    """A short human form: IRIs in <>, literals as their text (with @lang)."""
    if term is None:
        return ""
    if isinstance(term, Literal):
        return f"{term.value}@{term.language}" if term.language else term.value
    return str(term)


@dataclass(frozen=True)
class QueryResult:
    """SELECT rows, an ASK boolean, or CONSTRUCT/DESCRIBE triples; never truncated."""

    kind: QueryForm
    variables: tuple[str, ...] = ()
    rows: tuple[Row, ...] = ()
    boolean: bool | None = None
    triples: tuple[Triple, ...] = ()

    @property
    def is_graph(self) -> bool:
        return self.kind in ("construct", "describe")

    def __len__(self) -> int:
        return len(self.triples) if self.is_graph else len(self.rows)

    def bindings(self) -> list[dict[str, Term]]:
        """SELECT rows as name -> term dicts (unbound variables left out)."""
        return [
            {v: t for v, t in zip(self.variables, row, strict=True) if t is not None}
            for row in self.rows
        ]

    def to_json(self) -> dict[str, Any]:
        """SPARQL JSON results (SELECT/ASK)."""
        if self.kind == "ask":
            return {"head": {}, "boolean": bool(self.boolean)}
        rows = [{k: term_json(t) for k, t in b.items()} for b in self.bindings()]
        return {"head": {"vars": list(self.variables)}, "results": {"bindings": rows}}

    def media_type(self, fmt: str) -> str:
        """The media type of :meth:`serialize` in this format."""
        if self.is_graph:
            return rdf_format(fmt).media_type
        return results_format(fmt).media_type

    def serialize(self, fmt: str = "json") -> bytes:
        """SELECT/ASK: json, xml, csv, tsv. CONSTRUCT/DESCRIBE: turtle, ntriples, rdfxml, jsonld…"""
        if self.is_graph:
            return serialize(self.triples, format=rdf_format(fmt)) or b""
        res_fmt = results_format(fmt)
        data = json.dumps(self.to_json(), ensure_ascii=False).encode()
        if res_fmt == QueryResultsFormat.JSON:
            return data
        parsed = parse_query_results(data, QueryResultsFormat.JSON)
        return parsed.serialize(format=res_fmt) or b""


def collect(
    result: QuerySolutions | QueryBoolean | QueryTriples | Iterable[Quad | Triple],
    *,
    describe: bool,
    guard: Guard,
) -> QueryResult:
    """Pull a pyoxigraph result into a QueryResult, checking the limits between rows."""
    if isinstance(result, QueryBoolean):
        return QueryResult(kind="ask", boolean=bool(result))
    if isinstance(result, QuerySolutions):
        variables = tuple(v.value for v in result.variables)
        rows: list[Row] = []
        for solution in result:
            rows.append(tuple(solution[i] for i in range(len(variables))))
            guard.count(len(rows))
        return QueryResult(kind="select", variables=variables, rows=tuple(rows))
    triples: list[Triple] = []
    for t in result:
        triples.append(t if isinstance(t, Triple) else Triple(t.subject, t.predicate, t.object))
        guard.count(len(triples))
    return QueryResult(kind="describe" if describe else "construct", triples=tuple(triples))
