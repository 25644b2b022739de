"""Export benchmark: time and file size of every export format, for both graphs, on a store of
at least 1M quads.

The store is generated with the graph benchmark's synthetic articles (``bench/graph_bench.py``:
deterministic extractions mapped to one named graph per article, the ontology graph and the
derived ties graph) in a temporary folder, then opened as cagraph's embedded store, read-only.
Every export runs end to end as ``cagraph export`` does it (a fresh read of the store,
projection with metrics, write), once per format. A second table splits one pass into reading,
projecting and writing; a third times what the service does once it has read the store
(``GET /export/…`` keeps its reader while the store is unchanged: projection and writing only).

    .venv/bin/python bench/export_bench.py                  # >= 1M quads
    .venv/bin/python bench/export_bench.py --quads 200000   # quicker
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

import pyoxigraph as ox
from graph_bench import build

from cagraph.graph.export import NETWORK_WRITERS, export_graph
from cagraph.graph.formats import FORMATS
from cagraph.graph.projections import project
from cagraph.graph.source import StoreReader, shared_reader
from cagraph.store import open_store


def machine() -> list[str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    load = ", load average before the run {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    return [
        f"Machine: {cpu}, {os.cpu_count()} logical cores{memory}{load}",
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}, "
        f"pyoxigraph {version('pyoxigraph')}, networkx {version('networkx')}, "
        f"lxml {version('lxml')}",
    ]


def size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n / 1000:.1f} kB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quads", type=int, default=1_000_000, help="article quads to build")
    args = parser.parse_args(argv)
    for line in machine():
        print(line)
    with tempfile.TemporaryDirectory() as folder:
        raw = ox.Store(folder)
        started = time.perf_counter()
        built = build(raw, args.quads)
        print(
            f"generated: {built.articles:,} synthetic articles, {len(raw):,} quads in "
            f"{time.perf_counter() - started:.0f} s"
        )
        del raw  # release the folder for cagraph's store
        out_dir = Path(folder) / "exports"
        out_dir.mkdir()
        with open_store(folder, read_only=True, timeout_s=3600) as store:
            print(f"store: {store.count():,} quads in {len(store.graphs()):,} named graphs\n")
            print("| graph | format | nodes | edges | seconds | file size |")
            print("|---|---|---:|---:|---:|---:|")
            for graph in ("ties", "full"):
                for fmt in FORMATS:
                    path = out_dir / f"{graph}.{fmt.ext}"
                    with path.open("wb") as out:
                        result = export_graph(store, graph, fmt, out)
                    nodes = "" if result.nodes is None else f"{result.nodes:,}"
                    edges = "" if result.edges is None else f"{result.edges:,}"
                    print(
                        f"| {graph} | {fmt.ext} | {nodes} | {edges} | {result.seconds:.2f} "
                        f"| {size(path.stat().st_size)} |",
                        flush=True,
                    )
            print("\nOne pass split into its steps (network formats):\n")
            print("| graph | read the store | project + metrics | write (all 7 formats) |")
            print("|---|---:|---:|---:|")
            for graph in ("ties", "full"):
                reader = StoreReader(store)
                t0 = time.perf_counter()
                parts = ("articles", "acts", "act_links", "act_topics", "agents")
                for part in (*parts, "ties" if graph == "ties" else "memberships"):
                    getattr(reader, part)
                t1 = time.perf_counter()
                projection = project(reader, graph)
                t2 = time.perf_counter()
                for writer in NETWORK_WRITERS.values():
                    writer(projection, io.BytesIO())
                t3 = time.perf_counter()
                print(f"| {graph} | {t1 - t0:.2f} s | {t2 - t1:.2f} s | {t3 - t2:.2f} s |")
            print("\nThe service after its first request (reader kept, store unchanged):\n")
            print("| graph | format | seconds |")
            print("|---|---|---:|")
            warm = shared_reader(store)
            for graph in ("ties", "full"):
                export_graph(warm, graph, "cyjs", io.BytesIO())  # the first request reads
                for ext in ("gexf", "cyjs", "ttl"):
                    result = export_graph(warm, graph, ext, io.BytesIO())
                    print(f"| {graph} | {ext} | {result.seconds:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
