"""The embedded store: pyoxigraph (RocksDB) in a folder, or in memory."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import pyoxigraph as ox

from cagraph.errors import InputError, QueryError, StoreError
from cagraph.store.base import NewGraph, Store, distinct_graphs
from cagraph.store.formats import rdf_format
from cagraph.store.limits import Guard, QueryLimits, run_limited
from cagraph.store.rdfio import syntax_error
from cagraph.store.records import META_GRAPH, GraphMeta
from cagraph.store.results import QueryResult, collect
from cagraph.store.sparql import (
    Term,
    graph_iri,
    inject_values,
    iri,
    meta_triples,
    projected,
    substitutions,
)

MEMORY = ":memory:"


def _is_store_folder(path: Path) -> bool:
    return (path / "CURRENT").is_file() and (path / "IDENTITY").is_file()


def _open(path: Path, *, read_only: bool, create: bool) -> ox.Store:
    """Open a store folder, refusing files and folders that hold something else."""
    where = str(path)
    if path.exists() and not path.is_dir():
        raise StoreError("is a file, not a store folder", source=where, hint="check --store")
    if path.is_dir() and not _is_store_folder(path) and any(path.iterdir()):
        raise StoreError(
            "folder holds other files and is not a cagraph store",
            source=where,
            hint="point --store at an existing store or at a new or empty folder",
        )
    if not _is_store_folder(path) and (read_only or not create):
        raise StoreError(
            "no store here", source=where, hint="create one first, e.g. `cagraph load FILE`"
        )
    try:
        return ox.Store.read_only(where) if read_only else ox.Store(where)
    except (OSError, RuntimeError) as exc:
        hint = "check the folder's permissions"
        if read_only:
            hint = "if another process (the API?) is writing it, query that process's URL instead"
        elif "lock" in str(exc).lower():
            hint = "another process has it open for writing (the API?); stop it or open read-only"
        raise StoreError(f"cannot open the store: {exc}", source=where, hint=hint) from exc


class EmbeddedStore(Store):
    """pyoxigraph on disk (`path`) or in memory (`path=None`)."""

    def __init__(
        self,
        path: Path | None,
        *,
        read_only: bool = False,
        create: bool = True,
        timeout_s: float = 10.0,
        row_cap: int = 100_000,
    ):
        super().__init__(
            MEMORY if path is None else str(path),
            read_only=read_only,
            timeout_s=timeout_s,
            row_cap=row_cap,
        )
        self.path = path
        self._store: ox.Store | None = (
            ox.Store() if path is None else _open(path, read_only=read_only, create=create)
        )

    def reopen(self) -> None:
        """Open the folder again (after :meth:`close`, or after its content was replaced)."""
        if self.path is None:
            raise StoreError("an in-memory store cannot be reopened", source=self.spec)
        self._store = None
        self._store = _open(self.path, read_only=self.read_only, create=False)

    def _live(self) -> ox.Store:
        if self._store is None:
            raise StoreError("store is closed", source=self.spec)
        return self._store

    def engine(self) -> ox.Store:
        """The pyoxigraph store itself, for read-only work that needs more than SPARQL text
        (deriving the ties graph without copying the store). Callers must not keep it."""
        return self._live()

    def _run(
        self,
        sparql: str,
        bindings: Mapping[str, Term],
        *,
        describe: bool,
        limits: QueryLimits,
        union: bool,
    ) -> QueryResult:
        self._live()
        subs = substitutions(bindings) or None
        shown = projected(sparql)
        if subs and shown is not None and not shown.issuperset(bindings):
            # pyoxigraph substitutes projected SELECT variables only (SEP-0007)
            sparql, subs = inject_values(sparql, bindings), None

        def work(guard: Guard) -> QueryResult:
            try:
                result = self._live().query(
                    sparql, use_default_graph_as_union=union, substitutions=subs
                )
                guard()
                return collect(result, describe=describe, guard=guard)
            except SyntaxError as exc:
                raise QueryError(f"malformed SPARQL query: {exc}") from exc
            except (OSError, RuntimeError) as exc:
                raise StoreError(f"query failed: {exc}", source=self.spec) from exc

        return run_limited(work, limits)

    def _update(self, sparql: str, *, user: bool) -> None:
        try:
            self._live().update(sparql)
        except SyntaxError as exc:
            if user:
                raise QueryError(f"malformed SPARQL update: {exc}") from exc
            raise StoreError(f"internal update rejected: {exc}", source=self.spec) from exc
        except (OSError, RuntimeError) as exc:
            raise StoreError(f"update failed, nothing written: {exc}", source=self.spec) from exc

    def count(self, graph: str | None = None) -> int:
        return len(self._live()) if graph is None else super().count(graph)

    def _load(self, path: Path, fmt: ox.RdfFormat, graph: ox.NamedNode | None) -> int:
        """pyoxigraph's own loader: parsing and writing are one transaction."""
        before = len(self._live())
        base = path.resolve().as_uri()
        try:
            self._live().load(path=path, format=fmt, base_iri=base, to_graph=graph)
        except SyntaxError as exc:
            raise syntax_error(path, fmt, exc) from exc
        except ValueError as exc:
            raise InputError(f"cannot read as {fmt.name}: {exc}", source=str(path)) from exc
        except (OSError, RuntimeError) as exc:
            raise StoreError(f"load failed, nothing written: {exc}", source=self.spec) from exc
        return len(self._live()) - before

    def _is_stored(self, node: ox.NamedNode) -> bool:
        """True if the graph holds a quad or has a bookkeeping entry."""
        store = self._live()
        meta_node = ox.NamedNode(META_GRAPH)
        stored = next(iter(store.quads_for_pattern(None, None, None, node)), None)
        booked = next(iter(store.quads_for_pattern(node, None, None, meta_node)), None)
        return stored is not None or booked is not None

    @staticmethod
    def _fresh_quads(
        node: ox.NamedNode, quads: Iterable[ox.Quad | ox.Triple], meta: GraphMeta
    ) -> list[ox.Quad]:
        """The article's quads in its graph, then its bookkeeping quads. Quads already in that
        graph (what ``map_extraction`` gives) are kept as they are, which is ~5x cheaper than
        making each one again."""
        meta_node = ox.NamedNode(META_GRAPH)
        out = [
            q
            if isinstance(q, ox.Quad) and q.graph_name == node
            else ox.Quad(q.subject, q.predicate, q.object, node)
            for q in quads
        ]
        out += [
            ox.Quad(t.subject, t.predicate, t.object, meta_node) for t in meta_triples(node, meta)
        ]
        return out

    def replace_graph(
        self, graph: str, quads: Iterable[ox.Quad | ox.Triple], meta: GraphMeta
    ) -> None:
        """As :meth:`Store.replace_graph`; a graph that is not stored yet (the common case of a
        first build) goes in through one atomic ``extend`` — the article's quads and its
        bookkeeping together — which is several times faster than a SPARQL update."""
        self._check_writable()
        node = graph_iri(graph)
        if self._is_stored(node):
            super().replace_graph(graph, quads, meta)
            return
        self._insert(self._fresh_quads(node, quads, meta))

    def write_new_graphs(self, batch: Sequence[NewGraph]) -> None:
        """As :meth:`Store.write_new_graphs`; when none of the graphs is stored yet, the whole
        batch (quads and bookkeeping) goes in through one atomic ``extend``, which costs one
        RocksDB transaction instead of one per article."""
        self._check_writable()
        nodes = distinct_graphs(batch)
        if any(self._is_stored(node) for node in nodes):
            super().write_new_graphs(batch)
            return
        quads: list[ox.Quad] = []
        for node, item in zip(nodes, batch, strict=True):
            quads += self._fresh_quads(node, item.quads, item.meta)
        if quads:
            self._insert(quads)

    def _insert(self, quads: list[ox.Quad]) -> None:
        try:
            self._live().extend(quads)
        except (OSError, RuntimeError) as exc:
            raise StoreError(f"write failed, nothing written: {exc}", source=self.spec) from exc

    def dump(self, fmt: str = "nquads", graph: str | None = None) -> bytes:
        rdf_fmt = rdf_format(fmt)
        if graph is None:
            if not rdf_fmt.supports_datasets:
                raise InputError(
                    f"{rdf_fmt.name} holds one graph; name the graph or use nquads/trig"
                )
            return self._live().dump(format=rdf_fmt) or b""
        return self._live().dump(format=rdf_fmt, from_graph=iri(graph)) or b""

    def close(self) -> None:
        """Drop the pyoxigraph handle, which releases the folder's lock.

        pyoxigraph has no explicit close: the handle is freed when its last reference goes, so
        methods never keep it in locals that an exception's traceback could hold on to. An
        abandoned query worker (see limits.py) keeps it until the worker ends.
        """
        self._store = None
