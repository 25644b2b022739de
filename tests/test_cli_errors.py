"""Every command, given a user's mistake, through the real app with the CLI runner: one line on
stderr that names what is wrong (no traceback), an exit code that says it failed, and nothing
created or written on the way."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_build_support import inputs
from typer.testing import CliRunner

from cagraph.cli.main import app
from cagraph.store import open_store


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"cagraph {' '.join(args)} raised {result.exception!r}")
    return result.exit_code, result.stdout, result.stderr


def dump(store: Path) -> bytes:
    with open_store(store, read_only=True) as opened:
        return opened.dump("nquads")


def one_line_error(err: str, *names: str) -> str:
    """The error line of stderr, after checking it is one line naming each of ``names``."""
    assert "Traceback" not in err, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("error: "), err
    for name in names:
        assert name in lines[0], (name, err)
    return lines[0]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = inputs(tmp_path_factory.mktemp("in") / "articles")
    target = tmp_path_factory.mktemp("built") / "store"
    code, out, _ = run("build", str(folder), "--store", str(target), "-q")
    assert code == 0, out
    return target


def test_serve_a_store_that_does_not_exist_is_one_line_before_anything_starts(
    tmp_path: Path,
) -> None:
    missing = tmp_path / "no-store"
    code, out, err = run("serve", "--store", str(missing), "--port", "1")
    assert code == 2
    one_line_error(err, str(missing), "no store")
    assert "serving" not in out
    assert not missing.exists()


def test_build_of_a_missing_input_creates_no_store_and_does_not_claim_one(tmp_path: Path) -> None:
    target = tmp_path / "var" / "store"
    code, out, _ = run("build", str(tmp_path / "nope"), "--store", str(target), "-q")
    assert code == 1
    assert "nope: no such file or folder" in out
    assert "built with" not in out and "no store was created" in out
    assert not target.exists() and not target.parent.exists()


def test_build_that_reads_nothing_leaves_an_existing_store_as_it_was(
    store: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    before = dump(store)
    code, out, _ = run("build", str(empty), "--store", str(store), "-q")
    assert code == 1 and "not written (no article was read)" in out
    assert store.is_dir() and dump(store) == before


def test_extract_that_reads_nothing_exits_1(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.png").write_bytes(b"\x89PNG\r\n")
    code, _, err = run("extract", str(folder), "--format", "jsonl", "-q")
    assert code == 1
    assert "empty.txt: file is empty" in err and "extracted 0 article(s)" in err


def test_extract_of_a_missing_input_is_one_line(tmp_path: Path) -> None:
    code, _, err = run("extract", str(tmp_path / "nope"), "--out", str(tmp_path / "out"))
    assert code == 2
    one_line_error(err, "nope", "no such file")


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (("stats",), ["no store"]),
        (("query", "ASK {}"), ["no store"]),
        (("export", "-o", "{tmp}/ties.gexf"), ["no store"]),
        (("remove", "some-article"), ["no store"]),
        (("validate",), ["no store"]),
    ],
)
def test_commands_on_a_store_that_does_not_exist_say_so_in_one_line(
    tmp_path: Path, args: tuple[str, ...], names: list[str]
) -> None:
    missing = tmp_path / "nowhere"
    filled = [a.replace("{tmp}", str(tmp_path)) for a in args]
    code, _, err = run(*filled, "--store", str(missing))
    assert code == 2
    one_line_error(err, str(missing), *names)
    assert not missing.exists()


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (("query", "SELEC ?x"), ["malformed SPARQL", "1:"]),
        (("query", "--file", "{tmp}/none.rq"), ["none.rq"]),
        (("remove", "no-such-article"), ["no-such-article"]),
        (("export", "-o", "{tmp}/ties.zzz"), ["ties.zzz", "--format"]),
        (("export", "-o", "-"), ["--format"]),
        (("validate", "--shapes", "{tmp}/none.ttl"), ["none.ttl"]),
        (("load", "{tmp}/none.ttl"), ["none.ttl", "no such file"]),
    ],
)
def test_mistakes_on_a_real_store_are_one_line_and_exit_2(
    store: Path, tmp_path: Path, args: tuple[str, ...], names: list[str]
) -> None:
    filled = [a.replace("{tmp}", str(tmp_path)) for a in args]
    code, _, err = run(*filled, "--store", str(store))
    assert code == 2, err
    one_line_error(err, *names)


def test_eval_of_a_missing_gold_folder_is_one_line(tmp_path: Path) -> None:
    code, _, err = run("eval", str(tmp_path / "gold"))
    assert code == 2
    one_line_error(err, "gold", "not a folder")


@pytest.mark.parametrize(
    "args",
    [
        ("build", "--workers", "0", "x"),
        ("serve", "--port", "70000"),
        ("schema", "extra"),
        ("query", "--timeout", "0", "ASK {}"),
        ("no-such-command",),
    ],
)
def test_usage_mistakes_exit_2_with_the_usage_and_no_traceback(args: tuple[str, ...]) -> None:
    code, _, err = run(*args)
    assert code == 2
    assert "Traceback" not in err and "Error:" in err and "--help" in err
