"""Batches: folders, JSONL, ids, and a report that lists what was skipped and why."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cagraph.errors import InputError
from cagraph.ingest import (
    IngestReport,
    article_from_text,
    article_id_from_path,
    iter_articles,
    validate_article_id,
)
from cagraph.settings import Settings

BATCH = Path(__file__).parent / "data" / "ingest" / "batch"


def _run(*paths: Path, settings: Settings | None = None) -> tuple[list[str], IngestReport]:
    report = IngestReport()
    ids = [a.id for a in iter_articles(list(paths), settings=settings, report=report)]
    return ids, report


def _skipped(report: IngestReport) -> dict[str, str]:
    out = {}
    for item in report.skipped:
        name = Path(item.path).name
        out[f"{name}:{item.line}" if item.line else name] = item.reason
    return out


def test_folder_with_good_and_bad_files_reads_the_good_and_reports_the_bad() -> None:
    ids, report = _run(BATCH)
    assert ids == ["feed-1", "feed-5", "good_one", "good_two"]
    skipped = _skipped(report)
    assert "empty" in skipped["empty.txt"]
    assert "whitespace" in skipped["blank.txt"]
    assert "binary" in skipped["picture.txt"]
    assert report.articles == 4
    assert report.files_read == 3
    assert report.ignored == {"gold annotation": 1, ".md": 1}


def test_jsonl_bad_lines_are_reported_with_their_numbers() -> None:
    _, report = _run(BATCH / "feed.jsonl")
    skipped = _skipped(report)
    assert "not a safe slug" in skipped["feed.jsonl:2"]
    assert "not valid JSON" in skipped["feed.jsonl:3"]
    assert "field 'published'" in skipped["feed.jsonl:4"]
    assert set(skipped) == {"feed.jsonl:2", "feed.jsonl:3", "feed.jsonl:4"}


def test_jsonl_line_carries_its_metadata() -> None:
    report = IngestReport()
    first = next(iter_articles([BATCH / "feed.jsonl"], report=report))
    assert first.id == "feed-1"
    assert first.url == "https://news.example.org/feed/1"
    assert first.published == "2024-09-02"
    assert first.title == "Kazakhstan and China open a logistics hub"
    assert first.text.split("\n\n")[0] == first.title


def test_jsonl_missing_field_and_non_object_lines_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "lines.jsonl"
    good = {"id": "x3", "text": "Talks in Bishkek went on."}
    lines = [{"id": "x1"}, ["not", "an", "object"], good]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    ids, report = _run(path)
    assert ids == ["x3"]
    skipped = _skipped(report)
    assert "field 'text'" in skipped["lines.jsonl:1"]
    assert "not a JSON object" in skipped["lines.jsonl:2"]


def test_jsonl_line_over_the_size_limit_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"id": "big", "text": "Trade talks. " * 50}) + "\n")
    ids, report = _run(path, settings=Settings(max_file_bytes=200))
    assert ids == []
    assert "over the limit" in report.skipped[0].reason


def test_duplicate_ids_are_reported_not_read_twice(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for folder in ("a", "b"):
        (tmp_path / folder / "same.txt").write_text("Uzbekistan and Kazakhstan met in Shymkent.")
    ids, report = _run(tmp_path)
    assert ids == ["same"]
    assert "duplicate article id 'same'" in report.skipped[0].reason


def test_missing_path_is_reported_and_the_batch_goes_on(tmp_path: Path) -> None:
    ids, report = _run(tmp_path / "absent", BATCH / "good_one.txt")
    assert ids == ["good_one"]
    assert "no such file" in report.skipped[0].reason


def test_summary_names_counts_and_skipped_inputs() -> None:
    _, report = _run(BATCH)
    summary = report.summary()
    assert "4 articles from 3 files" in summary
    assert "6 inputs skipped" in summary
    assert "gold annotation 1" in summary
    assert "feed.jsonl:2: article id" in summary
    assert len(summary.splitlines()) < 12


def test_summary_counts_set_aside_segments_and_non_english(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(
        "Kazakhstan and Kyrgyzstan agreed on a joint water plan for the Chu river.\n\n"
        "Source: Example Agency\n\n"
        "Правительства двух стран подписали соглашение о воде в Бишкеке.\n"
    )
    _, report = _run(tmp_path)
    assert report.set_aside == {"credit": 1, "non-english": 1}
    assert report.non_english_paragraphs == 1
    assert "non-English paragraphs skipped: 1" in report.summary()


@pytest.mark.parametrize(
    "bad",
    ["", "../x", "..", "a/b", "a\\b", "/etc/passwd", "a\x00b", "line\nbreak", " x", "x" * 129],
)
def test_hostile_ids_are_refused(bad: str) -> None:
    with pytest.raises(InputError):
        validate_article_id(bad)
    with pytest.raises(InputError):
        article_from_text(bad, "Tajikistan and Kyrgyzstan resumed border talks.")


@pytest.mark.parametrize("good", ["d01", "000_6a83d99e0c3318d6", "kz-uz.2024", "A1"])
def test_safe_ids_are_accepted(good: str) -> None:
    assert validate_article_id(good) == good


def test_id_from_path_is_the_name_without_its_extension() -> None:
    assert article_id_from_path(Path("/x/d01.txt")) == "d01"
    assert article_id_from_path(Path("/x/report.v2.html")) == "report.v2"
    assert article_id_from_path(Path("/x/..hidden..name.txt")) == "hidden.name"
