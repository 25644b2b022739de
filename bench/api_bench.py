"""Service benchmark: requests/s and latency of GET /ties/{a}/{b} and of competency question 2
over /sparql, beside a bare FastAPI endpoint, on a synthetic graph of >= 1M quads.

1. Generate deterministic synthetic extractions (Central Asian states and their partners,
   ministries and universities, officials, agreements that recur across articles, meetings and
   summits, ties with evidence), map them with ``map_extraction`` and bulk-load them into an
   on-disk store with their bookkeeping, the ontology and the derived ties graph. ``--store``
   keeps (and reuses) the folder.
2. Serve it with ``uvicorn`` (one process, uvloop/httptools, no access log) on 127.0.0.1: the
   real app from ``create_app`` plus two bare endpoints (sync ``/bare`` and async
   ``/bare-async``) going through the same middleware; once from the store on disk, once from an
   in-memory snapshot of it (``cagraph serve --in-memory``).
3. Drive it from a separate process with a small keep-alive HTTP/1.1 load generator (asyncio
   streams, ``--connections`` concurrent connections, ``--seconds`` per target after a warm-up),
   cycling through the tie pairs that have agreements: ``/ties`` as a client asks for a tie
   (its first page, which the service keeps once made) and with ``?offset=n`` (every request
   another page, made from the kept shape). Latency is reported both as the client sees it and
   server-side (the ``Server-Timing`` header the app sets).

    .venv/bin/python bench/api_bench.py                       # >= 1M quads, 10 s per target
    .venv/bin/python bench/api_bench.py --store var/bench-api --seconds 20 --connections 16
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing as mp
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

CENTRAL_ASIA = ("KZ", "KG", "TJ", "TM", "UZ")
PARTNERS = (
    "CN", "RU", "TR", "JP", "KR", "IN", "PK", "AF", "AZ", "GE", "IR", "DE",
    "FR", "IT", "GB", "US", "AE", "SA", "QA", "MN", "BY", "UA", "HU", "PL",
    "EU",
)  # fmt: skip
TOPICS = (
    "energy", "trade", "investment", "education",
    "culture", "transport", "security", "health",
    "agriculture", "water resources", "tourism", "digital technologies",
    "science", "mining",
)  # fmt: skip
BODIES = (
    "Ministry of Energy", "Ministry of Education", "Ministry of Foreign Affairs",
    "Ministry of Transport", "Chamber of Commerce", "National University",
    "Academy of Sciences", "State Railways", "Investment Agency",
)  # fmt: skip
AGREEMENT_KINDS = ("MOU", "Agreement", "Treaty", "Declaration", "Program")
EVENT_KINDS = ("Meeting", "Summit", "Forum")
SYLLABLES = ("ka", "ra", "mu", "to", "sa", "li", "na", "be", "ko", "da", "shi", "zo", "ul", "an")
CQ2 = "cq2_agreements_between"


# -- 1. the synthetic graph ----------------------------------------------------------------------


def _person(rng: random.Random) -> str:
    def word() -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).title()

    return f"{word()} {word()}{rng.choice(('ov', 'ev', 'uly', 'bek'))}"


def articles(seed: int) -> Iterator[Any]:
    """An endless deterministic stream of plausible ArticleExtraction records."""
    from cagraph.records import Agreement, ArticleExtraction, Entity, Event, Evidence, Role, Tie
    from cagraph.refdata import load_reference

    reference = load_reference()
    names = {c: reference.country(c).name for c in CENTRAL_ASIA + PARTNERS}
    rng = random.Random(seed)
    people = {c: [_person(rng) for _ in range(25)] for c in names}
    pacts = {}  # recurring agreements per pair: the same act reported again
    n = 0
    while True:
        n += 1
        aid = f"bench{n:06d}"
        home = rng.choice(CENTRAL_ASIA)
        others = rng.sample([c for c in names if c != home], rng.choice((1, 1, 1, 2, 3)))
        codes = [home, *others]
        year = rng.randint(2014, 2025)
        published = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        position = 0

        def evidence(sentence: str, component: str, aid: str = aid) -> Evidence:
            nonlocal position
            start, position = position, position + len(sentence) + 1
            return Evidence(
                article_id=aid,
                sentence=sentence,
                start=start,
                end=position - 1,
                component=component,
                confidence=round(rng.uniform(0.6, 1.0), 2),
            )

        entities = [Entity(type="Country", name=names[c], iso=c) for c in codes]
        bodies = {c: f"{rng.choice(BODIES)} of {names[c]}" for c in codes[:2]}
        officials = {c: rng.choice(people[c]) for c in codes[:2]}
        for c in codes[:2]:
            entities.append(Entity(type="Organization", name=bodies[c], country=c))
            sentence = f"{officials[c]}, a senior official of {names[c]}, attended the talks."
            entities.append(
                Entity(
                    type="Person",
                    name=officials[c],
                    country=c,
                    roles=[
                        Role(
                            title=rng.choice(("Minister", "Deputy Minister", "Rector")),
                            of=bodies[c],
                        )
                    ],
                    evidence=[evidence(sentence, "cagraph.persons.v1")],
                )
            )
        pair = (home, others[0])
        agreements = []
        for _ in range(rng.randint(1, 4)):
            if pacts.get(pair) and rng.random() < 0.25:
                agreements.append(pacts[pair])
                continue
            topic = rng.choice(TOPICS)
            kind = rng.choice(AGREEMENT_KINDS)
            title = f"{kind.lower()} on {topic} cooperation no. {rng.randint(1, 10_000)}"
            use_bodies = rng.random() < 0.5
            parties = [bodies[c] for c in pair] if use_bodies else [names[c] for c in pair]
            sentence = f"The sides signed the {title} in {year}."
            act = Agreement(
                kind=kind,
                name=title,
                parties=parties,
                countries=list(pair),
                date=published if rng.random() < 0.7 else None,
                topics=[topic, rng.choice(TOPICS)],
                signatories=list(officials.values()),
                evidence=evidence(sentence, "cagraph.agreements.v1"),
            )
            pacts[pair] = act.model_copy(update={"evidence": None})
            agreements.append(act)
        kind = rng.choice(EVENT_KINDS)
        event = Event(
            kind=kind,
            name=f"{kind.lower()} {aid}",
            date=published,
            countries=codes,
            participants=list(officials.values()),
            evidence=evidence(f"A {kind.lower()} was held on {published}.", "cagraph.events.v1"),
        )
        ties = [
            Tie(
                a=home,
                b=c,
                basis=["agreement:MOU"],
                evidence=[evidence(f"{names[home]} and {names[c]} agreed.", "cagraph.ties.v1")],
            )
            for c in others
        ]
        yield ArticleExtraction(
            id=aid,
            published=published,
            url=f"https://news.example.org/{aid}",
            title=f"{names[home]} and {names[others[0]]}: {agreements[0].name}",
            extractor="cagraph-bench 0",
            content_hash=f"{n:064x}",
            entities=entities,
            agreements=agreements,
            events=[event],
            ties=ties,
        )


def build(folder: Path, target_quads: int, seed: int) -> dict[str, Any]:
    """Bulk-load synthetic article graphs (with bookkeeping), the ontology and the ties."""
    import pyoxigraph as ox

    from cagraph.rdf.mapping import map_extraction
    from cagraph.rdf.mint import TIES_GRAPH
    from cagraph.rdf.ontology import ontology_quads
    from cagraph.rdf.ties import compute_ties
    from cagraph.refdata import load_reference
    from cagraph.resolve.resolver import Resolver
    from cagraph.store import META_GRAPH, GraphMeta
    from cagraph.store.sparql import meta_triples

    started = time.perf_counter()
    resolver = Resolver(load_reference())
    store = ox.Store(str(folder))
    meta = ox.NamedNode(META_GRAPH)
    count = n = 0
    batch: list[ox.Quad] = []
    for x in articles(seed):
        graph = map_extraction(x, resolver)
        entry = GraphMeta(article_id=x.id, content_hash=x.content_hash, extractor_version="bench")
        batch += graph.quads
        batch += [
            ox.Quad(t.subject, t.predicate, t.object, meta)
            for t in meta_triples(graph.graph, entry)
        ]
        count += len(graph.quads)
        n += 1
        if len(batch) > 50_000:
            store.bulk_extend(batch)
            batch = []
        if count >= target_quads:
            break
    store.bulk_extend(batch + ontology_quads())
    ties = compute_ties(store)
    store.bulk_extend(ties)
    store.flush()
    stats = {
        "articles": n,
        "article_quads": count,
        "store_quads": len(store),
        "ties_quads": sum(1 for _ in store.quads_for_pattern(None, None, None, TIES_GRAPH)),
        "build_s": round(time.perf_counter() - started, 1),
    }
    del store
    return stats


def tie_pairs(folder: Path) -> list[tuple[str, str, int]]:
    """(a, b, agreements) of every tie with agreements, heaviest first."""
    from cagraph.store import open_store

    query = """PREFIX cag: <https://w3id.org/cagraph/ontology#>
    SELECT ?a ?b ?n WHERE { GRAPH <https://w3id.org/cagraph/id/graph/ties> {
      ?t cag:between ?x, ?y ; cag:agreementCount ?n . ?x cag:isoCode ?a . ?y cag:isoCode ?b .
      FILTER (?a < ?b && ?n > 0) } } ORDER BY DESC(?n)"""
    with open_store(folder, read_only=True, row_cap=10**9) as store:
        return [(a.value, b.value, int(n.value)) for a, b, n in store.query(query).rows]  # type: ignore[union-attr]


# -- 2. the server -------------------------------------------------------------------------------


def bench_app() -> Any:
    """The service app plus bare endpoints, for ``uvicorn --factory bench.api_bench:bench_app``."""
    from api.app import create_app

    app = create_app(in_memory=os.environ.get("CAGRAPH_BENCH_IN_MEMORY") == "1")

    @app.get("/bare", include_in_schema=False)
    def bare() -> dict[str, bool]:
        return {"ok": True}

    @app.get("/bare-async", include_in_schema=False)
    async def bare_async() -> dict[str, bool]:
        return {"ok": True}

    return app


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve(folder: Path, port: int, in_memory: bool) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "CAGRAPH_STORE": str(folder),
        "CAGRAPH_BENCH_IN_MEMORY": "1" if in_memory else "0",
        "PYTHONPATH": str(Path.cwd()),
    }
    args = [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        "bench.api_bench:bench_app",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--no-access-log",
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(args, env=env)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("the server did not start")


# -- 3. the load generator -----------------------------------------------------------------------


def request_bytes(method: str, path: str, body: bytes = b"", headers: str = "") -> bytes:
    head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{headers}"
    if body:
        head += f"Content-Length: {len(body)}\r\n"
    return (head + "\r\n").encode() + body


async def _connection(
    port: int,
    requests: list[bytes],
    start: int,
    stop_at: float,
    out: list[tuple[float, float, int]],
) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    i = start
    while time.perf_counter() < stop_at:
        t0 = time.perf_counter()
        writer.write(requests[i % len(requests)])
        i += 1
        head = await reader.readuntil(b"\r\n\r\n")
        length, server_ms, status = 0, -1.0, int(head[9:12])
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            key = name.strip().lower()
            if key == b"content-length":
                length = int(value)
            elif key == b"server-timing":
                server_ms = float(value.split(b"dur=")[1])
        await reader.readexactly(length)
        out.append(((time.perf_counter() - t0) * 1000, server_ms, status))
    writer.close()


def _load(args: tuple[int, list[bytes], int, float, float]) -> list[tuple[float, float, int]]:
    port, requests, connections, warmup, seconds = args
    try:
        import uvloop

        uvloop.install()
    except ImportError:
        pass

    async def run() -> list[tuple[float, float, int]]:
        out: list[tuple[float, float, int]] = []
        await asyncio.gather(
            *(
                _connection(port, requests, i * 7, time.perf_counter() + warmup, [])
                for i in range(connections)
            )
        )
        stop_at = time.perf_counter() + seconds
        await asyncio.gather(
            *(_connection(port, requests, i * 7, stop_at, out) for i in range(connections))
        )
        return out

    return asyncio.run(run())


def measure(
    port: int, requests: list[bytes], connections: int, warmup: float, seconds: float
) -> dict[str, float]:
    with mp.get_context("spawn").Pool(1) as pool:
        samples = pool.apply(_load, ((port, requests, connections, warmup, seconds),))
    client = sorted(s[0] for s in samples)
    server = sorted(s[1] for s in samples if s[1] >= 0)
    errors = sum(1 for s in samples if s[2] >= 400)

    def pct(values: list[float], p: float) -> float:
        return values[min(len(values) - 1, int(len(values) * p))] if values else float("nan")

    return {
        "requests": len(samples),
        "errors": errors,
        "rps": len(samples) / seconds,
        "client_p50": statistics.median(client),
        "client_p99": pct(client, 0.99),
        "server_p50": statistics.median(server) if server else float("nan"),
        "server_p99": pct(server, 0.99),
    }


def prime(port: int, requests: list[bytes]) -> list[float]:
    """Send each request once, one at a time; the server-side milliseconds of each."""
    out = []
    with socket.create_connection(("127.0.0.1", port)) as sock:
        stream = sock.makefile("rb")
        for raw in requests:
            sock.sendall(raw)
            length, server_ms = 0, float("nan")
            while (line := stream.readline()) not in (b"\r\n", b""):
                name, _, value = line.partition(b":")
                if name.lower() == b"content-length":
                    length = int(value)
                elif name.lower() == b"server-timing":
                    server_ms = float(value.split(b"dur=")[1])
            stream.read(length)
            out.append(server_ms)
    return out


# -- the run -------------------------------------------------------------------------------------


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import pyoxigraph

    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{cpu}, {os.cpu_count()} logical cores, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, pyoxigraph {pyoxigraph.__version__}; "
        f"load average before the run: {load}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path, help="store folder to build (or reuse)")
    parser.add_argument("--quads", type=int, default=1_000_000, help="article quads to generate")
    parser.add_argument("--seed", type=int, default=20251124)
    parser.add_argument("--seconds", type=float, default=10.0, help="measured seconds per target")
    parser.add_argument("--warmup", type=float, default=3.0)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--pairs", type=int, default=30, help="tie pairs to cycle through")
    args = parser.parse_args()
    print(f"machine: {machine()}", flush=True)
    folder = args.store or Path(tempfile.mkdtemp(prefix="cagraph-api-bench-")) / "store"
    if (folder / "CURRENT").is_file():
        print(f"reusing the store in {folder}", flush=True)
    else:
        folder.parent.mkdir(parents=True, exist_ok=True)
        print(f"building ≥ {args.quads:,} article quads into {folder} …", flush=True)
        print(json.dumps(build(folder, args.quads, args.seed)), flush=True)
    pairs = tie_pairs(folder)[: args.pairs]
    sizes = [n for _, _, n in pairs]
    print(
        f"{len(pairs)} tie pairs, agreements per tie {min(sizes)}–{max(sizes)} "
        f"(median {statistics.median(sizes):g})",
        flush=True,
    )

    from cagraph.rdf import mint
    from cagraph.rdf.queries import load_query
    from cagraph.store.sparql import inject_values

    cq2 = load_query(CQ2).text
    sparql_requests = []
    for a, b, _ in pairs:
        body = inject_values(cq2, {"a": mint.country(a), "b": mint.country(b)}).encode()
        headers = (
            "Content-Type: application/sparql-query\r\nAccept: application/sparql-results+json\r\n"
        )
        sparql_requests.append(request_bytes("POST", "/sparql", body, headers))
    targets = {
        "GET /bare (sync def)": [request_bytes("GET", "/bare")],
        "GET /bare-async (async def)": [request_bytes("GET", "/bare-async")],
        "GET /ties/{a}/{b}": [
            request_bytes("GET", f"/ties/{quote(a)}/{quote(b)}") for a, b, _ in pairs
        ],
        # every request another page: the tie's shape is kept, its page is made anew
        "GET /ties/{a}/{b}?offset=n": [
            request_bytes("GET", f"/ties/{quote(a)}/{quote(b)}?offset={n}")
            for n in range(1, 101)
            for a, b, _ in pairs
        ],
        "POST /sparql cq2": sparql_requests,
    }
    for mode in ("disk", "memory"):
        port = free_port()
        print(
            f"\nserving the store {'as an in-memory snapshot' if mode == 'memory' else 'on disk'}",
            flush=True,
        )
        server = serve(folder, port, in_memory=mode == "memory")
        results = {}
        try:
            cold = prime(port, targets["GET /ties/{a}/{b}"])
            print(
                f"first request per tie (reads its shape): server p50 "
                f"{statistics.median(cold):.1f} ms, max {max(cold):.1f} ms",
                flush=True,
            )
            for name, requests in targets.items():
                print(f"measuring {name} …", flush=True)
                results[name] = measure(port, requests, args.connections, args.warmup, args.seconds)
        finally:
            server.terminate()
            server.wait(30)
        report(mode, results, args)


def report(mode: str, results: dict[str, dict[str, float]], args: argparse.Namespace) -> None:
    print(
        f"\nstore {mode}: {args.connections} connections, {args.seconds:g} s per target after "
        f"{args.warmup:g} s of warm-up\n"
    )
    print(
        "| target | requests/s | client p50 ms | client p99 ms | server p50 ms "
        "| server p99 ms | errors |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, r in results.items():
        print(
            f"| {name} | {r['rps']:,.0f} | {r['client_p50']:.2f} | {r['client_p99']:.2f} | "
            f"{r['server_p50']:.2f} | {r['server_p99']:.2f} | {r['errors']} |"
        )
    ties = results["GET /ties/{a}/{b}"]
    for name in ("GET /ties/{a}/{b}", "GET /ties/{a}/{b}?offset=n"):
        for bare in ("GET /bare (sync def)", "GET /bare-async (async def)"):
            share = results[name]["rps"] / results[bare]["rps"]
            print(f"{name}: {share:.0%} of {bare}'s requests/s")
    print(f"/ties server-side p50 {ties['server_p50']:.2f} ms (target ≤ 5 ms; ≥ 50% of bare)")


if __name__ == "__main__":
    main()
