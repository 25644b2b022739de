"""Named SPARQL queries (``ontology/queries/*.rq``) run with bound parameters.

Each file starts with comment lines giving its title, a description and its parameters::

    # title: Partners of a country
    # param: country iri required

Parameters are SELECT variables the caller binds to RDF terms (pyoxigraph substitutions); a
query is never built from strings. Queries run with the default graph as the union of all
graphs (the merged view).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Literal as Lit

from pyoxigraph import BlankNode, Literal, NamedNode, QuerySolutions, Store, Triple, Variable

from cagraph.errors import NotFoundError, QueryError
from cagraph.rdf.vocab import queries_dir

OxTerm = NamedNode | BlankNode | Literal
ParamKind = Lit["iri", "literal", "term"]
_KINDS: dict[str, tuple[type, ...]] = {
    "iri": (NamedNode,),
    "literal": (Literal,),
    "term": (NamedNode, Literal),
}


@dataclass(frozen=True)
class Param:
    name: str
    kind: ParamKind
    required: bool


@dataclass(frozen=True)
class NamedQuery:
    """A query file: name (file stem), title, description, parameters and SPARQL text."""

    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    text: str

    @property
    def competency(self) -> bool:
        """A competency question (cq*) rather than an internal query."""
        return self.name.startswith("cq")


@dataclass(frozen=True)
class QueryResult:
    """Rows of a SELECT: one term (or None when unbound) per variable."""

    variables: tuple[str, ...]
    rows: list[tuple[OxTerm | None, ...]] = field(default_factory=list)

    def column(self, name: str) -> list[OxTerm | None]:
        i = self.variables.index(name)
        return [row[i] for row in self.rows]

    def values(self) -> Iterator[dict[str, str | None]]:
        """Rows as variable -> lexical value (for display and tests)."""
        for row in self.rows:
            pairs = zip(self.variables, row, strict=True)
            yield {v: (t.value if t is not None else None) for v, t in pairs}


def _parse(name: str, text: str) -> NamedQuery:
    title, description, params = name, "", []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        key, _, value = line[1:].strip().partition(":")
        value = value.strip()
        if key == "title":
            title = value
        elif key == "description":
            description = value
        elif key == "param":
            parts = value.split()
            well_formed = len(parts) == 3 and parts[1] in _KINDS
            if not well_formed or parts[2] not in ("required", "optional"):
                raise QueryError(
                    f"bad parameter line in {name}.rq: {line!r}",
                    hint="write '# param: <name> iri|literal|term required|optional'",
                )
            kind: ParamKind = parts[1]  # type: ignore[assignment]
            params.append(Param(parts[0], kind, parts[2] == "required"))
    return NamedQuery(name, title, description, tuple(params), text)


@cache
def _all() -> dict[str, NamedQuery]:
    files = sorted(queries_dir().glob("*.rq"))
    return {p.stem: _parse(p.stem, p.read_text(encoding="utf-8")) for p in files}


def list_queries(*, competency_only: bool = False) -> list[NamedQuery]:
    """Every named query, sorted by name."""
    return [q for q in _all().values() if q.competency or not competency_only]


def load_query(name: str) -> NamedQuery:
    """One named query (NotFoundError if there is none of that name)."""
    query = _all().get(name)
    if query is None:
        raise NotFoundError(
            f"no query named {name!r}", hint=f"use one of: {', '.join(sorted(_all()))}"
        )
    return query


def bind(
    query: NamedQuery, bindings: Mapping[str, OxTerm]
) -> dict[Variable, NamedNode | BlankNode | Literal | Triple]:
    """Check bindings against the query's parameters; the substitutions to run it with."""
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(bindings) - set(declared))
    if unknown:
        raise QueryError(
            f"query {query.name} has no parameter {', '.join(unknown)}",
            hint=f"its parameters: {', '.join(declared) or 'none'}",
        )
    missing = [p.name for p in query.params if p.required and p.name not in bindings]
    if missing:
        raise QueryError(f"query {query.name} needs parameter {', '.join(missing)}")
    for name, term in bindings.items():
        kind = declared[name].kind
        if not isinstance(term, _KINDS[kind]):
            raise QueryError(
                f"parameter {name} of query {query.name} must be an {kind}, got {term!r}"
            )
    substitutions: dict[Variable, NamedNode | BlankNode | Literal | Triple] = {}
    for name, term in bindings.items():
        substitutions[Variable(name)] = term
    return substitutions


def run_query(store: Store, name: str, bindings: Mapping[str, OxTerm] | None = None) -> QueryResult:
    """Run a named SELECT query on a pyoxigraph store with bound parameters."""
    query = load_query(name)
    substitutions = bind(query, bindings or {})
    try:
        solutions = store.query(
            query.text, use_default_graph_as_union=True, substitutions=substitutions
        )
    except SyntaxError as exc:
        raise QueryError(f"query {name} does not parse: {exc}", hint="fix the .rq file") from exc
    if not isinstance(solutions, QuerySolutions):
        raise QueryError(f"query {name} is not a SELECT query")
    variables = tuple(v.value for v in solutions.variables)
    rows = [tuple(solution) for solution in solutions]  # values in projection order
    return QueryResult(variables, rows)
