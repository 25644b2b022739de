"""The embedded store: opening folders, read-only mode, crash safety, load throughput."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from test_store_support import G1, G2, STORE_DATA, meta, triples

from cagraph.errors import CagraphError, StoreError
from cagraph.store import EmbeddedStore, Store, open_store


def canonical(store: Store) -> list[str]:
    return sorted(store.dump("nquads").decode().splitlines())


def test_folder_holding_other_files_is_refused_and_left_untouched(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "todo.txt").write_text("keep me")
    with pytest.raises(StoreError, match="not a cagraph store") as caught:
        open_store(folder)
    assert str(folder) in str(caught.value)
    assert sorted(p.name for p in folder.iterdir()) == ["todo.txt"]
    assert (folder / "todo.txt").read_text() == "keep me"


def test_a_file_is_not_a_store(tmp_path: Path) -> None:
    path = tmp_path / "graph.ttl"
    path.write_text("")
    for read_only in (False, True):
        with pytest.raises(StoreError, match="is a file") as caught:
            open_store(path, read_only=read_only)
        assert str(path) in str(caught.value)


def test_read_only_or_no_create_never_makes_a_store(tmp_path: Path) -> None:
    missing = tmp_path / "missing"
    with pytest.raises(StoreError, match="no store here"):
        open_store(missing, read_only=True)
    with pytest.raises(StoreError, match="no store here"):
        open_store(missing, create=False)
    assert not missing.exists()


def test_an_empty_folder_becomes_a_store(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    with open_store(folder) as store:
        store.replace_graph(G1, triples("a", 2), meta("article-1"))
    with open_store(folder, read_only=True) as store:
        assert store.count(G1) == 2


def test_content_survives_close_and_reopen(tmp_path: Path) -> None:
    with open_store(tmp_path / "s") as store:
        store.replace_graph(G1, triples("a", 5), meta("article-1", "h"))
        before = canonical(store)
    with open_store(tmp_path / "s") as store:
        assert canonical(store) == before
        assert store.article_hashes() == {"article-1": "h"}


def test_a_second_writer_gets_a_store_error_with_a_hint(tmp_path: Path) -> None:
    with open_store(tmp_path / "s") as first:
        first.replace_graph(G1, triples("a", 1), meta("article-1"))
        with pytest.raises(StoreError, match="another process"):
            open_store(tmp_path / "s")
        assert first.count(G1) == 1


def test_close_releases_the_folder_even_while_errors_are_kept(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s", row_cap=1)
    store.replace_graph(G1, triples("a", 3), meta("article-1"))
    kept: list[BaseException] = []
    for fail in (
        lambda: store.load(STORE_DATA / "bad" / "bad.ttl", graph=G2),
        lambda: store.query("SELECT * { ?s ?p ?o }"),
        lambda: store.query("SELEC"),
        lambda: store.update("DROP ALLL"),
    ):
        with pytest.raises(CagraphError) as caught:
            fail()
        kept.append(caught.value)
    store.close()
    with open_store(tmp_path / "s") as again:  # fails if a traceback still holds the handle
        assert again.count(G1) == 3
    assert len(kept) == 4


def test_memory_store_needs_no_folder() -> None:
    with open_store(":memory:") as store:
        assert isinstance(store, EmbeddedStore)
        store.replace_graph(G1, triples("a", 2), meta("article-1"))
        assert store.count(G1) == 2


def test_a_closed_store_raises_store_error(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s")
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.count()


def test_unsupported_address_scheme_is_refused() -> None:
    with pytest.raises(StoreError, match="unsupported store address"):
        open_store("ftp://example.org/store")


# -- crash safety ----------------------------------------------------------------------------

WRITER = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {tests!r})
    from test_store_support import G1, meta, triples
    from cagraph.store import open_store

    store = open_store({path!r})
    replacement = triples("new", {n})
    print("writing", flush=True)
    store.replace_graph(G1, replacement, meta("article-1", "new-hash"))
    print("done", flush=True)
    """
)


def kill_during_replace(path: Path, n: int, delay: float) -> bool:
    """Run a large replace_graph in a child process and SIGKILL it; True if it had finished."""
    code = WRITER.format(tests=str(Path(__file__).parent), path=str(path), n=n)
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "writing"
    time.sleep(delay)
    os.kill(child.pid, signal.SIGKILL)
    out, _ = child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL
    return "done" in out


def outside_article_1(lines: list[str]) -> list[str]:
    """Quads neither in article-1's graph nor about it in the bookkeeping graph."""
    return [q for q in lines if not q.endswith(f"<{G1}> .") and not q.startswith(f"<{G1}> ")]


def crash_check(tmp_path: Path, delays: list[float], n: int) -> None:
    """Kill replace_graph at each delay: the store is entirely old or entirely new, never mixed."""
    path = tmp_path / "store"
    with open_store(path) as store:
        store.replace_graph(G1, triples("old", 1000), meta("article-1", "old-hash"))
        store.replace_graph(G2, triples("other", 10), meta("article-2"))
        before = canonical(store)
    interrupted = 0
    for delay in delays:
        finished = kill_during_replace(path, n, delay)
        with open_store(path, read_only=True) as store:
            after = canonical(store)
            hashes = store.article_hashes()
            new_count = store.count(G1)
        if after == before:
            assert not finished
            interrupted += 1
            continue
        # the kill came after the commit: all of the new content, and nothing else changed
        assert hashes == {"article-1": "new-hash", "article-2": "sha-1"}
        assert new_count == n
        assert outside_article_1(after) == outside_article_1(before)
        break
    if not interrupted:
        pytest.skip("every write committed before it could be killed (machine too fast)")


def test_sigkill_during_replace_graph_leaves_the_store_as_before(tmp_path: Path) -> None:
    crash_check(tmp_path, delays=[0.8], n=100_000)


@pytest.mark.slow
def test_sigkill_at_many_points_of_a_replace_never_leaves_half_a_write(tmp_path: Path) -> None:
    crash_check(tmp_path, delays=[0.1, 0.3, 0.6, 1, 1.5, 2, 3, 4, 5, 6, 8, 12], n=200_000)


BATCH_WRITER = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {tests!r})
    from test_store_support import EX, meta, triples
    from cagraph.store import NewGraph, open_store

    store = open_store({path!r})
    batch = [
        NewGraph(EX + "graph/a", triples("a", 10), meta("a", "ha")),
        NewGraph(EX + "graph/b", triples("b", {n}), meta("b", "hb")),
        NewGraph(EX + "graph/c", triples("c", 10), meta("c", "hc")),
    ]
    print("writing", flush=True)
    store.write_new_graphs(batch)
    print("done", flush=True)
    """
)


def test_sigkill_during_a_batch_of_new_graphs_leaves_all_of_it_or_none(tmp_path: Path) -> None:
    path = tmp_path / "store"
    n = 200_000
    with open_store(path) as store:
        store.replace_graph(G1, triples("old", 10), meta("article-1"))
        before = canonical(store)
    code = BATCH_WRITER.format(tests=str(Path(__file__).parent), path=str(path), n=n)
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "writing"
    time.sleep(0.5)
    os.kill(child.pid, signal.SIGKILL)
    out, _ = child.communicate(timeout=30)
    with open_store(path, read_only=True) as store:
        after = canonical(store)
        hashes = store.article_hashes()
        sizes = [store.count(f"http://example.org/graph/{g}") for g in "abc"]
    if after == before:
        assert "done" not in out
        return
    assert hashes == {"article-1": "sha-1", "a": "ha", "b": "hb", "c": "hc"}
    assert sizes == [10, n, 10]
    if "done" not in out:
        pytest.skip("the batch committed before it could be killed (machine too fast)")


# -- throughput ------------------------------------------------------------------------------


@pytest.mark.slow
def test_load_throughput_of_200k_ntriples(tmp_path: Path) -> None:
    path = tmp_path / "big.nt"
    with path.open("w") as out:
        for i in range(200_000):
            out.write(
                f'<http://example.org/s{i // 10}> <http://example.org/p{i % 10}> "value {i}" .\n'
            )
    with open_store(tmp_path / "store") as store:
        started = time.perf_counter()
        loaded = store.load(path, graph=G1)
        seconds = time.perf_counter() - started
        assert loaded == store.count(G1) == 200_000
    print(f"\nloaded 200000 triples in {seconds:.2f} s: {loaded / seconds:,.0f} triples/s")
