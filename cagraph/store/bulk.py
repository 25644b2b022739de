"""First builds into an empty store folder: bulk-loaded beside it, then swapped in whole.

pyoxigraph's transactional ``extend`` writes ~75-80k quads/s on our machines whatever the batch;
its bulk loader (``Store.bulk_load``) writes about twice as fast and parses N-Quads with the GIL
released, so the mapping of the next articles runs beside it. The bulk loader is not atomic: a
crash in the middle leaves part of a load. So it never writes the store itself. When a build
starts on an empty embedded store, :func:`staged_first_build` gives the build a
:class:`StagedStore` in a hidden folder next to it (``.<name>.staging``); when the build's
writes are done the staging folder replaces the store folder (two renames on one file system),
and the store is opened again on it.

Whatever stops the build, the store is as it was before the build (empty) or holds every
article the build wrote, whole:

- a SIGKILL or power cut before the swap leaves the store empty and a staging folder that the
  next build on that store deletes;
- an exception (an extractor failure, Ctrl-C) still swaps in what was loaded — whole batches of
  whole articles, as the transactional path keeps the batches written before a failure;
- a failure of the bulk loader itself discards the staging folder: nothing was written.

The store's own folder stays open (and locked) during the build, so no other process can open
it for writing meanwhile. A graph written twice in one build (two inputs with one article id)
waits for the loads before it, then replaces its graph in a transaction as usual.
"""

from __future__ import annotations

import queue
import shutil
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from cagraph.errors import StoreError
from cagraph.store.base import NewGraph, Store, distinct_graphs
from cagraph.store.embedded import EmbeddedStore
from cagraph.store.limits import QueryLimits
from cagraph.store.records import GraphMeta
from cagraph.store.results import QueryResult
from cagraph.store.sparql import Term, graph_iri

QUEUE_CHUNKS = 2
"""Serialized batches waiting for the loader at most (each ~10 MB at 50k quads)."""


def staging_folder(path: Path) -> Path:
    """The hidden folder a first build of ``path`` is staged in."""
    return path.with_name(f".{path.name}.staging")


def _replaced_folder(path: Path) -> Path:
    return path.with_name(f".{path.name}.replaced")


class StagedStore(EmbeddedStore):
    """An embedded store in a staging folder whose new graphs go to a background bulk loader.

    :meth:`write_new_graphs` serializes each batch to N-Quads and queues it; a thread loads the
    queue with ``bulk_load``. Everything else (queries, replacing a graph) first waits for the
    queued loads. :meth:`finish` waits for the last load and stops the thread.
    """

    def __init__(self, path: Path, *, target: str):
        super().__init__(path, create=True)
        self.target = target
        self._staged: set[str] = set()
        self._queue: queue.Queue[bytes | None] = queue.Queue(maxsize=QUEUE_CHUNKS)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._load_queued, name="bulk-load", daemon=True)
        self._thread.start()

    def _load_queued(self) -> None:
        while True:
            data = self._queue.get()
            try:
                if data is None:
                    return
                if self._error is None:
                    self._live().bulk_load(data, format=ox.RdfFormat.N_QUADS)
            except BaseException as exc:  # reported to the writer by _check
                self._error = exc
            finally:
                self._queue.task_done()

    def _check(self) -> None:
        if self._error is not None:
            raise StoreError(
                f"bulk load failed: {self._error}",
                source=self.target,
                hint="nothing was written to the store; build again with --no-bulk to write "
                "article by article",
            ) from self._error

    @property
    def failed(self) -> bool:
        return self._error is not None

    def drain(self) -> None:
        """Wait until every queued batch is loaded."""
        self._queue.join()
        self._check()

    def write_new_graphs(self, batch: Sequence[NewGraph]) -> None:
        self._check_writable()
        self._check()
        nodes = distinct_graphs(batch)
        if any(node.value in self._staged for node in nodes):
            self.drain()
            super().write_new_graphs(batch)  # replaces the graphs already loaded, atomically
            self._staged.update(node.value for node in nodes)
            return
        quads: list[ox.Quad] = []
        for node, item in zip(nodes, batch, strict=True):
            quads += self._fresh_quads(node, item.quads, item.meta)
        if not quads:
            return
        data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
        self._queue.put(data)
        self._staged.update(node.value for node in nodes)

    def replace_graph(
        self, graph: str, quads: Iterable[ox.Quad | ox.Triple], meta: GraphMeta
    ) -> None:
        self.drain()
        super().replace_graph(graph, quads, meta)
        self._staged.add(graph_iri(graph).value)

    def _run(
        self,
        sparql: str,
        bindings: Mapping[str, Term],
        *,
        describe: bool,
        limits: QueryLimits,
        union: bool,
    ) -> QueryResult:
        self.drain()
        return super()._run(sparql, bindings, describe=describe, limits=limits, union=union)

    def _update(self, sparql: str, *, user: bool) -> None:
        self.drain()
        super()._update(sparql, user=user)

    def finish(self) -> None:
        """Wait for the last load and stop the loader; StoreError if a load failed."""
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()
        self._check()

    def close(self) -> None:
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()
        super().close()


def bulk_eligible(store: Store) -> bool:
    """True for a writable embedded store on disk that holds nothing yet."""
    return (
        isinstance(store, EmbeddedStore)
        and store.path is not None
        and not store.read_only
        and store.count() == 0
    )


@contextmanager
def staged_first_build(store: Store, *, enabled: bool = True) -> Iterator[Store]:
    """The store a build writes its articles to: ``store`` itself, or — for a first build into
    an empty embedded store folder, when ``enabled`` — a :class:`StagedStore` that replaces the
    store's folder when the block ends (see the module docstring)."""
    if not enabled or not bulk_eligible(store):
        yield store
        return
    assert isinstance(store, EmbeddedStore) and store.path is not None
    path = store.path
    staging = staging_folder(path)
    for leftover in (staging, _replaced_folder(path)):
        # an earlier first build was killed; we hold the store's lock, so it is no one's
        shutil.rmtree(leftover, ignore_errors=True)
    stage = StagedStore(staging, target=store.spec)
    try:
        yield stage
    except BaseException:
        _end(store, stage, strict=False)
        raise
    _end(store, stage, strict=True)


def _end(store: EmbeddedStore, stage: StagedStore, *, strict: bool) -> None:
    """Finish the staged load and swap it in; discard it if the loader failed (and, when
    ``strict``, raise that failure)."""
    folder = stage.path or staging_folder(store.path or Path())
    try:
        stage.finish()
    except StoreError:
        stage.close()
        shutil.rmtree(folder, ignore_errors=True)
        if strict:
            raise
        return
    written = stage.count() > 0
    stage.close()
    if written:
        _swap(store, folder)
    else:
        shutil.rmtree(folder, ignore_errors=True)


def _swap(store: EmbeddedStore, staged: Path) -> None:
    """Replace the store's folder with the staged one and open the store on it again."""
    path = store.path
    assert path is not None
    old = _replaced_folder(path)
    store.close()  # releases the folder's lock
    try:
        path.rename(old)
        try:
            staged.rename(path)
        except OSError:
            old.rename(path)
            raise
    except OSError as exc:
        store.reopen()
        raise StoreError(
            f"cannot move the bulk-loaded store into place: {exc}",
            source=store.spec,
            hint=f"the store is as it was (empty); the loaded one is in {staged}: move it to "
            f"{path} by hand, or delete it and build again with --no-bulk",
        ) from exc
    shutil.rmtree(old, ignore_errors=True)
    store.reopen()
