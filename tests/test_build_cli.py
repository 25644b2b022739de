"""`cagraph build` through the real command-line app (in process, and as a child process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from test_build_support import inputs
from typer.testing import CliRunner

from cagraph.cli.main import app
from cagraph.store import open_store

CAGRAPH = [sys.executable, "-c", "from cagraph.cli.main import main; main()"]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def child(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`cagraph ARGS` in a child process, with no CAGRAPH_* settings but those in `env`."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CAGRAPH_")}
    return subprocess.run(
        [*CAGRAPH, *args], capture_output=True, text=True, env={**clean, **(env or {})}
    )


def test_build_prints_a_summary_and_exits_0(tmp_path: Path) -> None:
    folder = inputs(tmp_path / "in")
    store = str(tmp_path / "store")
    code, out, _ = run("build", str(folder), "--store", store, "--quiet")
    assert code == 0
    assert "3 articles read: 3 added, 0 updated, 0 unchanged, 0 removed" in out
    assert f"Store: {store}" in out
    code, out, _ = run("build", str(folder), "--store", store, "--quiet")
    assert code == 0 and "3 unchanged" in out and "Triples: 0 written" in out
    with open_store(store, read_only=True) as built:
        assert built.stats().articles == 3


def test_progress_bar_goes_to_stderr_and_quiet_silences_it(tmp_path: Path) -> None:
    folder = inputs(tmp_path / "in")
    args = ("build", str(folder), "--store", str(tmp_path / "store"))
    shown = child(*args)
    assert shown.returncode == 0, shown.stderr
    assert "build:" in shown.stderr and "articles" in shown.stderr
    assert "build:" not in shown.stdout and "3 added" in shown.stdout
    quiet = child(*args, "--quiet")
    assert quiet.returncode == 0
    assert quiet.stderr == "" and "3 unchanged" in quiet.stdout


def test_nothing_readable_exits_1_with_the_reasons(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    missing = str(tmp_path / "nowhere")
    code, out, _ = run("build", str(folder), missing, "--store", str(tmp_path / "s"), "-q")
    assert code == 1
    assert "empty.txt: file is empty" in out
    assert "nowhere: no such file or folder" in out


def test_prune_and_the_json_report(tmp_path: Path) -> None:
    folder = inputs(tmp_path / "in")
    store = str(tmp_path / "store")
    run("build", str(folder), "--store", store, "-q")
    (folder / "kz_uz_forum.txt").unlink()
    code, out, _ = run("build", str(folder), "--store", store, "-q", "--prune", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["removed"] == ["kz_uz_forum"] and data["unchanged"] == 2
    assert data["triples_written"] > 0  # the ties graph, rewritten


def test_default_store_comes_from_the_settings_and_its_folder_is_made(tmp_path: Path) -> None:
    folder = inputs(tmp_path / "in")
    store = tmp_path / "var" / "store"  # var/ does not exist yet
    done = child("build", str(folder), "-q", env={"CAGRAPH_STORE": str(store)})
    assert done.returncode == 0, done.stderr
    with open_store(store, read_only=True) as built:
        assert built.stats().articles == 3


def test_store_error_exits_2_and_says_what_to_do(tmp_path: Path) -> None:
    folder = inputs(tmp_path / "in")
    not_a_store = tmp_path / "file.txt"
    not_a_store.write_text("x")
    done = child("build", str(folder), "--store", str(not_a_store), "-q")
    assert done.returncode == 2
    assert "error:" in done.stderr and "--store" in done.stderr


def test_workers_below_one_are_refused_by_the_command_line(tmp_path: Path) -> None:
    code, _, err = run("build", str(tmp_path), "--workers", "0")
    assert code == 2 and "--workers" in err


def test_help_lists_every_option() -> None:
    code, out, _ = run("build", "--help")
    assert code == 0
    for option in ("--store", "--prune", "--workers", "--model", "--quiet", "--json"):
        assert option in out
    assert "CAGRAPH_STORE" in out and "incrementally" in out
