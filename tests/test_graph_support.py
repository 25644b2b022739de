"""Helpers for the graph, export and explorer tests: the built corpus store, the official
schemas in ../shared/conformance, and the Node loaders (cytoscape, d3-force from npm)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from cagraph.graph.source import StoreReader
from cagraph.nlp import Extractor
from cagraph.store import Store, open_store

REPO = Path(__file__).resolve().parent.parent
CONFORMANCE = REPO.parent / "shared" / "conformance"
FIXTURES = CONFORMANCE / "fixtures"
NODE_MODULES = REPO / "api" / "explorer" / "node_modules"
LOADER = Path(__file__).resolve().parent / "data" / "graph" / "load_export.mjs"


def conformance_dir() -> Path:
    """The shared conformance folder (skips the test when it is not beside the repo)."""
    if not (CONFORMANCE / "gexf-xsd" / "1.3" / "gexf.xsd").is_file():
        pytest.skip("../shared/conformance is not beside the repo")
    return CONFORMANCE


def node_loader(kind: str, path: Path) -> dict[str, Any]:
    """Load a JSON export in Node with cytoscape ("cytoscape") or d3-force ("d3")."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed (CI installs Node 20)")
    if not (NODE_MODULES / "cytoscape").is_dir() or not (NODE_MODULES / "d3-force").is_dir():
        pytest.fail("api/explorer/node_modules is missing: run bash scripts/setup.sh (npm ci)")
    done = subprocess.run(
        [node, str(LOADER), str(NODE_MODULES), kind, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    lines = done.stdout.strip().splitlines()
    if not lines:
        raise AssertionError(f"the Node loader printed nothing: {done.stderr}")
    result: dict[str, Any] = json.loads(lines[-1])
    assert (done.returncode == 0) == bool(result["ok"]), done.stderr
    return result


def reader_of(store: Store) -> StoreReader:
    return StoreReader(store)


_FOLDERS: dict[str, Path] = {}


def corpus_folder(factory: pytest.TempPathFactory, corpus: Path, extractor: Extractor) -> Path:
    """A store folder of its own holding a copy of the seeds + dev store, for a CLI or a server
    to open (the shared store stays open in the test process); made once per session."""
    if "seeds+dev" not in _FOLDERS:
        from test_build_support import corpus_store

        store = corpus_store(factory, corpus, extractor)[0]
        folder = factory.mktemp("corpus-copy")
        dump = folder / "corpus.nq"
        dump.write_bytes(store.dump("nquads"))
        with open_store(folder / "store", create=True) as copy:
            copy.load(dump)
        _FOLDERS["seeds+dev"] = folder / "store"
    return _FOLDERS["seeds+dev"]
