"""``cagraph export``: formats from the file name or --format, filters, stdout, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_graph_support import conformance_dir, corpus_folder
from typer.testing import CliRunner

from cagraph.cli.main import app
from cagraph.nlp import Extractor

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def store_dir(
    tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path, extractor: Extractor
) -> Path:
    return corpus_folder(tmp_path_factory, corpus_dir, extractor)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["export", *args])
    return result.exit_code, result.stdout, result.stderr


def test_export_writes_the_format_its_file_name_names_and_checks_it(
    store_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "ties.gexf"
    check = ("--check", "--schemas", str(conformance_dir()))
    code, _, err = run("--store", str(store_dir), "-o", str(target), *check)
    assert code == 0, err
    assert "nodes" in err and "valid gexf-1.3" in err
    assert target.read_bytes().startswith(b"<?xml")
    assert target.stat().st_mode & 0o044  # readable like any file the user writes
    assert not list(target.parent.glob(".export-*"))


def test_export_applies_the_filters(store_dir: Path, tmp_path: Path) -> None:
    everything, some = tmp_path / "all.d3.json", tmp_path / "some.d3.json"
    assert run("--store", str(store_dir), "-g", "full", "-o", str(everything))[0] == 0
    filters = ("--since", "2020", "--kind", "agreement", "--countries", "KZ,UZ")
    code, _, err = run("--store", str(store_dir), "-g", "full", "-o", str(some), *filters)
    assert code == 0, err
    all_nodes = json.loads(everything.read_bytes())["nodes"]
    kept = json.loads(some.read_bytes())["nodes"]
    assert 0 < len(kept) < len(all_nodes)
    acts = [n for n in kept if n["type"] in ("Agreement", "Event")]
    assert acts and all(n["type"] == "Agreement" for n in acts)
    assert all(set(n["countries"]) & {"KZ", "UZ"} for n in acts)


def test_export_to_stdout_needs_and_uses_format(store_dir: Path) -> None:
    code, out, _ = run("--store", str(store_dir), "-g", "ties", "-f", "nt", "-o", "-")
    assert code == 0 and "<https://w3id.org/cagraph/id/tie/" in out
    code, _, _ = run("--store", str(store_dir), "-o", "-")
    assert code != 0


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["-o", "x.png"], "cannot tell the export format"),
        (["-o", "x.gexf", "-g", "everything"], "unknown graph"),
        (["-o", "x.gexf", "--kind", "pact"], "unknown kind"),
        (["-o", "x.gexf", "--since", "2025", "--until", "2024"], "is after until"),
        (["-o", "x.gexf", "-f", "pdf"], "unknown export format"),
    ],
)
def test_export_refuses_bad_input_with_a_hint(
    store_dir: Path, tmp_path: Path, args: list[str], words: str
) -> None:
    args = [a if not a.startswith("x.") else str(tmp_path / a) for a in args]
    result = CliRunner().invoke(app, ["export", "--store", str(store_dir), *args])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and words in result.stderr
    assert not list(tmp_path.iterdir())
