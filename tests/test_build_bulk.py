"""First builds into an empty store folder: bulk-loaded beside the store, then swapped in whole
(cagraph.store.bulk). Same content as the article-by-article path; a kill or a failed load leaves
the store empty; later builds are incremental as before."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from test_build_support import V1, V2, fresh_lines, inputs, lines

from cagraph.build import build_graph
from cagraph.errors import StoreError
from cagraph.nlp import Extractor
from cagraph.store import open_store
from cagraph.store.bulk import bulk_eligible, staging_folder

IDS = ["kg_tj_water", "kz_uz_energy", "kz_uz_forum"]


def no_bulk_lines(folder: Path, source: Path, extractor: Extractor) -> object:
    with open_store(folder) as store:
        report = build_graph([source], store, extractor=extractor, bulk=False)
        assert not report.bulk
        return lines(store)


def test_first_build_is_bulk_loaded_and_stores_what_the_article_by_article_path_stores(
    tmp_path: Path, extractor: Extractor
) -> None:
    folder = inputs(tmp_path / "in")
    store_dir = tmp_path / "store"
    with open_store(store_dir) as store:
        report = build_graph([folder], store, extractor=extractor)
        assert report.bulk
        assert sorted(report.added) == IDS
        assert sorted(store.article_hashes()) == IDS
        bulk = lines(store)
    assert bulk == no_bulk_lines(tmp_path / "plain", folder, extractor)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "plain", "store"]  # no leftovers


def test_build_into_a_store_that_holds_something_is_not_bulk_loaded(
    tmp_path: Path, extractor: Extractor
) -> None:
    folder = inputs(tmp_path / "in")
    with open_store(tmp_path / "store") as store:
        build_graph([folder], store, extractor=extractor)
        shutil.copy(V2 / "kg_tj_water.txt", folder / "kg_tj_water.txt")
        report = build_graph([folder], store, extractor=extractor)
        assert not report.bulk
        assert report.updated == ["kg_tj_water"]
        assert lines(store) == fresh_lines(tmp_path / "fresh", folder, extractor)


def test_only_an_empty_writable_store_folder_is_bulk_loaded(tmp_path: Path) -> None:
    with open_store(":memory:") as memory:
        assert not bulk_eligible(memory)
    with open_store(tmp_path / "store") as store:
        assert bulk_eligible(store)
        store.update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
        assert not bulk_eligible(store)
    open_store(tmp_path / "empty").close()
    with open_store(tmp_path / "empty", read_only=True) as read_only:
        assert not bulk_eligible(read_only)


def test_an_article_id_given_twice_in_a_bulk_build_keeps_the_later_one(
    tmp_path: Path, extractor: Extractor
) -> None:
    source = tmp_path / "in"
    source.mkdir()
    texts = [(V1 / f"{name}.txt").read_text(encoding="utf-8") for name in IDS]
    rows = [{"id": "same", "text": texts[0]}, {"id": "other", "text": texts[1]}]
    rows.append({"id": "same", "text": texts[2]})
    (source / "articles.jsonl").write_text(
        "\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8"
    )
    with open_store(tmp_path / "store") as store:
        report = build_graph([source], store, extractor=extractor)
        assert report.bulk
        bulk = lines(store)
    assert bulk == no_bulk_lines(tmp_path / "plain", source, extractor)


def test_a_failed_bulk_load_leaves_the_store_empty_and_no_staging_folder(
    tmp_path: Path, extractor: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cagraph.store.bulk as bulk

    # what the loader is given no longer parses: the real loader fails on it
    monkeypatch.setattr(bulk.ox, "serialize", lambda quads, format: b"<urn:a> not N-Quads\n")
    folder = inputs(tmp_path / "in")
    store_dir = tmp_path / "store"
    with open_store(store_dir) as store:
        with pytest.raises(StoreError, match="bulk load failed") as caught:
            build_graph([folder], store, extractor=extractor)
        assert "--no-bulk" in str(caught.value.hint)
        assert store.count() == 0
    assert not staging_folder(store_dir).exists()
    monkeypatch.undo()
    with open_store(store_dir) as store:
        report = build_graph([folder], store, extractor=extractor)
        assert sorted(report.added) == IDS


KILLED_CHILD = textwrap.dedent(
    """
    import time
    from cagraph.build import build_graph
    from cagraph.store import open_store
    from cagraph.store.bulk import StagedStore

    write_new = StagedStore.write_new_graphs

    def slow_write_new(self, batch):
        write_new(self, batch)
        self.drain()
        print("loaded", *[item.meta.article_id for item in batch], flush=True)
        time.sleep(60)  # killed here, after the load, before the swap

    StagedStore.write_new_graphs = slow_write_new
    build_graph([{inputs!r}], open_store({store!r}))
    print("done", flush=True)
    """
)


def test_bulk_build_killed_before_the_swap_leaves_the_store_empty_and_the_next_build_starts_over(
    tmp_path: Path, extractor: Extractor
) -> None:
    folder = inputs(tmp_path / "in")
    store_dir = tmp_path / "store"
    code = KILLED_CHILD.format(store=str(store_dir), inputs=str(folder))
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    assert child.stdout.readline().split() == ["loaded", *IDS]
    time.sleep(0.2)
    os.kill(child.pid, signal.SIGKILL)
    child.communicate(timeout=60)
    assert child.returncode == -signal.SIGKILL
    assert staging_folder(store_dir).is_dir()  # the loaded articles, never moved in
    with open_store(store_dir) as store:
        assert store.count() == 0
        report = build_graph([folder], store, extractor=extractor)
        assert report.bulk and sorted(report.added) == IDS
        assert lines(store) == no_bulk_lines(tmp_path / "plain", folder, extractor)
    assert not staging_folder(store_dir).exists()


def test_cli_build_no_bulk_writes_into_the_store_itself(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from cagraph.cli.main import app

    folder = inputs(tmp_path / "in")
    runner = CliRunner()
    for flag, expected in (("--no-bulk", False), ("--bulk", True)):
        store_dir = tmp_path / f"store{flag}"
        result = runner.invoke(
            app, ["build", str(folder), "--store", str(store_dir), flag, "--quiet", "--json"]
        )
        assert result.exit_code == 0, result.output
        assert json.loads(result.output)["bulk"] is expected
