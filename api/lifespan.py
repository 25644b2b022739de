"""Start-up and shut-down: open the store, read the reference data, load the extractor.

Nothing heavy happens at import time. Without a token the service cannot write, so the store is
opened read-only and no extractor is loaded; with one, the store is opened for writing (an
embedded store folder is created if missing) and the extractor is loaded for POST /articles.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio
from fastapi import FastAPI

from api.codes import CountryCodes
from api.entity_index import EntityIndex
from api.state import ServiceState
from api.writes import Writer
from cagraph.refdata import get_index, load_reference
from cagraph.resolve.resolver import Resolver
from cagraph.settings import Settings
from cagraph.store import open_store

log = logging.getLogger("cagraph.api")


def open_state(settings: Settings) -> ServiceState:
    """Everything the endpoints need, from the settings."""
    writable = bool(settings.token)
    store = open_store(
        settings.store,
        read_only=not writable,
        create=writable,
        timeout_s=settings.query_timeout_s,
        row_cap=settings.query_row_cap,
    )
    try:
        countries = CountryCodes(get_index(settings.data_dir))
        entities = EntityIndex(store)
        writer = None
        if writable:
            from cagraph.nlp import load_extractor  # spaCy: imported only when it is needed

            writer = Writer(
                store,
                load_extractor(model=settings.model, data_dir=settings.data_dir),
                Resolver(load_reference(settings.data_dir)),
                allow_external=settings.allow_external_service,
                on_change=entities.invalidate,
            )
    except BaseException:
        store.close()
        raise
    mode = "read-write (token set)" if writable else "read-only (no token)"
    log.info("cagraph service on %s, %s", store.spec, mode)
    return ServiceState(settings, store, countries, entities, writer)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings: Settings = app.state.settings
    state = await anyio.to_thread.run_sync(open_state, settings)
    app.state.service = state
    try:
        yield
    finally:
        state.close()
