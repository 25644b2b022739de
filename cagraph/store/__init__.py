"""The store layer: one interface (:class:`Store`), an embedded and a remote implementation."""

from cagraph.store.base import NewGraph, Store
from cagraph.store.embedded import EmbeddedStore
from cagraph.store.factory import open_store
from cagraph.store.records import META_GRAPH, GraphMeta, StoreStats
from cagraph.store.remote import RemoteStore
from cagraph.store.results import QueryResult

__all__ = [
    "META_GRAPH",
    "EmbeddedStore",
    "GraphMeta",
    "NewGraph",
    "QueryResult",
    "RemoteStore",
    "Store",
    "StoreStats",
    "open_store",
]
