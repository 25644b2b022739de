"""Nothing lost, nothing stopped by one input: an article too long for the extractor is refused
alone, in one line, by `build` (one process and a pool), `extract` and `POST /articles`, and the
others go on; `--prune` removes only articles whose inputs were read and are really gone — an
unreadable JSONL file, sub-folder or file keeps its articles and is reported.

Unreadable inputs are real: mode 000, and when the tests run as root the build runs in a child
process without the capabilities that let root read anything (setpriv)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_api_support import TOKEN, LiveServer, build_store, problem, settings_for
from test_build_support import V1, inputs
from typer.testing import CliRunner

from cagraph.cli.main import app
from cagraph.store import open_store

CAGRAPH = [sys.executable, "-c", "from cagraph.cli.main import main; main()"]
LIMIT = 1_000_000


def long_text(chars: int = LIMIT + 50_000) -> str:
    """Prose longer than the extractor's limit, every paragraph its own (none set aside as a
    duplicate), so that the article read is as long as the file."""
    paragraphs = ["A very long report on water"]
    i = 0
    while sum(len(p) + 2 for p in paragraphs) < chars:
        paragraphs.append(
            f"In paragraph {i}, the ministers of Kazakhstan and Uzbekistan reviewed point {i} "
            "of the joint water programme in Tashkent."
        )
        i += 1
    return "\n\n".join(paragraphs)


@pytest.fixture(scope="module")
def long_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The three test articles and, between them by name, one too long to extract."""
    folder = inputs(tmp_path_factory.mktemp("long") / "in")
    (folder / "kz_uz_long.txt").write_text(long_text(), encoding="utf-8")
    return folder


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


# -- long articles --------------------------------------------------------------------------------


@pytest.mark.parametrize("workers", ["1", "2"])
def test_build_refuses_an_article_too_long_alone_and_builds_the_others(
    long_folder: Path, tmp_path: Path, workers: str
) -> None:
    store = tmp_path / "store"
    code, out, _ = run(
        "build", str(long_folder), "--store", str(store), "-q", "--json", "-w", workers
    )
    assert code == 0
    report = json.loads(out)
    assert report["added"] == ["kg_tj_water", "kz_uz_energy", "kz_uz_forum"]
    (skipped,) = report["skipped"]
    assert skipped["path"].endswith("kz_uz_long.txt")
    assert "characters long, over the extractor's limit of 1,000,000" in skipped["reason"]
    assert "\n" not in skipped["reason"]
    with open_store(store, read_only=True) as built:
        assert sorted(built.article_hashes()) == report["added"]


def test_extract_refuses_an_article_too_long_alone(long_folder: Path) -> None:
    code, out, err = run("extract", str(long_folder), "--format", "jsonl", "-q")
    assert code == 0
    ids = [json.loads(line)["id"] for line in out.splitlines()]
    assert ids == ["kg_tj_water", "kz_uz_energy", "kz_uz_forum"]
    assert "kz_uz_long.txt: article is" in err and "extracted 3 article(s)" in err


def test_a_jsonl_line_too_long_is_refused_alone(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    lines = [
        {"id": "short", "text": "Kazakhstan and Uzbekistan signed a memorandum on water."},
        {"id": "long", "text": long_text()},
        {"id": "after", "text": "Tajikistan and Kyrgyzstan held talks in Batken."},
    ]
    feed.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    code, out, _ = run("build", str(feed), "--store", str(tmp_path / "store"), "-q", "--json")
    assert code == 0
    report = json.loads(out)
    assert report["added"] == ["short", "after"]
    (skipped,) = report["skipped"]
    assert skipped["reason"].startswith(f"article is {len(lines[1]['text']):,} characters long")
    assert skipped["path"].endswith("feed.jsonl")


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    folder = build_store(tmp_path_factory.mktemp("writes") / "store")
    with LiveServer(settings_for(folder, token=TOKEN)) as live:
        yield live


@pytest.mark.server
def test_posting_an_article_too_long_is_a_400_problem_not_a_500(writable: LiveServer) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with writable.client() as http:
        body = {"id": "too-long", "text": long_text()}
        refused = problem(http.post("/articles", json=body, headers=auth), 400)
        assert "over the extractor's limit of 1,000,000" in refused["detail"]
        assert refused["hint"] == "split it into shorter articles"
        assert http.get("/articles/too-long").status_code == 404
        fine = {"id": "fine", "text": "Kazakhstan and Uzbekistan signed a memorandum on water."}
        assert http.post("/articles", json=fine, headers=auth).status_code == 201


# -- prune ---------------------------------------------------------------------------------------


def locked(path: Path) -> None:
    path.chmod(0)


def build_child(folder: Path, store: Path) -> dict[str, object]:
    """`cagraph build --prune --json` in a child process that file permissions apply to."""
    args = [*CAGRAPH, "build", str(folder), "--store", str(store), "-q", "--prune", "--json"]
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.fail("running as root: the test needs setpriv (util-linux) to drop DAC override")
        args = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", *args]
    env = {k: v for k, v in os.environ.items() if not k.startswith("CAGRAPH_")}
    done = subprocess.run(args, capture_output=True, text=True, env=env, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    report: dict[str, object] = json.loads(done.stdout)
    return report


@pytest.fixture()
def built(tmp_path: Path) -> tuple[Path, Path]:
    """A folder — two article files at the top, one in a sub-folder, a JSONL file of two — and a
    store built from it."""
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(V1 / "kz_uz_energy.txt", folder / "kz_uz_energy.txt")
    shutil.copy(V1 / "kz_uz_forum.txt", folder / "kz_uz_forum.txt")
    shutil.copy(V1 / "kg_tj_water.txt", folder / "sub" / "kg_tj_water.txt")
    feed = [
        {"id": "feed-a", "text": "Kazakhstan and Uzbekistan signed a memorandum on water."},
        {"id": "feed-b", "text": "Tajikistan and Kyrgyzstan held talks in Batken on the border."},
    ]
    (folder / "feed.jsonl").write_text("\n".join(json.dumps(x) for x in feed) + "\n")
    store = tmp_path / "store"
    code, out, _ = run("build", str(folder), "--store", str(store), "-q")
    assert code == 0, out
    return folder, store


def stored(store: Path) -> list[str]:
    with open_store(store, read_only=True) as opened:
        return sorted(opened.article_hashes())


ALL = ["feed-a", "feed-b", "kg_tj_water", "kz_uz_energy", "kz_uz_forum"]


def test_prune_removes_the_article_whose_file_is_really_gone(built: tuple[Path, Path]) -> None:
    folder, store = built
    (folder / "kz_uz_forum.txt").unlink()
    report = build_child(folder, store)
    assert report["removed"] == ["kz_uz_forum"]
    assert stored(store) == [a for a in ALL if a != "kz_uz_forum"]


def test_an_unreadable_jsonl_file_keeps_its_articles_and_is_reported(
    built: tuple[Path, Path],
) -> None:
    folder, store = built
    (folder / "kz_uz_forum.txt").unlink()  # really gone, but not pruned while feed.jsonl is unknown
    locked(folder / "feed.jsonl")
    try:
        report = build_child(folder, store)
    finally:
        (folder / "feed.jsonl").chmod(0o644)
    assert report["removed"] == []
    reasons = {s["path"]: s["reason"] for s in report["skipped"]}  # type: ignore[union-attr]
    assert reasons[str(folder / "feed.jsonl")].startswith("cannot read the file")
    (note,) = report["notes"]  # type: ignore[misc]
    assert "prune skipped" in note and "feed.jsonl could not be read" in note
    assert stored(store) == ALL
    assert build_child(folder, store)["removed"] == ["kz_uz_forum"]  # readable again: pruned


def test_an_unreadable_sub_folder_keeps_its_articles_and_is_reported(
    built: tuple[Path, Path],
) -> None:
    folder, store = built
    locked(folder / "sub")
    try:
        report = build_child(folder, store)
    finally:
        (folder / "sub").chmod(0o755)
    assert report["removed"] == []
    reasons = {s["path"]: s["reason"] for s in report["skipped"]}  # type: ignore[union-attr]
    assert reasons[str(folder / "sub")].startswith("cannot read the folder")
    assert any("sub could not be read" in n for n in report["notes"])  # type: ignore[union-attr]
    assert stored(store) == ALL


def test_an_unreadable_article_file_keeps_its_article_and_the_gone_one_is_pruned(
    built: tuple[Path, Path],
) -> None:
    folder, store = built
    (folder / "kz_uz_forum.txt").unlink()
    locked(folder / "kz_uz_energy.txt")
    try:
        report = build_child(folder, store)
    finally:
        (folder / "kz_uz_energy.txt").chmod(0o644)
    assert report["removed"] == ["kz_uz_forum"]
    reasons = {s["path"]: s["reason"] for s in report["skipped"]}  # type: ignore[union-attr]
    assert reasons[str(folder / "kz_uz_energy.txt")].startswith("cannot read the file")
    assert stored(store) == ["feed-a", "feed-b", "kg_tj_water", "kz_uz_energy"]


# -- JSONL as news crawlers write it ------------------------------------------------------------


def test_news_please_lines_are_read_with_their_own_field_names(tmp_path: Path) -> None:
    feed = tmp_path / "crawl.jsonl"
    lines = [
        {  # news-please
            "url": "https://news.example.org/2024/kz-uz-water",
            "title": "Kazakhstan and Uzbekistan sign water memorandum",
            "date_publish": "2024-05-06 10:31:00",
            "maintext": "Kazakhstan and Uzbekistan signed a memorandum on water in Tashkent.",
            "description": None,
            "language": "en",
            "source_domain": "news.example.org",
        },
        {  # newspaper3k / trafilatura style, with an id of its own
            "id": "tj-kg-talks",
            "link": "https://news.example.org/2024/tj-kg",
            "headline": "Border talks in Batken",
            "publish_date": "2024-06-01T08:00:00Z",
            "text": "Tajikistan and Kyrgyzstan held talks in Batken on the border.",
        },
        {"url": "https://news.example.org/empty", "maintext": None, "title": "No text"},
    ]
    feed.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    code, out, err = run("extract", str(feed), "--format", "jsonl", "-q")
    assert code == 0, err
    first, second = (json.loads(line) for line in out.splitlines())
    assert first["id"].startswith("url-") and len(first["id"]) == 20
    assert first["url"] == lines[0]["url"] and first["published"] == "2024-05-06"
    assert first["title"] == lines[0]["title"]
    assert {e["iso"] for e in first["entities"] if e["type"] == "Country"} == {"KZ", "UZ"}
    assert second["id"] == "tj-kg-talks" and second["published"] == "2024-06-01"
    assert second["url"] == lines[1]["link"] and second["title"] == "Border talks in Batken"
    assert "crawl.jsonl:3: field 'text': missing or empty (looked for text, maintext" in err
    again, _, _ = run("extract", str(feed), "--format", "jsonl", "-q")
    assert again == 0
    # the same line gets the same id on every run (named after its URL): builds stay incremental


def test_extract_writes_a_spreadsheet_row_per_item(tmp_path: Path) -> None:
    import io

    import pandas as pd

    folder = inputs(tmp_path / "in")
    code, out, _ = run("extract", str(folder), "--format", "csv", "-q")
    assert code == 0
    frame = pd.read_csv(io.StringIO(out), dtype=str, keep_default_na=False)
    code, lines, _ = run("extract", str(folder), "--format", "jsonl", "-q")
    articles = [json.loads(line) for line in lines.splitlines()]
    expected = sum(
        len(a["entities"]) + len(a["agreements"]) + len(a["events"]) + len(a["tie_evidence"])
        for a in articles
    )
    assert len(frame) == expected
    assert set(frame["item"]) == {"entity", "agreement", "event", "tie"}
    assert set(frame["article_id"]) == {a["id"] for a in articles}
    agreements = frame[frame["item"] == "agreement"]
    first = next(a for a in articles if a["agreements"])["agreements"][0]
    row = agreements[agreements["name"] == first["name"]].iloc[0]
    assert row["kind"] == first["kind"] and row["parties"] == " | ".join(first["parties"])
    assert row["sentence"] == first["evidence"]["sentence"]
