"""Start-up and shut-down: open the store, read the reference data, load the extractor.

Nothing heavy happens at import time. Without a token the service cannot write, so the store is
opened read-only and no extractor is loaded; with one, the store is opened for writing (an
embedded store folder is created if missing) and the extractor is loaded for POST /articles.

``in_memory`` serves a snapshot: the store's quads are copied into an in-memory store at
start-up (about 10 s and a few hundred MB per million quads) and queries no longer touch the
disk, which makes them several times faster. A snapshot is read-only, so it excludes a token.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import anyio
from fastapi import FastAPI

from api.codes import CountryCodes
from api.entity_index import EntityIndex
from api.state import ServiceState
from api.tie_index import TieIndex
from api.writes import Writer
from cagraph.errors import ConfigError
from cagraph.refdata import get_index, load_reference
from cagraph.resolve.resolver import Resolver
from cagraph.settings import Settings
from cagraph.store import Store, open_store

log = logging.getLogger("cagraph.api")


def _forget(entities: EntityIndex, ties: TieIndex) -> None:
    """After a write: the indexes of derived data are out of date."""
    entities.invalidate()
    ties.invalidate()


def snapshot(settings: Settings) -> Store:
    """An in-memory, read-only copy of the store named by the settings."""
    if settings.token:
        raise ConfigError(
            "an in-memory snapshot is read-only and cannot take writes",
            hint="unset CAGRAPH_TOKEN, or serve the store itself",
        )
    timeout, cap = settings.query_timeout_s, settings.query_row_cap
    memory = open_store(":memory:", timeout_s=timeout, row_cap=cap)
    with tempfile.TemporaryDirectory(prefix="cagraph-snapshot-") as folder:
        dump = Path(folder) / "store.nq"
        with open_store(settings.store, read_only=True, timeout_s=timeout, row_cap=cap) as source:
            dump.write_bytes(source.dump("nquads"))
        memory.load(dump, fmt="nquads")
    memory.read_only = True
    return memory


def open_state(settings: Settings, *, in_memory: bool = False) -> ServiceState:
    """Everything the endpoints need, from the settings."""
    writable = bool(settings.token)
    if in_memory:
        store = snapshot(settings)
    else:
        store = open_store(
            settings.store,
            read_only=not writable,
            create=writable,
            timeout_s=settings.query_timeout_s,
            row_cap=settings.query_row_cap,
        )
    try:
        countries = CountryCodes(get_index(settings.data_dir))
        # an embedded store changes only through this service, which drops the indexes then
        ttl = 60.0 if store.spec.startswith(("http://", "https://")) else None
        entities = EntityIndex(store, ttl_s=ttl)
        ties = TieIndex(store, countries, ttl_s=ttl)
        writer = None
        if writable:
            from cagraph.nlp import load_extractor  # spaCy: imported only when it is needed

            writer = Writer(
                store,
                load_extractor(model=settings.model, data_dir=settings.data_dir),
                Resolver(load_reference(settings.data_dir)),
                allow_external=settings.allow_external_service,
                on_change=lambda: _forget(entities, ties),
            )
    except BaseException:
        store.close()
        raise
    mode = "read-write (token set)" if writable else "read-only (no token)"
    mode += ", in-memory snapshot" if in_memory else ""
    log.info("cagraph service on %s, %s", store.spec, mode)
    return ServiceState(settings, store, countries, entities, ties, writer)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings: Settings = app.state.settings
    in_memory: bool = getattr(app.state, "in_memory", False)
    state = await anyio.to_thread.run_sync(lambda: open_state(settings, in_memory=in_memory))
    app.state.service = state
    try:
        yield
    finally:
        state.close()
