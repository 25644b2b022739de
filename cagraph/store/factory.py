"""`open_store`: a folder, a SPARQL server URL or ``:memory:`` → a Store."""

from __future__ import annotations

from pathlib import Path

from cagraph.errors import StoreError
from cagraph.settings import get_settings
from cagraph.store.base import Store
from cagraph.store.embedded import MEMORY, EmbeddedStore
from cagraph.store.remote import RemoteStore


def open_store(
    spec: str | Path,
    *,
    read_only: bool = False,
    create: bool = True,
    timeout_s: float | None = None,
    row_cap: int | None = None,
) -> Store:
    """Open a store: a folder (embedded), `http(s)://…` (SPARQL server) or `:memory:`.

    Query limits default to the settings (CAGRAPH_QUERY_TIMEOUT_S, CAGRAPH_QUERY_ROW_CAP).
    """
    settings = get_settings()
    timeout = settings.query_timeout_s if timeout_s is None else timeout_s
    cap = settings.query_row_cap if row_cap is None else row_cap
    text = str(spec)
    if text.startswith(("http://", "https://")):
        return RemoteStore(text, read_only=read_only, timeout_s=timeout, row_cap=cap)
    if "://" in text:
        raise StoreError(
            "unsupported store address", source=text, hint="use a folder, http(s)://… or :memory:"
        )
    path = None if text == MEMORY else Path(text).expanduser()
    return EmbeddedStore(path, read_only=read_only, create=create, timeout_s=timeout, row_cap=cap)
