"""Helpers of the service tests: test graphs and live servers on 127.0.0.1 (no tests here).

``LiveServer`` runs the real app under uvicorn in a thread of the test process;
``ServerProcess`` runs ``cagraph serve`` as a child process, for tests that may leave work
behind (a query stopped at its time limit keeps its worker until the step it is in ends), so
that stopping the server ends it.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from api.app import create_app
from cagraph.build.derived import refresh_derived
from cagraph.rdf.mapping import map_extraction
from cagraph.records import ArticleExtraction
from cagraph.refdata import load_reference
from cagraph.resolve.resolver import Resolver
from cagraph.settings import Settings
from cagraph.store import GraphMeta, open_store

REPO = Path(__file__).resolve().parent.parent
API_DATA = Path(__file__).resolve().parent / "data" / "api"
SHARED = REPO.parent / "shared"
CONFORMANCE = SHARED / "conformance"
ARTICLES = ("arts", "allied", "kz_eu", "kz_kr")
TOKEN = "test-token-0123456789"


def extraction(name: str) -> ArticleExtraction:
    return ArticleExtraction.model_validate_json((API_DATA / f"{name}.json").read_text("utf-8"))


def build_store(folder: Path, names: Iterable[str] = ARTICLES) -> Path:
    """A store folder holding the hand-made articles, the ontology and the derived ties."""
    resolver = Resolver(load_reference())
    with open_store(folder, create=True) as store:
        for name in names:
            x = extraction(name)
            graph = map_extraction(x, resolver)
            meta = GraphMeta(
                article_id=x.id, content_hash=x.content_hash, extractor_version=x.extractor
            )
            store.replace_graph(graph.graph.value, graph.quads, meta)
        refresh_derived(store)
    return folder


def free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


class LiveServer:
    """The app under uvicorn on a free loopback port, in a thread."""

    def __init__(self, settings: Settings, *, in_memory: bool = False):
        self.settings = settings
        self.sock = free_socket()
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            create_app(settings, in_memory=in_memory),
            log_level="warning",
            lifespan="on",
            timeout_keep_alive=30,
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True
        )

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(30)
        self.sock.close()

    def client(self, **kwargs: object) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=30.0, **kwargs)  # type: ignore[arg-type]


class ServerProcess:
    """``cagraph serve`` in a child process on a free port."""

    def __init__(self, store: Path, **env: str):
        sock = free_socket()
        self.port = sock.getsockname()[1]
        sock.close()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, **env}
        self.args = [
            sys.executable, "-c", "from cagraph.cli.main import main; main()", "serve",
            "--store", str(store), "--host", "127.0.0.1", "--port", str(self.port),
        ]  # fmt: skip
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> ServerProcess:
        self.process = subprocess.Popen(
            self.args, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                err = self.process.stderr.read().decode() if self.process.stderr else ""
                raise RuntimeError(f"cagraph serve exited: {err}")
            try:
                if httpx.get(self.url + "/health", timeout=2).status_code == 200:
                    return self
            except httpx.TransportError:
                time.sleep(0.1)
        raise RuntimeError("cagraph serve did not answer in time")

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(10)


def settings_for(store: Path | str, **overrides: object) -> Settings:
    return Settings(store=str(store), **overrides)  # type: ignore[arg-type]


_SHARED: dict[str, LiveServer] = {}


def shared_server(factory: pytest.TempPathFactory) -> LiveServer:
    """A read-only service (no token) over the hand-made graph, started once per session and
    shared by the test modules that only read (its thread ends with the session)."""
    if "read-only" not in _SHARED:
        folder = build_store(factory.mktemp("api") / "store")
        _SHARED["read-only"] = LiveServer(settings_for(folder)).__enter__()
    return _SHARED["read-only"]


def problem(response: httpx.Response, status: int) -> dict[str, Any]:
    """The response's problem document, after checking it has the one error shape."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = json.loads(response.text)
    assert body["status"] == status
    assert body["type"].endswith("/" + body["code"])
    assert isinstance(body["title"], str) and isinstance(body["detail"], str)
    return body
