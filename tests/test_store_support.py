"""Shared helpers for the store tests: a real `oxigraph serve` process and sample data."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from pyoxigraph import Literal, NamedNode, Triple

from cagraph.store import GraphMeta

REPO = Path(__file__).resolve().parent.parent
STORE_DATA = Path(__file__).resolve().parent / "data" / "store"
EX = "http://example.org/"
G1 = "https://w3id.org/cagraph/id/graph/article-1"
G2 = "https://w3id.org/cagraph/id/graph/article-2"


def oxigraph_binary() -> str | None:
    local = REPO / ".venv" / "bin" / "oxigraph"
    return str(local) if local.is_file() else shutil.which("oxigraph")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(location: Path) -> tuple[subprocess.Popen[bytes], str]:
    """Start `oxigraph serve` on a free local port and wait until it answers."""
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    cmd = [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = proc.stderr.read() if proc.stderr else b""
            raise RuntimeError(f"oxigraph serve exited: {err!r}")
        try:
            if httpx.get(f"{url}/query", params={"query": "ASK {}"}, timeout=1).is_success:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.05)
    proc.kill()
    raise RuntimeError("oxigraph serve did not answer within 20 s")


@pytest.fixture(scope="session")
def oxigraph_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of a real Oxigraph server for this session."""
    proc, url = start_server(tmp_path_factory.mktemp("oxigraph"))
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def triples(prefix: str, n: int) -> list[Triple]:
    """n distinct sample triples about `prefix`."""
    p = NamedNode(EX + "value")
    return [Triple(NamedNode(f"{EX}{prefix}/{i}"), p, Literal(f"{prefix} {i}")) for i in range(n)]


def meta(article_id: str, digest: str = "sha-1") -> GraphMeta:
    return GraphMeta(article_id=article_id, content_hash=digest, extractor_version="test-1")
