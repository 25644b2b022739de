"""``in_memory``: the service answers from a read-only in-memory snapshot of its store."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from test_api_support import TOKEN, LiveServer, build_store, problem, settings_for

from api.lifespan import open_state
from cagraph.errors import ConfigError

pytestmark = pytest.mark.server


def test_a_snapshot_answers_like_the_store(tmp_path: Path) -> None:
    folder = build_store(tmp_path / "store")
    with LiveServer(settings_for(folder)) as disk, disk.client() as a:
        expected = [a.get(p).json() for p in ("/ties/KZ/UZ", "/countries/KZ/ties", "/articles")]
    with LiveServer(settings_for(folder), in_memory=True) as memory, memory.client() as b:
        got = [b.get(p).json() for p in ("/ties/KZ/UZ", "/countries/KZ/ties", "/articles")]
        assert got == expected
        query = "ASK { ?s ?p ?o }"
        assert b.get("/sparql", params={"query": query}).json()["boolean"] is True
        update = {"update": "INSERT DATA { <urn:x:s> <urn:x:p> 1 }"}
        problem(b.post("/sparql", data=update), 403)
        assert b.get("/health").json()["writable"] is False


def test_a_snapshot_takes_no_token(tmp_path: Path) -> None:
    folder = build_store(tmp_path / "store")
    with pytest.raises(ConfigError, match="read-only"):
        open_state(settings_for(folder, token=TOKEN), in_memory=True)


def test_the_snapshot_is_read_only_inside(tmp_path: Path) -> None:
    state = open_state(settings_for(build_store(tmp_path / "store")), in_memory=True)
    try:
        assert state.store.read_only and state.writer is None
        assert state.store.count() > 100
    finally:
        state.close()


def test_health_of_a_snapshot(tmp_path: Path) -> None:
    folder = build_store(tmp_path / "store")
    with LiveServer(settings_for(folder), in_memory=True) as server:
        assert httpx.get(server.url + "/health").json()["store"] == "embedded"
