"""Build benchmark: the write path of ``build_graph`` on synthetic articles, on disk.

Generates deterministic synthetic extractions (``graph_bench.synthetic_articles``, ~157 quads per
article) and feeds them through the build's own writer (``cagraph.build.pipeline.ArticleWriter``:
``map_extraction`` with one shared Resolver, then the store writes with each article's
bookkeeping entry) into an on-disk ``EmbeddedStore``, then rewrites the derived graphs
(``refresh_derived``: ontology and ties) as a build does. Each mode runs in a fresh process so
its peak RSS (``resource.getrusage``) is its own:

- ``map``: mapping alone, nothing written;
- ``per-article``: one transaction per new article (the build before batching);
- ``batched``: new articles in batches (``BATCH_ARTICLES`` articles / ``BATCH_QUADS`` quads),
  each one transaction (``cagraph build --no-bulk``);
- ``bulk``: the same batches bulk-loaded into a staging folder beside the empty store and swapped
  in at the end (``cagraph.store.bulk``, what ``cagraph build`` does for a first build).

Extraction (the NLP) is not part of it: the articles arrive already extracted.

    .venv/bin/python bench/build_bench.py                    # 10,000 articles (~1.57M quads)
    .venv/bin/python bench/build_bench.py --articles 2000 --modes batched
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))

from graph_bench import reference, synthetic_articles

from cagraph.build.derived import refresh_derived
from cagraph.build.pipeline import BATCH_ARTICLES, BATCH_QUADS, ArticleWriter
from cagraph.build.plan import Planner
from cagraph.build.report import BuildReport
from cagraph.rdf.mapping import map_extraction
from cagraph.records import Article, ArticleExtraction
from cagraph.resolve.resolver import Resolver
from cagraph.store import EmbeddedStore
from cagraph.store.bulk import staged_first_build

MODES = ("map", "per-article", "batched", "bulk")
VERSION = "cagraph-bench 0"


def extractions(n: int) -> list[ArticleExtraction]:
    it = synthetic_articles()
    return [next(it) for _ in range(n)]


def as_articles(xs: list[ArticleExtraction]) -> Iterator[Article]:
    """The articles the extractions stand for (id and content hash are what the planner reads)."""
    for x in xs:
        digest = hashlib.sha256(x.id.encode()).hexdigest()
        yield Article(id=x.id, text="", content_hash=digest, source_path=x.id)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def run_mode(mode: str, articles: int) -> dict[str, float | int | str]:
    """One mode, in this process; what it measured."""
    xs = extractions(articles)
    # a build streams its extractions; holding all of them here would make every full
    # collection of the garbage collector walk them, a cost a build does not have
    gc.freeze()
    rss_input = peak_rss_mb()
    out: dict[str, float | int | str] = {"mode": mode, "articles": articles}
    if mode == "map":
        resolver = Resolver(reference())
        quads = 0
        t = time.perf_counter()
        for x in xs:
            quads += len(map_extraction(x, resolver).quads)
        out |= {"quads": quads, "seconds": time.perf_counter() - t}
    else:
        with tempfile.TemporaryDirectory() as folder:
            store = EmbeddedStore(Path(folder) / "store")
            report = BuildReport(store=store.spec, version=VERSION)
            planner = Planner({}, VERSION)
            size = 1 if mode == "per-article" else BATCH_ARTICLES
            t = time.perf_counter()
            with staged_first_build(store, enabled=mode == "bulk") as target:
                writer = ArticleWriter(
                    target, report, planner, Resolver(reference()), batch_articles=size
                )
                for x, _ in zip(xs, planner.select(as_articles(xs)), strict=True):
                    writer.write(x)
                writer.flush()
            write_s = time.perf_counter() - t
            rss_written = peak_rss_mb()
            t = time.perf_counter()
            derived = refresh_derived(store)
            derived_s = time.perf_counter() - t
            out |= {
                "quads": report.article_triples,
                "seconds": write_s,
                "derived_quads": sum(derived.values()),
                "derived_seconds": derived_s,
                "store_quads": store.count(),
                "written": len(report.added),
                "rss_after_writes_mb": rss_written,
                "total_seconds": write_s + derived_s,
            }
            store.close()
    out |= {"peak_rss_mb": peak_rss_mb(), "rss_after_input_mb": rss_input}
    return out


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    return (
        f"{cpu}, {os.cpu_count()} logical CPUs, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, pyoxigraph {ox.__version__}{load}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000, help="synthetic articles")
    parser.add_argument("--modes", nargs="+", choices=MODES, default=list(MODES))
    parser.add_argument("--child", choices=MODES, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(run_mode(args.child, args.articles)))
        return 0

    print(f"machine: {machine()}")
    print(f"batches: up to {BATCH_ARTICLES} articles / {BATCH_QUADS:,} quads per transaction")
    for mode in args.modes:
        cmd = [sys.executable, __file__, "--articles", str(args.articles), "--child", mode]
        done = subprocess.run(cmd, check=True, capture_output=True, text=True)
        r = json.loads(done.stdout.strip().splitlines()[-1])
        seconds, quads = float(r["seconds"]), int(r["quads"])
        line = (
            f"{mode:<12} {r['articles']:>6} articles, {quads:,} quads in {seconds:.1f} s: "
            f"{r['articles'] / seconds:,.0f} articles/s, {quads / seconds:,.0f} quads/s"
        )
        if mode != "map":
            total = float(r["total_seconds"])
            line += (
                f"; derived graphs {r['derived_quads']:,} quads in "
                f"{float(r['derived_seconds']):.1f} s; store {r['store_quads']:,} quads; "
                f"whole build {r['articles'] / total:,.0f} articles/s, "
                f"{(quads + int(r['derived_quads'])) / total:,.0f} quads/s"
            )
        line += (
            f"; peak RSS {float(r['peak_rss_mb']):,.0f} MB "
            f"(input extractions held: {float(r['rss_after_input_mb']):,.0f} MB"
        )
        if mode != "map":
            line += f", after the writes: {float(r['rss_after_writes_mb']):,.0f} MB"
        line += ")"
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
