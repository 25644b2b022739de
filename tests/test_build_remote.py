"""build_graph into a real SPARQL server (`oxigraph serve`) gives the embedded store's graph."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_build_support import V2, fresh_lines, inputs, lines
from test_store_support import start_server

from cagraph.build import build_graph
from cagraph.nlp import Extractor
from cagraph.store import open_store


@pytest.fixture
def server_url(tmp_path: Path) -> Iterator[str]:
    """A server of its own: the session's shared one is left to the store tests."""
    proc, url = start_server(tmp_path / "server-data")
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.mark.server
def test_build_into_a_sparql_server_is_incremental_and_matches_the_embedded_build(
    tmp_path: Path, server_url: str, extractor: Extractor
) -> None:
    folder = inputs(tmp_path / "in")
    with open_store(server_url) as store:
        first = build_graph([folder], store, extractor=extractor)
        assert len(first.added) == 3 and first.derived
        assert lines(store) == fresh_lines(tmp_path / "embedded-1", folder, extractor)
        before = store.dump("nquads")
        again = build_graph([folder], store, extractor=extractor)
        assert (again.unchanged, again.triples_written) == (3, 0)
        assert store.dump("nquads") == before
        shutil.copy(V2 / "kg_tj_water.txt", folder / "kg_tj_water.txt")
        (folder / "kz_uz_forum.txt").unlink()
        changed = build_graph([folder], store, extractor=extractor, prune=True)
        assert (changed.updated, changed.removed) == (["kg_tj_water"], ["kz_uz_forum"])
        assert lines(store) == fresh_lines(tmp_path / "embedded-2", folder, extractor)
