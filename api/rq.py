"""The REST endpoints' SPARQL: ``api/queries/*.rq`` run with bound values.

Request values reach a query only as bindings (RDF terms the store binds; see
:meth:`cagraph.store.Store.query`). Two things are added to a query's text, neither of them
user text:

- a page: ``LIMIT``/``OFFSET`` from validated integers (one more row than asked, to tell whether
  there is a next page);
- IRIs the store itself returned, written by pyoxigraph into the query's empty ``VALUES ?var {}``
  or ``VALUES (?a ?b) {}`` block (details of one page of results in one query).

Every parameter of a query is one of its projected variables: the store then has pyoxigraph
substitute it as a constant, which keeps evaluation to index lookups (a VALUES block, the other
way the store binds, makes the engine hash-join and scan). :func:`run` refuses a binding that is
not projected. Leading comment lines of a file (its documentation) are not sent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pyoxigraph import Literal, NamedNode

from cagraph.errors import ConfigError
from cagraph.store import QueryResult, Store
from cagraph.store.sparql import BindingValue, Term, projected
from cagraph.store.sparql import term_text as _term_text

QUERIES = Path(__file__).resolve().parent / "queries"


@dataclass(frozen=True)
class Page:
    limit: int
    offset: int = 0

    def __post_init__(self) -> None:
        ok = isinstance(self.limit, int) and isinstance(self.offset, int)
        if not ok or self.limit < 1 or self.offset < 0:
            raise ValueError(f"bad page {self.limit!r}/{self.offset!r}")

    def clause(self) -> str:
        return f"\nLIMIT {int(self.limit) + 1} OFFSET {int(self.offset)}"


@cache
def query_text(name: str) -> str:
    path = QUERIES / f"{name}.rq"
    if not path.is_file():
        raise ConfigError(f"missing query file {path}", hint="reinstall the api package")
    lines = path.read_text(encoding="utf-8").splitlines()
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    return "\n".join(lines).strip()


Values = tuple[tuple[str, ...], Sequence[tuple[NamedNode, ...]]]


def _with_values(text: str, values: Values) -> str:
    names, rows = values
    head = f"?{names[0]}" if len(names) == 1 else "(" + " ".join(f"?{n}" for n in names) + ")"
    marker = f"VALUES {head} {{}}"
    if marker not in text:
        raise ConfigError(f"query has no `{marker}` block to fill")
    cells = []
    for row in rows:
        if len(row) != len(names) or not all(isinstance(n, NamedNode) for n in row):
            raise TypeError(f"only IRIs from the store go into VALUES, not {row!r}")
        terms = " ".join(_term_text(n) for n in row)
        cells.append(terms if len(names) == 1 else f"({terms})")
    return text.replace(marker, f"VALUES {head} {{ {' '.join(cells)} }}", 1)


@cache
def _projected(name: str) -> frozenset[str]:
    return frozenset(projected(query_text(name)) or ())


def run(
    store: Store,
    name: str,
    bindings: Mapping[str, BindingValue | None] | None = None,
    *,
    page: Page | None = None,
    values: Values | None = None,
    row_cap: int | None = None,
    timeout_s: float | None = None,
) -> QueryResult:
    """Run ``api/queries/<name>.rq``; bindings whose value is None are left unbound."""
    text = query_text(name)
    bound = {k: v for k, v in (bindings or {}).items() if v is not None}
    stray = set(bound) - _projected(name)
    if stray:
        raise ConfigError(f"{name}.rq does not project the parameters {sorted(stray)}")
    if values is not None:
        text = _with_values(text, values)
    if page is not None:
        text += page.clause()
    return store.query(text, bindings=bound, row_cap=row_cap, timeout_s=timeout_s)


# -- reading rows --------------------------------------------------------------------------------


def text(term: Term | None) -> str | None:
    return term.value if isinstance(term, Literal | NamedNode) else None


def integer(term: Term | None) -> int:
    value = text(term)
    try:
        return int(value) if value is not None else 0
    except ValueError:
        return 0


def rows(result: QueryResult) -> list[dict[str, Term]]:
    """SELECT rows as variable -> term (unbound variables absent)."""
    return result.bindings()
