"""The one store interface. Engines supply query, update, insert and dump; the rest is shared.

Every write is a single transaction on the engine: one pyoxigraph ``update``/``extend`` call, or
one HTTP request to a SPARQL server. The default graph of queries is the union of all graphs.
"""

from __future__ import annotations

import sys
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import NamedTuple

import rdflib
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Triple

from cagraph.errors import InputError, NotFoundError, StoreError
from cagraph.store.limits import QueryLimits
from cagraph.store.rdfio import loadable, read_quads
from cagraph.store.records import META_GRAPH, META_NS, GraphMeta, StoreStats
from cagraph.store.results import QueryResult
from cagraph.store.sparql import (
    BindingValue,
    Term,
    drop_update,
    graph_iri,
    insert_graphs_update,
    iri,
    normalize_bindings,
    query_form,
    replace_update,
)

_META_QUERY = f"""PREFIX m: <{META_NS}>
SELECT ?g ?id ?hash ?version ?at WHERE {{ GRAPH <{META_GRAPH}> {{
  ?g m:articleId ?id ; m:contentHash ?hash .
  OPTIONAL {{ ?g m:extractorVersion ?version }} OPTIONAL {{ ?g m:builtAt ?at }}
}} }}"""
_ARTICLE_GRAPHS = f"""PREFIX m: <{META_NS}>
SELECT ?g WHERE {{ GRAPH <{META_GRAPH}> {{ ?g m:articleId ?id }} }}"""
_ALL_QUADS = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
_CLASSES = "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY DESC(?n)"


class NewGraph(NamedTuple):
    """An article graph to write with :meth:`Store.write_new_graphs`: IRI, quads, bookkeeping."""

    graph: str
    quads: Sequence[Quad | Triple]
    meta: GraphMeta


def distinct_graphs(batch: Sequence[NewGraph]) -> list[NamedNode]:
    """The batch's graph IRIs as nodes; InputError if one is invalid, the bookkeeping graph or
    named twice (two contents for one graph cannot both be written)."""
    nodes = [graph_iri(item.graph) for item in batch]
    if len({node.value for node in nodes}) != len(nodes):
        raise InputError("a batch of new graphs names the same graph twice")
    return nodes


def _text(term: Term | None) -> str:
    return term.value if isinstance(term, Literal | NamedNode) else ""


class Store(ABC):
    """A quad store: article graphs with bookkeeping, SPARQL query/update, load and dump."""

    def __init__(self, spec: str, *, read_only: bool, timeout_s: float, row_cap: int):
        self.spec = spec
        self.read_only = read_only
        self.limits = QueryLimits(timeout_s=timeout_s, row_cap=row_cap)

    # -- engine ------------------------------------------------------------------------------

    @abstractmethod
    def _run(
        self,
        sparql: str,
        bindings: Mapping[str, Term],
        *,
        describe: bool,
        limits: QueryLimits,
        union: bool,
    ) -> QueryResult:
        """Evaluate a query within the limits."""

    @abstractmethod
    def _update(self, sparql: str, *, user: bool) -> None:
        """Apply one SPARQL update request as one transaction."""

    @abstractmethod
    def _insert(self, quads: list[Quad]) -> None:
        """Add quads in one transaction."""

    @abstractmethod
    def dump(self, fmt: str = "nquads", graph: str | None = None) -> bytes:
        """The whole dataset (nquads, trig) or one graph (any RDF format) serialized."""

    @abstractmethod
    def close(self) -> None:
        """Release the store; later calls raise StoreError."""

    # -- queries -----------------------------------------------------------------------------

    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, BindingValue] | None = None,
        timeout_s: float | None = None,
        row_cap: int | None = None,
    ) -> QueryResult:
        """Run a SPARQL query; QueryError if malformed, QueryLimitError past a limit."""
        limits = QueryLimits(
            timeout_s=self.limits.timeout_s if timeout_s is None else timeout_s,
            row_cap=self.limits.row_cap if row_cap is None else row_cap,
        )
        describe = query_form(sparql) == "describe"
        terms = normalize_bindings(bindings)
        return self._run(sparql, terms, describe=describe, limits=limits, union=True)

    def _internal(self, sparql: str, *, union: bool = True, **bindings: Term) -> QueryResult:
        limits = QueryLimits(timeout_s=self.limits.timeout_s, row_cap=sys.maxsize)
        return self._run(sparql, bindings, describe=False, limits=limits, union=union)

    def _number(self, sparql: str, *, union: bool = True) -> int:
        rows = self._internal(sparql, union=union).rows
        return int(_text(rows[0][0]) or 0) if rows else 0

    def graphs(self, *, include_meta: bool = False) -> list[str]:
        """Named graph IRIs, sorted; the bookkeeping graph only if asked for."""
        rows = self._internal("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }").rows
        names = {r[0].value for r in rows if isinstance(r[0], NamedNode)}
        if not include_meta:
            names.discard(META_GRAPH)
        return sorted(names)

    def count(self, graph: str | None = None) -> int:
        """Triples in one graph, or quads in the whole store (all graphs)."""
        if graph is None:
            return self._number(_ALL_QUADS, union=False)
        node = iri(graph)
        return self._number(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {node} {{ ?s ?p ?o }} }}")

    def meta(self) -> dict[str, GraphMeta]:
        """Graph IRI -> what was built into it."""
        out: dict[str, GraphMeta] = {}
        for g, aid, digest, version, at in self._internal(_META_QUERY).rows:
            stamp = datetime.fromisoformat(_text(at)) if at is not None else None
            fields = {"built_at": stamp} if stamp else {}
            out[_text(g)] = GraphMeta(
                article_id=_text(aid),
                content_hash=_text(digest),
                extractor_version=_text(version),
                **fields,
            )
        return out

    def article_hashes(self) -> dict[str, str]:
        """Article id -> content hash of what is stored, for incremental builds."""
        return {m.article_id: m.content_hash for m in self.meta().values()}

    def stats(self) -> StoreStats:
        """Triples and graphs outside the bookkeeping graph, articles, instances per class."""
        classes = {
            _text(c): int(_text(n)) for c, n in self._internal(_CLASSES).rows if c is not None
        }
        return StoreStats(
            triples=self.count() - self.count(META_GRAPH),
            graphs=len(self.graphs()),
            articles=len(self.meta()),
            classes=classes,
        )

    def to_rdflib(self) -> rdflib.Dataset:
        """The same quads as an rdflib Dataset."""
        dataset = rdflib.Dataset()
        dataset.parse(data=self.dump("nquads"), format="nquads")
        return dataset

    # -- writes ------------------------------------------------------------------------------

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(
                "store is read-only", source=self.spec, hint="open it without read_only to write"
            )

    def update(self, sparql: str) -> None:
        """Apply a SPARQL update (one transaction)."""
        self._check_writable()
        self._update(sparql, user=True)

    def replace_graph(self, graph: str, quads: Iterable[Quad | Triple], meta: GraphMeta) -> None:
        """Replace one article graph and its bookkeeping entry atomically.

        The quads' own graph names are ignored: everything goes into `graph`.
        """
        self._check_writable()
        self._update(replace_update(graph_iri(graph), quads, meta), user=False)

    def write_new_graphs(self, batch: Sequence[NewGraph]) -> None:
        """Write several article graphs, each with its bookkeeping entry, in one transaction.

        Meant for graphs not stored yet (a first build); a graph that is stored is replaced, as
        with :meth:`replace_graph`. After a crash the store holds all of the batch or none of it.
        """
        self._check_writable()
        nodes = distinct_graphs(batch)
        if not nodes:
            return
        items = [(node, item.quads, item.meta) for node, item in zip(nodes, batch, strict=True)]
        self._update(insert_graphs_update(items), user=False)

    def insert(self, quads: Sequence[Quad]) -> None:
        """Add quads (each in its own graph) in one transaction."""
        self._check_writable()
        if quads:
            self._insert(list(quads))

    def drop_graph(self, graph: str) -> None:
        """Remove a graph and its bookkeeping entry, if any (one transaction)."""
        self._check_writable()
        self._update(drop_update(graph_iri(graph)), user=False)

    def remove_article(self, article_id: str) -> list[str]:
        """Drop the graph(s) built from an article and their bookkeeping; their IRIs."""
        self._check_writable()
        rows = self._internal(_ARTICLE_GRAPHS, id=Literal(article_id)).rows
        graphs = sorted({r[0].value for r in rows if isinstance(r[0], NamedNode)})
        if not graphs:
            raise NotFoundError(
                f"no article with id {article_id!r} in the store",
                source=self.spec,
                hint="`cagraph stats` shows what the store holds",
            )
        self._update(" ;\n".join(drop_update(NamedNode(g)) for g in graphs), user=False)
        return graphs

    def load(self, path: str | Path, fmt: str | None = None, graph: str | None = None) -> int:
        """Add a file's quads in one transaction; the number of quads the store gained.

        Triples (and a dataset's default graph) go into `graph` if given. A malformed file
        raises InputError naming the file and line, and nothing of it is stored.
        """
        self._check_writable()
        path = Path(path)
        rdf_fmt = loadable(path, fmt)
        return self._load(path, rdf_fmt, iri(graph) if graph else None)

    def _load(self, path: Path, fmt: RdfFormat, graph: NamedNode | None) -> int:
        """Parse the whole file, then write it in one transaction."""
        quads = read_quads(path, fmt, graph)
        before = self.count()
        self._insert(quads)
        return self.count() - before

    # -- lifetime ----------------------------------------------------------------------------

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "read-write"
        return f"<{type(self).__name__} {self.spec} {mode}>"
