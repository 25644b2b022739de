"""Run a protocol operation on the store, within the store's time limit and row cap.

Before anything reaches the engine, SERVICE/LOAD are checked (:mod:`api.sparql.rewrite`) and the
request's shape is bounded (:mod:`api.sparql.guard`).

The store's public ``query`` evaluates with the default graph as the union of all graphs, which
is the service's default dataset. A query that names its own dataset (FROM / FROM NAMED, or the
protocol's ``default-graph-uri``/``named-graph-uri``) must be evaluated on exactly that dataset,
so it goes to the store's engine hook with the union switched off; the limits are the same.
"""

from __future__ import annotations

from api.sparql.guard import check_shape
from api.sparql.lexer import keywords, tokens
from api.sparql.protocol import Operation
from api.sparql.rewrite import check_external, fix_position, set_dataset, set_using, with_base
from cagraph.errors import QueryError, QueryLimitError
from cagraph.store import QueryResult, Store
from cagraph.store.sparql import query_form


def _located(exc: QueryError, shift: int) -> QueryError:
    if not isinstance(exc, QueryLimitError):
        exc.message = fix_position(exc.message, shift)
        exc.args = (exc.message,)
    return exc


def execute_query(store: Store, op: Operation, *, base: str, allow_external: bool) -> QueryResult:
    """Evaluate a query (QueryError when malformed, QueryLimitError past a limit)."""
    toks = tokens(op.text)
    check_external(toks, allowed=allow_external)
    check_shape(toks)
    text = op.text
    if op.has_dataset:
        text = set_dataset(text, op.default_graphs, op.named_graphs)
    own_dataset = op.has_dataset or "FROM" in keywords(toks)
    text, shift = with_base(text, base)
    try:
        if not own_dataset:
            return store.query(text)
        describe = query_form(text) == "describe"
        return store._run(text, {}, describe=describe, limits=store.limits, union=False)
    except QueryError as exc:
        raise _located(exc, shift) from None


def execute_update(store: Store, op: Operation, *, base: str, allow_external: bool) -> None:
    """Apply an update as one transaction (QueryError when malformed)."""
    toks = tokens(op.text)
    check_external(toks, allowed=allow_external)
    check_shape(toks)
    text = op.text
    if op.has_dataset:
        text = set_using(text, op.default_graphs, op.named_graphs)
    text, shift = with_base(text, base)
    try:
        store.update(text)
    except QueryError as exc:
        raise _located(exc, shift) from None
