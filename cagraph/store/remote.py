"""A store behind a SPARQL 1.1 server: Protocol (query), Update, Graph Store HTTP Protocol.

Defaults fit `oxigraph serve` (/query, /update, /store, `union-default-graph` flag). Every write is
one HTTP request, which Oxigraph and Fuseki apply as one transaction.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping
from typing import Any

import httpx
from pyoxigraph import NamedNode, Quad, QueryResultsFormat, RdfFormat, parse, parse_query_results
from pyoxigraph import serialize as ox_serialize

from cagraph.errors import InputError, QueryError, StoreError
from cagraph.store.base import Store
from cagraph.store.formats import rdf_format
from cagraph.store.limits import Guard, QueryLimits, run_limited, time_limit_error
from cagraph.store.results import QueryResult, collect
from cagraph.store.sparql import Term, inject_values, iri

ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"
HINT_UNREACHABLE = "is the SPARQL server running? check --store / CAGRAPH_STORE"


class _ChunkReader(io.RawIOBase):
    """A readable file over an HTTP body streamed in chunks (pyoxigraph parses from it)."""

    def __init__(self, chunks: Iterator[bytes]):
        self._chunks = chunks
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._pending = chunk
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


class RemoteStore(Store):
    """A SPARQL server reached with httpx."""

    def __init__(
        self,
        url: str,
        *,
        read_only: bool = False,
        timeout_s: float = 10.0,
        row_cap: int = 100_000,
        query_path: str = "/query",
        update_path: str = "/update",
        store_path: str = "/store",
        union_param: str | None = "union-default-graph",
        transfer_timeout_s: float = 300.0,
        check: bool = True,
    ):
        super().__init__(url, read_only=read_only, timeout_s=timeout_s, row_cap=row_cap)
        base = url.rstrip("/")
        self.query_url = base + query_path
        self.update_url = base + update_path
        self.store_url = base + store_path
        self.union_param = union_param
        self.transfer_timeout_s = transfer_timeout_s
        self._client: httpx.Client | None = httpx.Client(timeout=timeout_s)
        if check:
            self._internal("ASK { }")

    def _http(self) -> httpx.Client:
        if self._client is None:
            raise StoreError("store is closed", source=self.spec)
        return self._client

    def _unreachable(self, url: str, exc: httpx.HTTPError) -> StoreError:
        message = f"cannot reach the SPARQL server: {exc}"
        return StoreError(message, source=url, hint=HINT_UNREACHABLE)

    def _check(self, response: httpx.Response, *, user: bool) -> None:
        """Map an HTTP error status to the error hierarchy (the body must be read)."""
        if response.is_success:
            return
        status, body, url = response.status_code, response.text.strip()[:2000], str(response.url)
        if status == 400 and user:
            raise QueryError(f"the server rejected the SPARQL: {body}")
        if status == 404:
            raise StoreError(
                f"endpoint not found (404): {body}", source=url, hint="check the endpoint paths"
            )
        raise StoreError(f"the server answered {status}: {body}", source=url)

    def _send(self, method: str, url: str, *, user: bool, **kwargs: Any) -> httpx.Response:
        """One request for a write or a dump (these get the long transfer timeout)."""
        try:
            response = self._http().request(method, url, timeout=self.transfer_timeout_s, **kwargs)
        except httpx.TimeoutException as exc:
            message = f"no answer within {self.transfer_timeout_s:g} s; a write may still apply"
            raise StoreError(message, source=url) from exc
        except httpx.HTTPError as exc:
            raise self._unreachable(url, exc) from exc
        self._check(response, user=user)
        return response

    # -- engine ------------------------------------------------------------------------------

    def _run(
        self,
        sparql: str,
        bindings: Mapping[str, Term],
        *,
        describe: bool,
        limits: QueryLimits,
        union: bool,
    ) -> QueryResult:
        client = self._http()
        params = {self.union_param: ""} if union and self.union_param else {}
        body = {"query": inject_values(sparql, bindings)}
        url = self.query_url

        def work(guard: Guard) -> QueryResult:
            try:
                with client.stream(
                    "POST",
                    url,
                    params=params,
                    data=body,
                    headers={"Accept": ACCEPT},
                    timeout=limits.timeout_s,
                ) as response:
                    if not response.is_success:
                        response.read()
                        self._check(response, user=True)
                    guard()
                    return self._parse(response, describe=describe, guard=guard)
            except httpx.TimeoutException as exc:
                raise time_limit_error(limits.timeout_s) from exc
            except httpx.HTTPError as exc:
                raise self._unreachable(url, exc) from exc

        return run_limited(work, limits)

    def _parse(self, response: httpx.Response, *, describe: bool, guard: Guard) -> QueryResult:
        media = response.headers.get("content-type", "").split(";")[0].strip()
        reader = io.BufferedReader(_ChunkReader(response.iter_bytes()))
        try:
            results_fmt = QueryResultsFormat.from_media_type(media)
            if results_fmt is not None:
                parsed = parse_query_results(reader, results_fmt)
                return collect(parsed, describe=describe, guard=guard)
            rdf_fmt = RdfFormat.from_media_type(media)
            if rdf_fmt is not None:
                return collect(parse(reader, rdf_fmt), describe=describe, guard=guard)
        except SyntaxError as exc:
            raise StoreError(f"unreadable answer from the server: {exc}", source=self.spec) from exc
        raise StoreError(f"unexpected answer type {media!r}", source=str(response.url))

    def _update(self, sparql: str, *, user: bool) -> None:
        self._send("POST", self.update_url, user=user, data={"update": sparql})

    def _insert(self, quads: list[Quad]) -> None:
        body = ox_serialize(quads, format=RdfFormat.N_QUADS) or b""
        headers = {"Content-Type": RdfFormat.N_QUADS.media_type}
        self._send("POST", self.store_url, user=False, content=body, headers=headers)

    def dump(self, fmt: str = "nquads", graph: str | None = None) -> bytes:
        rdf_fmt = rdf_format(fmt)
        headers = {"Accept": rdf_fmt.media_type}
        if graph is None:
            if not rdf_fmt.supports_datasets:
                raise InputError(
                    f"{rdf_fmt.name} holds one graph; name the graph or use nquads/trig"
                )
            return self._send("GET", self.store_url, user=False, headers=headers).content
        node: NamedNode = iri(graph)
        if graph not in self.graphs(include_meta=True):
            return b""
        params = {"graph": node.value}
        return self._send("GET", self.store_url, user=False, headers=headers, params=params).content

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
        self._client = None
