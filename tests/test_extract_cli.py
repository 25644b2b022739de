"""`cagraph extract` writes one JSON per article in the documented shape."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from typer.testing import CliRunner

from cagraph.cli.main import app
from cagraph.records import output_json_schema

ARTICLE = (
    "# source: https://example.org/news/1\n\n"
    "Mongolia and Kazakhstan sign transit agreement\n\n"
    "ULAANBAATAR, Mongolia, March 3. Mongolia and Kazakhstan signed an agreement on transit "
    "transport during talks in Ulaanbaatar.\n"
)


def test_schema_file_in_repo_matches_the_records(repo_root):
    on_disk = json.loads((repo_root / "docs" / "extraction.schema.json").read_text("utf-8"))
    assert on_disk == output_json_schema()


def test_extract_writes_one_json_per_article_that_validates(tmp_path: Path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "mn-kz.txt").write_text(ARTICLE, encoding="utf-8")
    (src / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["extract", str(src), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    data = json.loads((out / "mn-kz.json").read_text("utf-8"))
    jsonschema.validate(data, output_json_schema())
    assert data["id"] == "mn-kz"
    assert data["url"] == "https://example.org/news/1"
    assert ["KZ", "MN"] in data["ties"]
    assert not (out / "empty.json").exists()
    assert "empty.txt" in result.output  # the bad file is reported, the batch goes on


def test_extract_jsonl_streams_to_stdout(tmp_path: Path):
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(src), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = [ln for ln in result.stdout.splitlines() if ln.startswith("{")]
    assert len(lines) == 1
    assert json.loads(lines[0])["id"] == "a"


def test_extract_of_a_missing_path_is_a_clear_error(tmp_path: Path):
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "nope"), "--out", str(tmp_path)])
    assert result.exit_code != 0
    assert "nope" in str(result.exception) or "nope" in result.output


def test_extract_no_model_writes_the_same_shape_with_the_rules_alone(tmp_path: Path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "mn-kz.txt").write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(src), "--out", str(tmp_path), "--no-model"])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "mn-kz.json").read_text("utf-8"))
    jsonschema.validate(data, output_json_schema())
    assert ["KZ", "MN"] in data["ties"]


def test_extract_refuses_model_and_no_model_together(tmp_path: Path):
    result = CliRunner().invoke(
        app, ["extract", str(tmp_path), "--out", str(tmp_path), "--no-model", "--model", "x"]
    )
    assert result.exit_code != 0
